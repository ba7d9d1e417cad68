import { describe, expect, it } from 'vitest'
import type { Intervention } from '../engine/index.ts'
import { allPresets, presetById } from './presets.ts'
import type { Scenario } from './scenario.ts'
import { decodeScenarioLink, encodeScenarioHash } from './url.ts'

/** A lecture's worth of tinkering: 48 interventions of every kind on the racing example. */
function busyScenario(): Scenario {
  const base = presetById('racing-adopt')!.scenario
  const kinds = (i: number): Intervention => {
    const pid = (i % 5) + 1
    switch (i % 6) {
      case 0:
        return { type: 'propose', pid, value: `v${i}` }
      case 1:
        return { type: 'crash', pid }
      case 2:
        return { type: 'recover', pid }
      case 3:
        return { type: 'drop', msgId: 10 + i }
      case 4:
        return { type: 'deliver', msgId: 20 + i }
      default:
        return {
          type: 'partition',
          groups: [
            [1, 2],
            [3, 4, 5],
          ],
        }
    }
  }
  const interventions = Array.from({ length: 48 }, (_, i) => ({ step: 3 + i * 4, action: kinds(i) }))
  return { ...base, interventions: [...base.interventions, ...interventions], cursor: 150 }
}

describe('link sizes', () => {
  it('every preset and a busy lecture scenario stay well under 2,000 characters', () => {
    const sizes: Record<string, number> = {}
    for (const p of allPresets()) sizes[p.id] = encodeScenarioHash({ ...p.scenario, cursor: 12 }).length + 1
    const busy = busyScenario()
    sizes['busy (48 interventions)'] = encodeScenarioHash(busy).length + 1
    console.info(`link hash sizes (chars, incl. "#"): ${JSON.stringify(sizes, null, 1)}`)
    // 1,900: the racing example carries the lecture’s six beats (a caption per slide) and the
    // answers to its question in its link.
    for (const n of Object.values(sizes)) expect(n).toBeLessThan(1900)
    const round = decodeScenarioLink(encodeScenarioHash(busy))
    expect(round).toEqual({ ok: true, scenario: busy })
  })
})
