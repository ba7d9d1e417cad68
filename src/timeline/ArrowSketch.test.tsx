import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { placeGlyph, sketchLooks } from './ArrowSketch.tsx'
import * as glyphs from './glyphs.ts'
import { ARROW_HEAD, SELF_LOOP } from './glyphs.ts'
import { computeLayout } from './layout.ts'
import { BALLOT_HUE_COUNT } from './palette.ts'
import { Plot } from './Plot.tsx'
import { racingLog } from './testRuns.ts'

const noop = () => {}
const handlers = { onKeyDown: noop, onPointerOver: noop, onPointerLeave: noop, onFocus: noop, onBlur: noop }
const layoutAt = (step: number) =>
  computeLayout(racingLog(), step, { width: 1280, height: 480, viewTicks: [-4, 76], arrowLabels: false })

describe('ArrowSketch', () => {
  it('places a glyph by rotating it about its origin and moving it', () => {
    expect(placeGlyph(ARROW_HEAD, 100, 50, 0)).toBe('M100 50 L87 44 L90 50 L87 56 Z')
    // Pointing down (90°): the head's back is above its tip.
    expect(placeGlyph(ARROW_HEAD, 100, 50, 90)).toBe('M100 50 L106 37 L100 40 L94 37 Z')
  })

  it('places every glyph as a fresh parse of its path would (glyphs are parsed once)', () => {
    const r1 = (v: number): number => Math.round(v * 10) / 10
    const reparse = (d: string, x: number, y: number, deg: number, scale: number): string => {
      const [cos, sin] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)]
      return d.replace(/(-?\d*\.?\d+) (-?\d*\.?\d+)/g, (_, a: string, b: string) => {
        const [px, py] = [Number(a) * scale, Number(b) * scale]
        return `${r1(x + px * cos - py * sin)} ${r1(y + px * sin + py * cos)}`
      })
    }
    const paths = Object.values(glyphs).filter((g): g is string => typeof g === 'string')
    expect(paths.length).toBeGreaterThan(5)
    for (const d of paths)
      for (const [x, y, deg, scale] of [
        [0, 0, 0, 1],
        [100.37, 52.9, 33.3, 0.6],
        [-8, 410.05, 271, 1.5],
      ] as const) {
        expect(placeGlyph(d, x, y, deg, scale)).toBe(reparse(d, x, y, deg, scale))
        // Twice: the second call uses the cached parse.
        expect(placeGlyph(d, x, y, deg, scale)).toBe(reparse(d, x, y, deg, scale))
      }
  })

  it('draws every arrow of one look in the same paths, where the full arrow draws it', () => {
    const layout = layoutAt(30)
    const arrows = layout.arrows.filter((a) => !a.self)
    const { looks, crosses } = sketchLooks(arrows)
    expect(looks.length).toBeLessThan(arrows.length / 2)
    const segments = looks.reduce((n, l) => n + (l.shafts.match(/M/g) ?? []).length, 0)
    expect(segments).toBe(arrows.length)
    for (const a of arrows) {
      const look = looks.find(
        (l) =>
          l.className.includes(`tl-${a.kind} tl-${a.state}`) &&
          l.shafts.includes(`L${Math.round(a.x2 * 10) / 10} `),
      )
      expect(look, `arrow #${a.id}`).toBeDefined()
      // Only a message not yet delivered has the dotted rest of its way.
      const ghost = `M${Math.round(a.x2 * 10) / 10} ${Math.round(a.y2 * 10) / 10}L`
      if (a.state === 'delivered') expect(look?.ghosts.includes(ghost) ?? false).toBe(false)
      else expect(look?.ghosts).toContain(ghost)
    }
    expect(crosses).toBe('')
  })

  it('keeps the arrows someone looks at whole and named; the rest, self-messages too, are not buttons', () => {
    const layout = layoutAt(30)
    const selected = layout.arrows.find((a) => !a.self && a.state === 'delivered')
    if (!selected) throw new Error('no delivered arrow')
    const html = renderToStaticMarkup(
      <svg>
        <Plot
          layout={layout}
          idPrefix="t"
          activeId={null}
          related={new Set()}
          selectedMsgId={selected.id}
          tabStopId={null}
          arrowHandlers={handlers}
          sketch
        />
      </svg>,
    )
    const whole = [...html.matchAll(/data-msg-id="(\d+)"/g)].map((m) => Number(m[1]))
    expect(whole).toEqual([selected.id])
    expect(html).toContain('class="tl-sketches" aria-hidden="true"')
  })

  it('sketches a self-message as its loop and dot, in a look of its own', () => {
    const layout = layoutAt(30)
    const selfs = layout.arrows.filter((a) => a.self)
    expect(selfs.length).toBeGreaterThan(0)
    const { looks } = sketchLooks(layout.arrows)
    for (const a of selfs) {
      const look = looks.find((l) => l.self && l.shafts.includes(placeGlyph(SELF_LOOP, a.x1, a.y1, 0)))
      expect(look, `self-message #${a.id}`).toBeDefined()
      expect(look?.className).toContain('tl-self')
      expect(look?.heads).toBe('')
    }
    // No other look draws a loop.
    expect(looks.filter((l) => !l.self).some((l) => l.shafts.includes('C'))).toBe(false)
  })

  it('keeps the looks in one order whichever arrows come first (no group moves while scrubbing)', () => {
    const arrows = layoutAt(30).arrows
    const keys = (xs: typeof arrows) => sketchLooks(xs).looks.map((l) => l.key)
    expect(keys([...arrows].reverse())).toEqual(keys(arrows))
    expect(keys(arrows)).toEqual([...keys(arrows)].sort())
  })

  it('shares one look among ballots of the same colour (looks survive a scrub to later ballots)', () => {
    const arrows = layoutAt(30).arrows.filter((a) => !a.self && a.hue !== null)
    const first = arrows[0]
    if (!first || first.hue === null) throw new Error('no arrow with a ballot hue')
    const later = { ...first, id: 9999, hue: first.hue + BALLOT_HUE_COUNT }
    const { looks } = sketchLooks([first, later])
    expect(looks).toHaveLength(1)
    expect(looks[0]?.style).toEqual(sketchLooks([first]).looks[0]?.style)
  })
})
