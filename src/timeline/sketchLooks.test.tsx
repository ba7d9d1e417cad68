import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import * as glyphs from './glyphs.ts'
import { ARROW_HEAD, SELF_LOOP } from './glyphs.ts'
import { computeLayout } from './layout.ts'
import { BALLOT_HUE_COUNT } from './palette.ts'
import { Plot } from './Plot.tsx'
import { parseGlyph, sketchLooks, traceGlyph, type PathSink } from './sketchLooks.ts'
import { racingLog } from './testRuns.ts'

const noop = () => {}
const handlers = { onKeyDown: noop, onPointerOver: noop, onPointerLeave: noop, onFocus: noop, onBlur: noop }
const layoutAt = (step: number) =>
  computeLayout(racingLog(), step, { width: 1280, height: 480, viewTicks: [-4, 76], arrowLabels: false })

/** A path sink that writes what it is given as SVG path data (to one decimal). */
function pathText(): PathSink & { text: string } {
  const r = (v: number) => Math.round(v * 10) / 10
  const sink = {
    text: '',
    moveTo: (x: number, y: number) => void (sink.text += `M${r(x)} ${r(y)}`),
    lineTo: (x: number, y: number) => void (sink.text += `L${r(x)} ${r(y)}`),
    bezierCurveTo: (a: number, b: number, c: number, d: number, x: number, y: number) =>
      void (sink.text += `C${r(a)} ${r(b)} ${r(c)} ${r(d)} ${r(x)} ${r(y)}`),
    closePath: () => void (sink.text += 'Z'),
  }
  return sink
}

describe('sketch looks and glyphs', () => {
  it('traces a glyph rotated about its origin and moved', () => {
    const at = (deg: number) => {
      const s = pathText()
      traceGlyph(s, ARROW_HEAD, 100, 50, deg)
      return s.text
    }
    expect(at(0)).toBe('M100 50L87 44L90 50L87 56Z')
    // Pointing down (90°, SVG's clockwise sense): the head's back is above its tip.
    expect(at(90)).toBe('M100 50L106 37L100 40L94 37Z')
    const loop = pathText()
    traceGlyph(loop, SELF_LOOP, 10, 20, 0)
    expect(loop.text).toBe('M10 20C-1 1 21 1 10 20')
  })

  it('parses every glyph into its commands, each point where the path text has it', () => {
    const paths = Object.values(glyphs).filter((g): g is string => typeof g === 'string')
    expect(paths.length).toBeGreaterThan(5)
    for (const d of paths) {
      const ops = parseGlyph(d)
      const numbers = d.match(/-?\d*\.?\d+/g)?.map(Number) ?? []
      expect(ops.flatMap((o) => o.pts)).toEqual(numbers)
      expect(ops.map((o) => o.op).join('')).toMatch(/^M[MLCZ]*$/)
      expect(parseGlyph(d)).toBe(ops) // parsed once
    }
    // Two points after one M are a move and a line (SVG's rule).
    expect(parseGlyph('M0 0 1 1').map((o) => o.op)).toEqual(['M', 'L'])
  })

  it('puts every arrow in exactly one look, of its kind and state', () => {
    const arrows = layoutAt(30).arrows
    const { looks } = sketchLooks(arrows)
    expect(looks.length).toBeLessThan(arrows.length / 2)
    expect(looks.reduce((n, l) => n + l.arrows.length, 0)).toBe(arrows.length)
    for (const l of looks)
      for (const a of l.arrows) {
        expect(l.className).toContain(`tl-${a.kind} tl-${a.state}`)
        expect(l.self).toBe(a.self)
        expect(l.className.includes('tl-self')).toBe(a.self)
      }
  })

  it('keeps the looks in one order whichever arrows come first', () => {
    const arrows = layoutAt(30).arrows
    const keys = (xs: typeof arrows) => sketchLooks(xs).looks.map((l) => l.key)
    expect(keys([...arrows].reverse())).toEqual(keys(arrows))
    expect(keys(arrows)).toEqual([...keys(arrows)].sort())
  })

  it('shares one look among ballots of the same colour', () => {
    const first = layoutAt(30).arrows.find((a) => !a.self && a.hue !== null)
    if (!first || first.hue === null) throw new Error('no arrow with a ballot hue')
    const later = { ...first, id: 9999, hue: first.hue + BALLOT_HUE_COUNT }
    const { looks } = sketchLooks([first, later])
    expect(looks).toHaveLength(1)
    expect(looks[0]?.style).toEqual(sketchLooks([first]).looks[0]?.style)
  })

  it('marks a lost message with a cross at its end, a lost self-message above its loop', () => {
    const a = layoutAt(30).arrows.find((x) => !x.self)
    if (!a) throw new Error('no arrow')
    const { crosses } = sketchLooks([
      { ...a, state: 'dropped' },
      { ...a, id: 9998, self: true, state: 'dropped' },
      { ...a, id: 9997, state: 'delivered' },
    ])
    expect(crosses).toEqual([
      { x: a.x2, y: a.y2, scale: 1 },
      { x: a.x1, y: a.y1 - 12, scale: 0.6 },
    ])
  })

  it('keeps the arrows someone looks at whole; the rest are on the aria-hidden canvases', () => {
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
    expect(html).toMatch(/<foreignObject class="tl-sketches"[^>]*aria-hidden="true"/)
    expect(html.match(/<canvas class="tl-sketch-canvas/g)).toHaveLength(2)
    // Not sketched: no canvas at all.
    const still = renderToStaticMarkup(
      <svg>
        <Plot
          layout={layout}
          idPrefix="t"
          activeId={null}
          related={new Set()}
          selectedMsgId={null}
          tabStopId={null}
          arrowHandlers={handlers}
        />
      </svg>,
    )
    expect(still).not.toContain('canvas')
  })
})
