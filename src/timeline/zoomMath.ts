import { ZoomTransform } from 'd3'
import type { Frame } from './layout.ts'

/**
 * The arithmetic of the diagram's horizontal zoom, kept pure for testing. A d3 zoom transform
 * acts on a base scale where tick t sits at plotLeft + t × pxPerTick; the view is the tick range
 * the transformed scale puts between plotLeft and plotRight.
 */

/** Ticks of empty time kept before tick 0 and after the run's end when panning or fitting. */
export const PAD_TICKS = 4
/** The narrowest view: a handful of ticks, enough to pull apart a busy tick. */
export const MIN_VIEW_TICKS = 6
/** Fitting a short run zooms in at most this much over the default, so a message stays a glance long. */
export const FIT_MAX_ZOOM = 1.6
/** The whole run is shown at first if that needs zooming out no further than this. */
export const FIT_MIN_ZOOM = 0.7
/** Follow mode keeps the cursor inside [left, right] of the view, re-centring it at `at`. */
export const FOLLOW = { left: 0.03, right: 0.86, at: 0.7 } as const

export interface ZoomGeometry {
  readonly frame: Frame
  /** Pixels per tick at zoom 1. */
  readonly ppt: number
}

const plotWidth = (g: ZoomGeometry): number => g.frame.plotRight - g.frame.plotLeft

/** The tick range a transform shows. Pure. */
export function viewOf(t: ZoomTransform, g: ZoomGeometry): [number, number] {
  const l = g.frame.plotLeft
  const at = (px: number): number => (px - t.x - t.k * l) / (t.k * g.ppt)
  return [at(l), at(g.frame.plotRight)]
}

/** The transform that shows ticks [t0, t1]. Pure. */
export function transformFor(t0: number, t1: number, g: ZoomGeometry): ZoomTransform {
  const l = g.frame.plotLeft
  const k = plotWidth(g) / (Math.max(1e-6, t1 - t0) * g.ppt)
  return new ZoomTransform(k, l - k * l - k * t0 * g.ppt, 0)
}

/** Zoom limits: out to the whole run, in to MIN_VIEW_TICKS. Pure. */
export function scaleLimits(endTick: number, g: ZoomGeometry): [number, number] {
  const fitK = (plotWidth(g) / ((endTick + 2 * PAD_TICKS) * g.ppt)) * 0.98
  return [Math.min(1, fitK), Math.max(2, plotWidth(g) / (MIN_VIEW_TICKS * g.ppt))]
}

/**
 * Keep the view on the run: panning stops just before tick 0 and just after the end; a run
 * narrower than the view sits at the left. Vertical movement is dropped. Pure.
 */
export function constrainX(t: ZoomTransform, endTick: number, g: ZoomGeometry): ZoomTransform {
  const lo = g.frame.plotLeft - PAD_TICKS * g.ppt
  const hi = g.frame.plotLeft + (endTick + PAD_TICKS) * g.ppt
  const x0 = t.invertX(g.frame.plotLeft)
  const x1 = t.invertX(g.frame.plotRight)
  const shift = x1 - x0 >= hi - lo ? x0 - lo : x0 < lo ? x0 - lo : x1 > hi ? x1 - hi : 0
  return new ZoomTransform(t.k, t.x + shift * t.k, 0)
}

/** Whether the whole run can be shown zoomed out no further than FIT_MIN_ZOOM. Pure. */
export function fitsReadably(endTick: number, g: ZoomGeometry): boolean {
  return (endTick + 2 * PAD_TICKS) * g.ppt * FIT_MIN_ZOOM <= plotWidth(g)
}

/** The whole run from tick 0, zoomed in no further than FIT_MAX_ZOOM (a run may be just starting). Pure. */
export function fitTransform(endTick: number, g: ZoomGeometry): ZoomTransform {
  const minSpan = plotWidth(g) / (g.ppt * FIT_MAX_ZOOM)
  return transformFor(-PAD_TICKS, Math.max(endTick + PAD_TICKS, minSpan - PAD_TICKS), g)
}

/** A default-zoom window with the cursor at FOLLOW.at. Pure. */
export function windowAt(cursorTick: number, g: ZoomGeometry): ZoomTransform {
  const span = plotWidth(g) / g.ppt
  const t0 = Math.max(-PAD_TICKS, cursorTick - FOLLOW.at * span)
  return transformFor(t0, t0 + span, g)
}

/** Follow mode: the same zoom panned to bring the cursor back to FOLLOW.at, or null if it is in view. Pure. */
export function followTransform(t: ZoomTransform, cursorTick: number, g: ZoomGeometry): ZoomTransform | null {
  const [v0, v1] = viewOf(t, g)
  const span = v1 - v0
  if (cursorTick >= v0 + FOLLOW.left * span && cursorTick <= v0 + FOLLOW.right * span) return null
  const t0 = Math.max(-PAD_TICKS, cursorTick - FOLLOW.at * span)
  return transformFor(t0, t0 + span, g)
}

/**
 * How far a follow pan may glide, in view widths. A glide draws the content of both views and
 * everything between them (`drawTicks`), so a jump far along a long run (End, a round, the first
 * window of a run that arrives in batches) would draw thousands of arrows and axis ticks in one
 * task, and slide them past faster than anyone can read: farther than this, the view snaps.
 */
export const GLIDE_MAX_VIEWS = 2

/** Whether a follow pan from view `from` to view `to` (as wide) is short enough to glide. Pure. */
export function glidesTo(from: readonly [number, number], to: readonly [number, number]): boolean {
  const span = to[1] - to[0]
  return Math.abs(to[0] - from[0]) <= GLIDE_MAX_VIEWS * span
}

/** The same zoom panned to centre ticks [from, to], or null if any of them is in view. Pure. */
export function revealTransform(
  t: ZoomTransform,
  from: number,
  to: number,
  g: ZoomGeometry,
): ZoomTransform | null {
  const [v0, v1] = viewOf(t, g)
  // Anything partly visible stays put: clicking an arrow that runs off the edge must not pan.
  if (to >= v0 && from <= v1) return null
  const span = v1 - v0
  const t0 = Math.max(-PAD_TICKS, (from + to) / 2 - span / 2)
  return transformFor(t0, t0 + span, g)
}

/** Zoom by `factor` about screen x `px`, within `limits`. Pure. */
export function scaledAbout(
  t: ZoomTransform,
  factor: number,
  px: number,
  limits: [number, number],
): ZoomTransform {
  const k = Math.min(limits[1], Math.max(limits[0], t.k * factor))
  return new ZoomTransform(k, px - (px - t.x) * (k / t.k), 0)
}
