import { describe, expect, it } from 'vitest'
import { computeLayout, fullTickRange } from './layout.ts'
import type { LabelGeom } from './labels.ts'
import { presetLog } from './testRuns.ts'

const overlap = (a: LabelGeom, b: LabelGeom): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('type scale and label collisions', () => {
  const presets = ['basic', 'racing-adopt', 'dueling', 'message-loss', 'partition']
  it.each(presets)('%s: labels never overlap, at any zoom and type scale', (id) => {
    const log = presetLog(id)
    const last = log[log.length - 1]?.step ?? 0
    const [, end] = fullTickRange(log)
    for (const typeScale of [1, 1.5, 1.9]) {
      for (const span of [end + 8, 160, 80, 40]) {
        for (const step of [Math.floor(last / 3), last]) {
          const l = computeLayout(log, step, {
            width: 1280,
            height: 560,
            viewTicks: [Math.max(-4, end - span), end],
            typeScale,
          })
          expect(l.labelFontPx).toBe(Math.round(14 * typeScale))
          for (const [i, a] of l.labels.entries()) {
            expect(a.h).toBe(l.labelFontPx + 8)
            for (const b of l.labels.slice(i + 1)) {
              expect(overlap(a, b), `${a.text} / ${b.text} at ${typeScale}×, span ${span}`).toBe(false)
            }
          }
        }
      }
    }
  })

  it('labels a projector-sized layout at 21 px and up, and draws fewer labels rather than overlap', () => {
    const log = presetLog('racing-adopt')
    const base = computeLayout(log, 30, { width: 1280, height: 560, viewTicks: [-4, 76] })
    const big = computeLayout(log, 30, { width: 1280, height: 560, viewTicks: [-4, 76], typeScale: 1.5 })
    expect(big.labelFontPx).toBeGreaterThanOrEqual(21)
    expect(big.labels.length).toBeLessThanOrEqual(base.labels.length)
    expect(big.labels.length).toBeGreaterThan(0)
  })
})
