/**
 * The diagram's animated zooms without d3-transition. d3-zoom imports d3-transition for two
 * things: `interrupt` (a gesture stops the animation running on the element) and
 * `selection.interrupt()` (`zoom.transform` on a selection stops it too). The app animates only its
 * own few zooms (the zoom buttons, fit, reveal), so vite.config.ts resolves `d3-transition` to this
 * module: the same two entry points, and `animateZoom` for the app's zooms. That keeps
 * d3-transition, d3-color, d3-ease, d3-timer and most of d3-interpolate (about a tenth of the
 * bundle, gzipped) out of the JavaScript every visitor loads.
 *
 * The animation is the one a d3 transition of `zoom.transform` draws: the view (centre and width)
 * moves from the old transform to the new one through the zoom's interpolator, eased cubic in-out,
 * one `zoom.transform` per animation frame, ending exactly on the target.
 */
import {
  select,
  selection,
  zoomIdentity,
  zoomTransform,
  type Selection,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3'

/** Stops for each element with an animation running (only the app's `animateZoom` runs one). */
const running = new WeakMap<Element, () => void>()

/** Stop the animation running on `node`, if any (d3-transition's `interrupt`). */
export function interrupt(node: Element): void {
  const stop = running.get(node)
  running.delete(node)
  stop?.()
}

/**
 * Give d3 selections the `interrupt()` method d3-zoom's `zoom.transform` calls first (d3-transition
 * adds it when loaded). Called before the first zoom is made, not when this module loads: 'd3'
 * re-exports this module, so at load time d3-selection may not be there yet.
 */
export function installInterrupt(): void {
  selection.prototype.interrupt = function interruptAll(this: Selection<Element, unknown, null, undefined>) {
    return this.each(function stop(this: Element) {
      interrupt(this)
    })
  } as typeof selection.prototype.interrupt
}

/** d3's default transition easing. */
const cubicInOut = (t: number): number => ((t *= 2) <= 1 ? t * t * t : (t -= 2) * t * t + 2) / 2

type View = [number, number, number]

/**
 * Move `node`'s zoom to `to` over `ms`, as `selection.transition().duration(ms).call(zoom.transform,
 * to)` did. A gesture or another transform on the element stops it where it is.
 */
export function animateZoom<E extends Element>(
  node: E,
  zoom: ZoomBehavior<E, unknown>,
  to: ZoomTransform,
  ms: number,
): void {
  interrupt(node)
  const sel = select(node)
  const from = zoomTransform(node)
  const [[x0, y0], [x1, y1]] = zoom.extent().call(node, undefined)
  const p: [number, number] = [(x0 + x1) / 2, (y0 + y1) / 2]
  const w = Math.max(x1 - x0, y1 - y0)
  const a = [...from.invert(p), w / from.k] as View
  const b = [...to.invert(p), w / to.k] as View
  const lerp = zoom.interpolate()(a, b) as (t: number) => View
  const start = performance.now()
  let frame = requestAnimationFrame(function tick(now: number) {
    const t = Math.min(1, Math.max(0, (now - start) / ms))
    let at = to
    if (t < 1) {
      const [cx, cy, width] = lerp(cubicInOut(t))
      const k = w / width
      at = zoomIdentity.translate(p[0] - cx * k, p[1] - cy * k).scale(k)
    }
    // `zoom.transform` interrupts first; this frame is the animation's own, so it steps aside.
    running.delete(node)
    sel.call(zoom.transform, at)
    if (t < 1) {
      running.set(node, stop)
      frame = requestAnimationFrame(tick)
    }
  })
  const stop = (): void => cancelAnimationFrame(frame)
  running.set(node, stop)
}
