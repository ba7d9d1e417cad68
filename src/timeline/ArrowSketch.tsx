import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { ArrowGeom } from './arrows.ts'
import type { SketchContext } from './sketchDraw.ts'
import {
  drawFrame,
  sketchFrame,
  type PaintsSent,
  type SketchMessage,
  type SketchTarget,
} from './sketchFrame.ts'
import { sketchLooks } from './sketchLooks.ts'
import { SketchPaints } from './sketchPaint.ts'

/**
 * The arrows while a scrub is moving, drawn on a canvas. A scrub frame moves the cursor by dozens
 * of steps; as full arrows that meant creating, removing and updating about 60 elements a frame,
 * and as SVG paths (the sketch before this one) their style, layout, paint and raster on every
 * frame (one path of many crossing lines is slow to rasterize, and it was rasterized per tile).
 * On a canvas a frame is one redraw, and no element changes but the canvas's pixels. Shafts,
 * heads, tails, loops, crosses and the dotted rest of a message in flight are drawn where the full
 * arrows draw them, painted as the stylesheet paints their classes (sketchPaint.ts); badges,
 * halos and hit areas wait for the scrub to hold still (as the arrows' labels do), when the full
 * arrows come back.
 *
 * The canvases sit in the content SVG (a `foreignObject`) exactly where the arrows are drawn, so
 * timers and bands stay under them and marks, labels, the cursor and the axis over them. They
 * cover the SVG's viewport in whole device pixels (crisp at any device pixel ratio); their width
 * only grows during a drag, so the view's moving box does not reallocate them every frame. Quiet
 * looks (heartbeats) go on a canvas of their own under the rest, whose CSS opacity (the quiet
 * arrows' own rule) fades them as a group, as an SVG group's opacity does. Where the browser can
 * hand a canvas to a worker, the sketch worker draws (sketch.worker.ts); elsewhere the window
 * does. The canvases are `aria-hidden`: the sketch is a transient picture; the diagram's words
 * are elsewhere.
 */

export interface ArrowSketchProps {
  readonly arrows: readonly ArrowGeom[]
  /** Content x of the SVG viewport's left edge (the pan box's x less its fraction). */
  readonly originX: number
  readonly width: number
  readonly height: number
}

/** The canvases' width grows in steps of this many CSS pixels (the pan box's width wobbles by one). */
const WIDTH_STEP = 128

let worker: Worker | null | undefined

/** The sketch worker, started on first use (null where canvases cannot be handed to a worker). */
export function sketchWorker(): Worker | null {
  if (worker !== undefined) return worker
  const can =
    typeof Worker !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    'transferControlToOffscreen' in HTMLCanvasElement.prototype
  try {
    worker = can ? new Worker(new URL('./sketch.worker.ts', import.meta.url), { type: 'module' }) : null
  } catch {
    worker = null
  }
  return worker
}

/** Where the frames go: the worker (with the canvases handed over once) or the window's own canvases. */
type Painter = { readonly id: number; readonly sent: PaintsSent } & (
  { readonly worker: Worker } | { readonly target: SketchTarget }
)

let lastId = 0
/** Releases waiting a task: a remount of the same sketch (React's StrictMode does it) cancels its own. */
const releases = new Map<number, ReturnType<typeof setTimeout>>()

function painterFor(canvases: readonly HTMLCanvasElement[]): Painter {
  const id = ++lastId
  const sent = { keys: new Set<string>(), generation: -1 }
  const w = sketchWorker()
  if (w) {
    const offscreen = canvases.map((c) => c.transferControlToOffscreen())
    w.postMessage({ id, attach: offscreen } satisfies SketchMessage, offscreen)
    return { id, sent, worker: w }
  }
  const surfaces = canvases.map((canvas) => ({
    canvas,
    ctx: canvas.getContext('2d') as SketchContext | null,
    drawn: false,
  }))
  return { id, sent, target: { surfaces, paints: new Map() } }
}

interface Sized {
  readonly cssWidth: number
  readonly cssHeight: number
  readonly dpr: number
}

export const ArrowSketch = memo(function ArrowSketch({ arrows, originX, width, height }: ArrowSketchProps) {
  const quietRef = useRef<HTMLCanvasElement>(null)
  const loudRef = useRef<HTMLCanvasElement>(null)
  const probeRef = useRef<SVGGElement>(null)
  const painter = useRef<Painter | null>(null)
  const [paints] = useState(() => new SketchPaints())
  const [size, setSize] = useState<Sized>({ cssWidth: 0, cssHeight: 0, dpr: 1 })
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1
  const want: Sized =
    width <= size.cssWidth && height === size.cssHeight && dpr === size.dpr
      ? size
      : {
          cssWidth: Math.max(size.cssWidth, Math.ceil(width / WIDTH_STEP) * WIDTH_STEP),
          cssHeight: height,
          dpr,
        }
  // Adjusting state during render (React's pattern for deriving from a previous render): the
  // render that commits has `size === want`.
  if (want !== size) setSize(want)

  useLayoutEffect(() => {
    const [probe, quiet, loud] = [probeRef.current, quietRef.current, loudRef.current]
    if (!probe || !quiet || !loud) return
    // Canvases are handed to the worker once; a remount of the same elements keeps them there.
    painter.current ??= painterFor([quiet, loud])
    const grouped = sketchLooks(arrows)
    paints.prepare(probe, grouped.looks)
    const p = painter.current
    const frame = sketchFrame(grouped, { originX, ...size }, paints, p.sent)
    clearTimeout(releases.get(p.id))
    if ('worker' in p) {
      const buffers = frame.layers.flatMap((l) => [l.arrows.buffer, l.crosses.buffer])
      p.worker.postMessage({ id: p.id, frame } satisfies SketchMessage, buffers)
    } else drawFrame(p.target, frame)
  }, [arrows, originX, size, paints])
  // The drag is over: the worker drops this sketch's canvases (a task later, so a remount can keep them).
  useEffect(
    () => () => {
      const p = painter.current
      if (p && 'worker' in p)
        releases.set(
          p.id,
          setTimeout(() => {
            releases.delete(p.id)
            p.worker.postMessage({ id: p.id, release: true } satisfies SketchMessage)
          }, 0),
        )
    },
    [],
  )

  const box = { width: size.cssWidth, height: size.cssHeight }
  return (
    <>
      <g className="tl-sketch-probes" ref={probeRef} />
      <foreignObject
        className="tl-sketches"
        x={originX}
        y={0}
        width={width}
        height={height}
        aria-hidden="true"
      >
        <div className="tl-sketch-box">
          <canvas className="tl-sketch-canvas tl-quiet" ref={quietRef} style={box} />
          <canvas className="tl-sketch-canvas" ref={loudRef} style={box} />
        </div>
      </foreignObject>
    </>
  )
})
