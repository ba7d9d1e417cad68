import { describe, expect, it } from 'vitest'
import { computeLayout } from './layout.ts'
import type { LookPaint, PiecePaint, SketchContext } from './sketchDraw.ts'
import { drawFrame, sketchFrame, unpack, type PaintsSent, type SketchTarget } from './sketchFrame.ts'
import { sketchLooks } from './sketchLooks.ts'
import { racingLog } from './testRuns.ts'

const arrows = computeLayout(racingLog(), 30, {
  width: 1280,
  height: 480,
  viewTicks: [-4, 76],
  arrowLabels: false,
}).arrows
const solid: PiecePaint = {
  fill: 'blue',
  stroke: 'blue',
  width: 2,
  dash: [],
  cap: 'round',
  join: 'round',
  miterLimit: 4,
  fillAlpha: 1,
  strokeAlpha: 1,
}
const paint: LookPaint = { opacity: 1, ghost: solid, shaft: solid, tail: solid, head: solid, queued: solid }
const paints = (generation: number) => ({ paintOf: () => paint, generation, cross: solid })
const place = { originX: 0, cssWidth: 300, cssHeight: 100, dpr: 2 }

describe('a sketch frame', () => {
  it('packs every arrow of every look and unpacks them as they were', () => {
    const quiet = { ...arrows[0]!, id: 999, quiet: true }
    const grouped = sketchLooks([...arrows, quiet])
    const frame = sketchFrame(grouped, place, paints(0), { keys: new Set(), generation: -1 })
    const [under, over] = frame.layers.map(unpack)
    expect(under?.looks.map((l) => l.key)).toEqual(grouped.looks.filter((l) => l.quiet).map((l) => l.key))
    const sent = [...(under?.looks ?? []), ...(over?.looks ?? [])].sort((a, b) => (a.key < b.key ? -1 : 1))
    expect(sent).toEqual(
      grouped.looks.map((l) => ({
        key: l.key,
        quiet: l.quiet,
        self: l.self,
        arrows: l.arrows.map(({ x1, y1, x2, y2, tx, ty, angle, progress, state, kind, self }) => ({
          x1,
          y1,
          x2,
          y2,
          tx,
          ty,
          angle,
          progress,
          state,
          kind,
          self,
        })),
      })),
    )
    expect(over?.crosses).toEqual(grouped.crosses)
  })

  it('carries a look’s paint the first time only, and all of them again after a new reading', () => {
    const sent: PaintsSent = { keys: new Set(), generation: -1 }
    const grouped = sketchLooks(arrows)
    const first = sketchFrame(grouped, place, paints(0), sent)
    expect(first.paints.map(([k]) => k)).toEqual(grouped.looks.map((l) => l.key))
    expect(first.resetPaints).toBe(true)
    const again = sketchFrame(grouped, place, paints(0), sent)
    expect([again.paints.length, again.resetPaints]).toEqual([0, false])
    const reread = sketchFrame(grouped, place, paints(1), sent)
    expect([reread.paints.length, reread.resetPaints]).toEqual([grouped.looks.length, true])
  })

  it('sizes each canvas to the frame in device pixels, and leaves an empty canvas alone', () => {
    const calls: string[] = []
    const ctx = new Proxy({} as SketchContext, {
      get: (_, name) =>
        name === 'setLineDash' || typeof name !== 'string'
          ? () => {}
          : (...a: unknown[]) => calls.push(`${name} ${a.join(' ')}`),
      set: () => true,
    })
    const target: SketchTarget = {
      surfaces: [
        { canvas: { width: 1, height: 1 }, ctx, drawn: false },
        { canvas: { width: 1, height: 1 }, ctx, drawn: false },
      ],
      paints: new Map(),
    }
    const frame = sketchFrame(sketchLooks(arrows), place, paints(0), { keys: new Set(), generation: -1 })
    drawFrame(target, frame)
    expect(target.surfaces.map((s) => [s.canvas.width, s.canvas.height, s.drawn])).toEqual([
      [1, 1, false], // no quiet arrows: nothing to draw on the quiet canvas
      [600, 200, true],
    ])
    expect(calls).toContain('clearRect 0 0 600 200')
    // The paints stay with the target: the next frame (which carries none) draws with them.
    const next = sketchFrame(sketchLooks(arrows), place, paints(0), {
      keys: new Set(frame.paints.map(([k]) => k)),
      generation: 0,
    })
    expect(next.paints).toEqual([])
    expect(() => drawFrame(target, next)).not.toThrow()
  })
})
