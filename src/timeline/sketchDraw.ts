import { ARROW_HEAD, BAR_HEAD, CROSS, SELF_LOOP } from './glyphs.ts'
import { traceGlyph, type Cross, type DrawnLook, type PathSink } from './sketchLooks.ts'

/**
 * How one piece of a look is painted: what the stylesheet gives the SVG element of that piece
 * (read from it, see sketchPaint.ts), in the canvas's terms. `null` paint is SVG's `none`.
 */
export interface PiecePaint {
  readonly fill: string | null
  readonly stroke: string | null
  readonly width: number
  readonly dash: readonly number[]
  readonly cap: CanvasLineCap
  readonly join: CanvasLineJoin
  readonly miterLimit: number
  /** The element's opacity times its fill's or stroke's own. */
  readonly fillAlpha: number
  readonly strokeAlpha: number
}

/** A look's pieces, as the full arrows' and the SVG sketch's classes paint them. */
export interface LookPaint {
  /** The look's group opacity (a quiet look's is its canvas's instead: see ArrowSketch). */
  readonly opacity: number
  readonly ghost: PiecePaint
  readonly shaft: PiecePaint
  /** The tail dot; a self-message's dot (`tl-self-dot`) for a self look. */
  readonly tail: PiecePaint
  readonly head: PiecePaint
  readonly queued: PiecePaint
}

/**
 * What the drawing needs of a 2D context: a window's canvas, a worker's OffscreenCanvas, or a
 * recording fake in the tests. Written out (not picked from the DOM's type) so the sketch worker,
 * which has no DOM types, draws with the same code.
 */
export interface SketchContext extends PathSink {
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void
  clearRect(x: number, y: number, w: number, h: number): void
  beginPath(): void
  arc(x: number, y: number, r: number, start: number, end: number): void
  fill(): void
  stroke(): void
  setLineDash(segments: number[]): void
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  lineCap: CanvasLineCap
  lineJoin: CanvasLineJoin
  miterLimit: number
  globalAlpha: number
}

/** Where the canvas is: the content x of its left edge, and its backing pixels per CSS pixel. */
export interface CanvasPlacement {
  readonly originX: number
  readonly scaleX: number
  readonly scaleY: number
  /** The backing store's size in device pixels (what is cleared). */
  readonly width: number
  readonly height: number
}

/**
 * The backing store for a canvas of `cssWidth` × `cssHeight` CSS pixels at `dpr` device pixels
 * per CSS pixel: whole device pixels (so lines stay crisp on a projector or a phone), and the
 * scale that maps CSS pixels onto them exactly. Pure.
 */
export function backingSize(cssWidth: number, cssHeight: number, dpr: number) {
  const ratio = Number.isFinite(dpr) && dpr > 0 ? dpr : 1
  const width = Math.max(1, Math.round(cssWidth * ratio))
  const height = Math.max(1, Math.round(cssHeight * ratio))
  return { width, height, scaleX: width / Math.max(1, cssWidth), scaleY: height / Math.max(1, cssHeight) }
}

/**
 * Paint a piece of every arrow in `items`, as SVG paints one path holding them all: every fill,
 * then every stroke. Fills go in one path (dots and heads: small, cheap to fill together); strokes
 * one path per item. One stroked path of many crossing lines (or of many dashes) is what software
 * rasterizers are slowest at: 80 lines of a scrub frame took 6–16 ms as one path against 1–4 ms
 * as 80 (Chromium, this machine), and a dotted line is a path of hundreds of round dashes. A
 * piece whose paint is none on both is skipped; `lines` pieces (shafts, ghosts, crosses) enclose
 * no area, so their fill (SVG's default black, which covers nothing) is not even asked for. An
 * element opacity under 1 (the ghosts') then applies to each item's stroke: where two ghosts of
 * one look cross, the crossing is a little darker than SVG's.
 */
function paintPiece<T>(
  ctx: SketchContext,
  p: PiecePaint,
  alpha: number,
  lines: boolean,
  items: readonly T[],
  trace: (item: T) => void,
): void {
  if (items.length === 0) return
  if (!lines && p.fill !== null && p.fillAlpha > 0) {
    ctx.globalAlpha = alpha * p.fillAlpha
    ctx.fillStyle = p.fill
    ctx.beginPath()
    for (const item of items) trace(item)
    ctx.fill()
  }
  if (p.stroke === null || p.width <= 0 || p.strokeAlpha <= 0) return
  ctx.globalAlpha = alpha * p.strokeAlpha
  ctx.strokeStyle = p.stroke
  ctx.lineWidth = p.width
  ctx.lineCap = p.cap
  ctx.lineJoin = p.join
  ctx.miterLimit = p.miterLimit
  ctx.setLineDash(p.dash as number[])
  for (const item of items) {
    ctx.beginPath()
    trace(item)
    ctx.stroke()
  }
}

const dot = (ctx: SketchContext, x: number, y: number, r: number): void => {
  ctx.moveTo(x + r, y)
  ctx.arc(x, y, r, 0, 2 * Math.PI)
}

/** One look's arrows, piece by piece in the SVG sketch's order: ghosts, shafts, tails, heads, queued. */
function drawLook(ctx: SketchContext, look: DrawnLook, paint: LookPaint): void {
  const alpha = look.quiet ? 1 : paint.opacity
  const arrows = look.arrows
  const notSelf = look.self ? [] : arrows
  const line = (x1: number, y1: number, x2: number, y2: number): void => {
    ctx.moveTo(x1, y1)
    ctx.lineTo(x2, y2)
  }
  const ghosts = notSelf.filter((a) => a.state !== 'delivered')
  paintPiece(ctx, paint.ghost, alpha, true, ghosts, (a) => line(a.x2, a.y2, a.tx, a.ty))
  paintPiece(ctx, paint.shaft, alpha, true, arrows, (a) =>
    a.self ? traceGlyph(ctx, SELF_LOOP, a.x1, a.y1, 0) : line(a.x1, a.y1, a.x2, a.y2),
  )
  paintPiece(ctx, paint.tail, alpha, false, arrows, (a) => dot(ctx, a.x1, a.y1, 3))
  const ends = notSelf.filter((a) => a.state !== 'dropped')
  const headed = ends.filter((a) => a.progress !== 0)
  paintPiece(ctx, paint.head, alpha, false, headed, (a) =>
    traceGlyph(ctx, a.kind === 'reject' ? BAR_HEAD : ARROW_HEAD, a.x2, a.y2, a.angle),
  )
  const queued = ends.filter((a) => a.progress === 0)
  paintPiece(ctx, paint.queued, alpha, false, queued, (a) => dot(ctx, a.x2, a.y2, 4.5))
}

/**
 * Clear the canvas and draw `looks` (in their order) and then `crosses` on it, in content
 * coordinates placed by `at`. Each look's paint comes from `paintOf`.
 */
export function drawSketch(
  ctx: SketchContext,
  at: CanvasPlacement,
  looks: readonly DrawnLook[],
  paintOf: (look: DrawnLook) => LookPaint,
  crosses: readonly Cross[] = [],
  crossPaint: PiecePaint | null = null,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, at.width, at.height)
  ctx.setTransform(at.scaleX, 0, 0, at.scaleY, -at.originX * at.scaleX, 0)
  for (const look of looks) drawLook(ctx, look, paintOf(look))
  if (crossPaint)
    paintPiece(ctx, crossPaint, 1, true, crosses, (c) => traceGlyph(ctx, CROSS, c.x, c.y, 0, c.scale))
}
