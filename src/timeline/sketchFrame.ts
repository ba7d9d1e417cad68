import type { ArrowState } from './arrows.ts'
import type { ArrowKind } from './palette.ts'
import { backingSize, drawSketch, type LookPaint, type PiecePaint, type SketchContext } from './sketchDraw.ts'
import type { Cross, DrawnLook, Look, SketchArrow, sketchLooks } from './sketchLooks.ts'

/**
 * One frame of the sketch as plain data: what the window sends the sketch worker (or draws
 * itself where a canvas cannot be handed to a worker). Two layers, quiet looks first (their canvas
 * is faded as a group by CSS, see ArrowSketch.tsx), then the rest with the crosses of lost
 * messages. Arrows travel packed in one array of numbers per layer (a frame's message was
 * about 2 ms of structured cloning as objects), and a look's paint only the first time it is used.
 */
export interface SketchFrame {
  /** Content x of the canvases' left edge; their size in CSS pixels; device pixels per CSS pixel. */
  readonly originX: number
  readonly cssWidth: number
  readonly cssHeight: number
  readonly dpr: number
  readonly layers: readonly PackedLayer[]
  /** Paints of looks not sent before; `resetPaints` forgets the earlier ones (the theme changed). */
  readonly paints: readonly (readonly [string, LookPaint])[]
  readonly resetPaints: boolean
  readonly cross: PiecePaint | null
}

/** A layer's looks (each with its number of arrows), then every arrow's numbers, then the crosses'. */
export interface PackedLayer {
  readonly looks: readonly {
    readonly key: string
    readonly quiet: boolean
    readonly self: boolean
    readonly count: number
  }[]
  readonly arrows: Float64Array
  readonly crosses: Float64Array
}

/**
 * What the sketch worker is told about the sketch `id` (one per mounted sketch): the canvases to
 * draw on, a frame to draw, or that the sketch is gone (its canvases are dropped).
 */
export type SketchMessage =
  | { readonly id: number; readonly attach: readonly OffscreenCanvas[] }
  | { readonly id: number; readonly frame: SketchFrame }
  | { readonly id: number; readonly release: true }

const STATES: readonly ArrowState[] = ['delivered', 'in-flight', 'dropped']
const KINDS: readonly ArrowKind[] = ['request', 'ack', 'reject', 'decide']
/** Numbers per packed arrow: x1 y1 x2 y2 tx ty angle progress, then state + 3 × kind + 12 × self. */
const PER_ARROW = 9

function pack(looks: readonly Look[], crosses: readonly Cross[]): PackedLayer {
  const n = looks.reduce((sum, l) => sum + l.arrows.length, 0)
  const arrows = new Float64Array(n * PER_ARROW)
  let i = 0
  for (const l of looks)
    for (const a of l.arrows) {
      const code = STATES.indexOf(a.state) + 3 * KINDS.indexOf(a.kind) + (a.self ? 12 : 0)
      arrows.set([a.x1, a.y1, a.x2, a.y2, a.tx, a.ty, a.angle, a.progress, code], i)
      i += PER_ARROW
    }
  return {
    looks: looks.map((l) => ({ key: l.key, quiet: l.quiet, self: l.self, count: l.arrows.length })),
    arrows,
    crosses: Float64Array.from(crosses.flatMap((c) => [c.x, c.y, c.scale])),
  }
}

/** A packed layer's looks and crosses again. Pure. */
export function unpack(layer: PackedLayer): { looks: DrawnLook[]; crosses: Cross[] } {
  const g = layer.arrows
  let i = 0
  const looks = layer.looks.map((l) => {
    const arrows: SketchArrow[] = []
    for (let k = 0; k < l.count; k++, i += PER_ARROW) {
      const code = g[i + 8] ?? 0
      arrows.push({
        x1: g[i] ?? 0,
        y1: g[i + 1] ?? 0,
        x2: g[i + 2] ?? 0,
        y2: g[i + 3] ?? 0,
        tx: g[i + 4] ?? 0,
        ty: g[i + 5] ?? 0,
        angle: g[i + 6] ?? 0,
        progress: g[i + 7] ?? 0,
        state: STATES[code % 3] ?? 'delivered',
        kind: KINDS[Math.floor((code % 12) / 3)] ?? 'request',
        self: code >= 12,
      })
    }
    return { key: l.key, quiet: l.quiet, self: l.self, arrows }
  })
  const crosses: Cross[] = []
  for (let k = 0; k + 2 < layer.crosses.length; k += 3)
    crosses.push({ x: layer.crosses[k] ?? 0, y: layer.crosses[k + 1] ?? 0, scale: layer.crosses[k + 2] ?? 1 })
  return { looks, crosses }
}

/** Which looks' paints a receiver has (so a frame carries only new ones). */
export interface PaintsSent {
  keys: Set<string>
  generation: number
}

/**
 * The frame for the looks and crosses of `sketchLooks` (their paints from `paintOf`, after they
 * were read; `generation` changes when they were read anew). Updates `sent`.
 */
export function sketchFrame(
  { looks, crosses }: ReturnType<typeof sketchLooks>,
  at: Pick<SketchFrame, 'originX' | 'cssWidth' | 'cssHeight' | 'dpr'>,
  paints: {
    readonly paintOf: (look: Look) => LookPaint
    readonly generation: number
    readonly cross: PiecePaint | null
  },
  sent: PaintsSent,
): SketchFrame {
  const resetPaints = sent.generation !== paints.generation
  if (resetPaints) {
    sent.keys.clear()
    sent.generation = paints.generation
  }
  const fresh = looks.filter((l) => !sent.keys.has(l.key))
  for (const l of fresh) sent.keys.add(l.key)
  return {
    ...at,
    layers: [
      pack(
        looks.filter((l) => l.quiet),
        [],
      ),
      pack(
        looks.filter((l) => !l.quiet),
        crosses,
      ),
    ],
    paints: fresh.map((l) => [l.key, paints.paintOf(l)] as const),
    resetPaints,
    cross: paints.cross,
  }
}

/** A canvas (a window's or a worker's) with its 2D context, and whether anything is on it. */
export interface SketchSurface {
  readonly canvas: { width: number; height: number }
  readonly ctx: SketchContext | null
  drawn: boolean
}

/** What a receiver keeps for one sketch: its canvases and the paints it was sent. */
export interface SketchTarget {
  readonly surfaces: readonly SketchSurface[]
  readonly paints: Map<string, LookPaint>
}

/**
 * Draw a frame's layers on their surfaces: each canvas sized to the frame in whole device pixels
 * (resizing only when that changes: it reallocates and clears), cleared and drawn. A canvas with
 * nothing on it and nothing to draw (no heartbeats in view, say) is left alone.
 */
export function drawFrame(target: SketchTarget, f: SketchFrame): void {
  if (f.resetPaints) target.paints.clear()
  for (const [key, paint] of f.paints) target.paints.set(key, paint)
  const paintOf = (look: DrawnLook): LookPaint => {
    const p = target.paints.get(look.key)
    if (!p) throw new Error(`no paint for the sketch's look ${look.key}`)
    return p
  }
  const b = backingSize(f.cssWidth, f.cssHeight, f.dpr)
  f.layers.forEach((layer, i) => {
    const s = target.surfaces[i]
    if (!s?.ctx) return
    const empty = layer.looks.length === 0 && layer.crosses.length === 0
    if (empty && !s.drawn) return
    if (s.canvas.width !== b.width) s.canvas.width = b.width
    if (s.canvas.height !== b.height) s.canvas.height = b.height
    const { looks, crosses } = unpack(layer)
    drawSketch(s.ctx, { originX: f.originX, ...b }, looks, paintOf, crosses, f.cross)
    s.drawn = !empty
  })
}
