import { describe, expect, it } from 'vitest'
import { computeLayout } from './layout.ts'
import { presetLog, racingLog } from './testRuns.ts'

describe('lecture colours: one colour per proposer', () => {
  it('gives a proposer one slot for all its ballots, and replies the slot of the proposer they answer', () => {
    const dueling = presetLog('dueling')
    const l = computeLayout(dueling, 120, { width: 1280, height: 480 })
    const requests = l.arrows.filter((a) => a.kind === 'request')
    const byProposer = new Map<number, Set<number | null>>()
    for (const a of requests)
      byProposer.set(a.from, (byProposer.get(a.from) ?? new Set()).add(a.proposerSlot))
    // P1 proposes first, P3 second; each keeps its slot across its many ballots.
    expect(byProposer.get(1)).toEqual(new Set([0]))
    expect(byProposer.get(3)).toEqual(new Set([1]))
    expect(new Set(requests.map((a) => a.hue)).size).toBeGreaterThan(2)
    for (const a of l.arrows.filter((x) => x.kind === 'ack' || x.kind === 'reject')) {
      expect(a.proposerSlot).toBe(a.to === 1 ? 0 : 1)
    }
  })

  it('colours ballot marks and lane status by proposer, and labels ACKs as such', () => {
    const l = computeLayout(racingLog(), 30, { width: 1280, height: 480, viewTicks: [-4, 76] })
    const flags = l.marks.filter((m) => m.kind === 'ballot')
    expect(flags.map((m) => [m.pid, m.proposerSlot])).toEqual([
      [1, 0],
      [3, 1],
    ])
    expect(l.lanes.map((la) => la.proposerSlot)).toEqual([0, null, 1, null, null])
    const ackLabels = l.labels.filter((b) => b.ack)
    expect(ackLabels.length).toBeGreaterThan(0)
    expect(ackLabels.every((b) => /^(promise|accepted)/.test(b.text))).toBe(true)
  })
})
