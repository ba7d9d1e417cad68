import type { SketchContext } from './sketchDraw.ts'
import { drawFrame, type SketchMessage, type SketchTarget } from './sketchFrame.ts'

/**
 * The sketch worker (see ArrowSketch.tsx): draws the scrub's sketch on canvases the window handed
 * over (`transferControlToOffscreen`), so rasterizing a frame's arrows (2–3 ms of software
 * raster a frame on a slow machine) happens beside the window's main thread, not in it. The
 * placeholders show each frame the worker draws. A sketch's canvases are dropped when it unmounts
 * (the drag is over).
 */
declare const self: DedicatedWorkerGlobalScope

const sketches = new Map<number, SketchTarget>()

self.onmessage = (e: MessageEvent<SketchMessage>) => {
  const m = e.data
  if ('attach' in m) {
    const surfaces = m.attach.map((canvas) => ({
      canvas,
      ctx: canvas.getContext('2d') as unknown as SketchContext | null,
      drawn: false,
    }))
    sketches.set(m.id, { surfaces, paints: new Map() })
  } else if ('release' in m) sketches.delete(m.id)
  else {
    const target = sketches.get(m.id)
    if (target) drawFrame(target, m.frame)
  }
}
