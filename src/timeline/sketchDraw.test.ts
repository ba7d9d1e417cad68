import { describe, expect, it } from 'vitest'
import type { ArrowGeom } from './arrows.ts'
import { backingSize, drawSketch, type LookPaint, type PiecePaint, type SketchContext } from './sketchDraw.ts'
import { sketchLooks, type DrawnLook } from './sketchLooks.ts'
import { piecePaintOf } from './sketchPaint.ts'

/** A 2D context that records what is drawn: each fill or stroke with its path and paint. */
function recorder() {
  const ops: string[] = []
  let path: string[] = []
  const r = (v: number) => Math.round(v * 100) / 100
  const ctx: SketchContext & { ops: string[] } = {
    ops,
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    miterLimit: 10,
    globalAlpha: 1,
    setTransform: (...m: number[]) => void ops.push(`transform ${m.map(r).join(' ')}`),
    clearRect: (...b: number[]) => void ops.push(`clear ${b.join(' ')}`),
    beginPath: () => void (path = []),
    moveTo: (x, y) => void path.push(`M${r(x)} ${r(y)}`),
    lineTo: (x, y) => void path.push(`L${r(x)} ${r(y)}`),
    bezierCurveTo: (...p: number[]) => void path.push(`C${p.map(r).join(' ')}`),
    closePath: () => void path.push('Z'),
    arc: (x, y, rad) => void path.push(`O${r(x)} ${r(y)} ${rad}`),
    setLineDash: (d) => void (dash = d.join(' ')),
    fill: () => void ops.push(`fill ${String(ctx.fillStyle)} a${ctx.globalAlpha} ${path.join('')}`),
    stroke: () =>
      void ops.push(
        `stroke ${String(ctx.strokeStyle)} w${ctx.lineWidth} ${ctx.lineCap} [${dash}] a${ctx.globalAlpha} ${path.join('')}`,
      ),
  }
  let dash = ''
  return ctx
}

const style = (props: Record<string, string>) => ({ getPropertyValue: (p: string) => props[p] ?? '' })
const piece = (props: Record<string, string>): PiecePaint => piecePaintOf(style(props))
const none = piece({ fill: 'none', stroke: 'none' })
const paint: LookPaint = {
  opacity: 1,
  ghost: piece({
    stroke: 'blue',
    'stroke-width': '1.5px',
    'stroke-dasharray': '2px, 5px',
    'stroke-linecap': 'round',
    opacity: '0.55',
  }),
  shaft: piece({ fill: 'none', stroke: 'blue', 'stroke-width': '2.5px', 'stroke-linecap': 'round' }),
  tail: piece({ fill: 'blue' }),
  head: piece({ fill: 'blue', stroke: 'blue', 'stroke-width': '1px', 'stroke-linejoin': 'round' }),
  queued: piece({ fill: 'blue', stroke: 'white', 'stroke-width': '1.5px' }),
}
const cross = piece({ fill: 'none', stroke: 'red', 'stroke-width': '4px', 'stroke-linecap': 'round' })

const arrow = (over: Partial<ArrowGeom>): ArrowGeom =>
  ({
    id: 1,
    from: 0,
    to: 1,
    type: 'prepare',
    kind: 'request',
    quiet: false,
    state: 'delivered',
    self: false,
    dupOf: null,
    hue: 0,
    proposerSlot: null,
    x1: 10,
    y1: 20,
    x2: 110,
    y2: 20,
    tx: 110,
    ty: 20,
    angle: 0,
    progress: 1,
    badge: null,
    dropReason: null,
    label: '',
    ariaLabel: '',
    ...over,
  }) as ArrowGeom

const at = { originX: 5, scaleX: 2, scaleY: 2, width: 400, height: 200 }

function draw(arrows: ArrowGeom[], paintOf: (l: DrawnLook) => LookPaint = () => paint) {
  const ctx = recorder()
  const { looks, crosses } = sketchLooks(arrows)
  drawSketch(ctx, at, looks, paintOf, crosses, cross)
  return ctx.ops
}

describe('drawing the sketch on a canvas', () => {
  it('sizes the backing store in whole device pixels and scales CSS pixels onto it', () => {
    expect(backingSize(300, 100, 1)).toEqual({ width: 300, height: 100, scaleX: 1, scaleY: 1 })
    expect(backingSize(300, 100, 2)).toEqual({ width: 600, height: 200, scaleX: 2, scaleY: 2 })
    const odd = backingSize(301, 101, 1.5)
    expect([odd.width, odd.height]).toEqual([452, 152])
    expect(odd.scaleX * 301).toBeCloseTo(452)
    expect(backingSize(300, 100, Number.NaN).width).toBe(300)
  })

  it('clears the whole canvas, then draws in content pixels scaled to device pixels', () => {
    const ops = draw([arrow({})])
    expect(ops.slice(0, 3)).toEqual(['transform 1 0 0 1 0 0', 'clear 0 0 400 200', 'transform 2 0 0 2 -10 0'])
  })

  it('draws a delivered arrow as its shaft, tail dot and head, where the full arrow draws them', () => {
    expect(draw([arrow({})]).slice(3)).toEqual([
      'stroke blue w2.5 round [] a1 M10 20L110 20',
      'fill blue a1 M13 20O10 20 3',
      'fill blue a1 M110 20L97 14L100 20L97 26Z',
      'stroke blue w1 butt [] a1 M110 20L97 14L100 20L97 26Z',
    ])
  })

  it('draws the dotted rest of a message in flight, and a queued dot for one not yet moving', () => {
    const moving = draw([arrow({ state: 'in-flight', x2: 60, progress: 0.5 })]).slice(3)
    expect(moving[0]).toBe('stroke blue w1.5 round [2 5] a0.55 M60 20L110 20')
    expect(moving.some((op) => op.startsWith('fill blue a1 M60 20L47'))).toBe(true)
    const queued = draw([arrow({ state: 'in-flight', x2: 10, progress: 0 })]).slice(3)
    expect(queued.at(-2)).toBe('fill blue a1 M14.5 20O10 20 4.5')
    expect(queued.at(-1)).toBe('stroke white w1.5 butt [] a1 M14.5 20O10 20 4.5')
    expect(queued.some((op) => op.includes('L-3'))).toBe(false) // no head
  })

  it('crosses a lost message after every look, with no head', () => {
    const ops = draw([
      arrow({ state: 'dropped', x2: 60 }),
      arrow({ id: 2, kind: 'ack', y1: 40, y2: 40, ty: 40 }),
    ])
    expect(ops.at(-1)).toBe('stroke red w4 round [] a1 M54 14L66 26M54 26L66 14')
    expect(ops.filter((op) => op.includes('M60 20L47'))).toEqual([])
  })

  it('draws one stroke per arrow (one path of many lines rasterizes slowly), in the looks’ order', () => {
    const ops = draw([
      arrow({ kind: 'ack', y1: 40, y2: 40 }),
      arrow({ id: 2 }),
      arrow({ id: 3, y1: 60, y2: 60 }),
    ])
    const shafts = ops.filter((op) => op.startsWith('stroke blue w2.5'))
    expect(shafts).toEqual([
      'stroke blue w2.5 round [] a1 M10 40L110 40',
      'stroke blue w2.5 round [] a1 M10 20L110 20',
      'stroke blue w2.5 round [] a1 M10 60L110 60',
    ])
  })

  it('fades a look by its opacity, but leaves a quiet look’s fading to its canvas', () => {
    const half = { ...paint, opacity: 0.5 }
    expect(draw([arrow({})], () => half)[3]).toContain(' a0.5 ')
    expect(draw([arrow({ quiet: true })], () => half)[3]).toContain(' a1 ')
  })

  it('skips pieces painted with nothing', () => {
    const bare = { ...paint, tail: none, head: none }
    expect(draw([arrow({})], () => bare).slice(3)).toEqual(['stroke blue w2.5 round [] a1 M10 20L110 20'])
  })

  it('draws a self-message as its loop and dot', () => {
    const ops = draw([arrow({ self: true, x2: 10, y2: 20 })]).slice(3)
    expect(ops[0]).toBe('stroke blue w2.5 round [] a1 M10 20C-1 1 21 1 10 20')
    expect(ops[1]).toBe('fill blue a1 M13 20O10 20 3')
    expect(ops).toHaveLength(2)
  })
})

describe('reading a piece’s paint', () => {
  it('reads dashes, caps, joins and opacities as the canvas takes them', () => {
    const p = piece({
      fill: 'rgb(0, 114, 178)',
      stroke: 'none',
      'stroke-width': '2.5px',
      'stroke-dasharray': '9px, 6px',
      'stroke-linecap': 'butt',
      'stroke-linejoin': 'round',
      opacity: '0.5',
      'stroke-opacity': '0.5',
    })
    expect(p).toMatchObject({
      fill: 'rgb(0, 114, 178)',
      stroke: null,
      width: 2.5,
      dash: [9, 6],
      join: 'round',
    })
    expect([p.fillAlpha, p.strokeAlpha]).toEqual([0.5, 0.25])
  })

  it('falls back to SVG’s defaults', () => {
    expect(piece({})).toMatchObject({
      fill: 'black',
      stroke: null,
      width: 1,
      dash: [],
      cap: 'butt',
      join: 'miter',
      miterLimit: 4,
    })
    expect(piece({ 'stroke-dasharray': '0px, 0px' }).dash).toEqual([])
    expect(piece({ fill: 'rgba(0, 0, 0, 0)' }).fill).toBeNull()
  })
})
