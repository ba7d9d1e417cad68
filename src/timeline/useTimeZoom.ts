import { select, zoom, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { flushSync } from 'react-dom'
import { interpolateZoom } from './zoomInterpolate.ts'
import { animateZoom, installInterrupt, interrupt } from './zoomMotion.ts'
import type { Frame } from './layout.ts'
import {
  constrainX,
  fitTransform,
  fitsReadably,
  followTransform,
  glidesTo,
  revealTransform,
  scaleLimits,
  scaledAbout,
  viewOf,
  windowAt,
  type ZoomGeometry,
} from './zoomMath.ts'

export interface TimeZoomInput {
  readonly frame: Frame | null
  /** Pixels per tick at zoom 1 (a readable default). */
  readonly pxPerTick: number
  /** The last tick of the whole run. */
  readonly endTick: number
  readonly cursorTick: number
  readonly reducedMotion: boolean
  /**
   * Follow the cursor by snapping, within the render that moves the cursor (while it moves every
   * frame, or with reduced motion): one render and one paint per move instead of two.
   */
  readonly snapFollow?: boolean
  /** Identifies the run (seed and config): a different run gets a fresh first view. */
  readonly runKey: string
}

/** A follow pan in progress: the diagram slides its content from the `from` view to `view`. */
export interface Glide {
  readonly from: readonly [number, number]
  readonly id: number
}

export interface TimeZoom {
  /** The visible tick range. */
  readonly view: readonly [number, number] | null
  /** Also draw this range: the view a follow pan glides away from (see `LayoutOptions`). */
  readonly drawTicks: readonly [number, number] | null
  /** The follow pan the diagram is animating, if any; it calls `endGlide` when done. */
  readonly glide: Glide | null
  readonly endGlide: (id: number) => void
  readonly follow: boolean
  readonly setFollow: (on: boolean) => void
  readonly zoomBy: (factor: number, anchorTick?: number) => void
  readonly fit: () => void
  /** If ticks [from, to] are wholly out of view, pan there (keeping the zoom) and stop following. */
  readonly reveal: (fromTick: number, toTick: number) => void
}

const USER_DRAG = new Set(['mousemove', 'pointermove', 'touchmove'])
/** How long an animated pan or zoom takes. */
export const FOLLOW_PAN_MS = 220

/**
 * Horizontal zoom and pan with d3-zoom (wheel, drag, pinch; a horizontal wheel pans), plus
 * follow mode: while on, the view moves to keep the cursor in sight; a user pan turns it off.
 */
/**
 * `stageRef` is the element the gestures land on and d3 keeps the zoom on: the diagram's stage,
 * which holds its layers (see Plot.tsx).
 */
export function useTimeZoom(stageRef: RefObject<HTMLDivElement | null>, input: TimeZoomInput): TimeZoom {
  const { frame, pxPerTick, endTick, cursorTick, reducedMotion, runKey } = input
  const snapFollow = input.snapFollow ?? false
  const [transform, setTransform] = useState<ZoomTransform | null>(null)
  const [follow, setFollow] = useState(true)
  const [glide, setGlide] = useState<Glide | null>(null)
  const glideCount = useRef(0)
  const behavior = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null)
  // Where the view is heading: the last transform set or reached. Decisions taken while an
  // animation runs aim from its end, not from whichever frame React last saw.
  const target = useRef<ZoomTransform | null>(null)
  // No zoom or pan by the user yet in this run: the view may keep fitting the run as it grows.
  const untouched = useRef(true)
  const geometry = useMemo<ZoomGeometry | null>(
    () => (frame ? { frame, ppt: pxPerTick } : null),
    [frame, pxPerTick],
  )
  // What d3's constrain needs, kept current for gestures that start outside React.
  const limits = useRef({ endTick, geometry })

  useEffect(() => {
    const stage = stageRef.current
    if (!stage) return
    installInterrupt()
    const z = zoom<HTMLDivElement, unknown>()
      // Animate pans as pans: d3's default (van Wijk's smooth zoom) pulls the scale out and back
      // in on the way, which changes every arrow's x on every frame. Linear keeps the scale, so a
      // follow pan moves one transform and draws only the arrows that come into view.
      .interpolate(interpolateZoom)
      .filter((e: Event) => {
        if (e instanceof WheelEvent) return Math.abs(e.deltaY) >= Math.abs(e.deltaX) && !e.shiftKey
        return !(e as MouseEvent).ctrlKey && !(e as MouseEvent).button
      })
      // The frame's size, from the layout: d3's default reads the stage's clientWidth, which forces
      // a layout in the middle of React's commit on every zoom.transform (every scrub frame).
      .extent((): [[number, number], [number, number]] => {
        const f = limits.current.geometry?.frame
        return [
          [0, 0],
          [f?.width ?? stage.clientWidth, f?.height ?? stage.clientHeight],
        ]
      })
      .constrain((t) => {
        const { endTick: end, geometry: g } = limits.current
        return g ? constrainX(t, end, g) : t
      })
      .on('zoom', (e: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        setTransform(e.transform)
        if (!e.sourceEvent) return
        setGlide(null)
        target.current = e.transform
        untouched.current = false
        if (USER_DRAG.has(e.sourceEvent.type)) setFollow(false)
      })
    behavior.current = z
    const sel = select(stage)
    sel.call(z).on('dblclick.zoom', null)
    sel.on('wheel.hpan', (e: WheelEvent) => {
      if (Math.abs(e.deltaX) <= Math.abs(e.deltaY) && !e.shiftKey) return
      e.preventDefault()
      z.translateBy(sel, -(e.deltaX || e.deltaY) / zoomTransform(stage).k, 0)
      target.current = zoomTransform(stage)
      untouched.current = false
      setFollow(false)
    })
    return () => {
      interrupt(stage)
      sel.on('.zoom', null).on('wheel.hpan', null)
      behavior.current = null
    }
  }, [stageRef])

  useEffect(() => {
    limits.current = { endTick, geometry }
    if (geometry) behavior.current?.scaleExtent(scaleLimits(endTick, geometry))
  }, [geometry, endTick])

  const apply = useCallback(
    (t: ZoomTransform, animate: boolean) => {
      const stage = stageRef.current
      const z = behavior.current
      if (!stage || !z || !geometry) return
      const next = constrainX(t, endTick, geometry)
      target.current = next
      if (animate && !reducedMotion) animateZoom(stage, z, next, FOLLOW_PAN_MS)
      else select(stage).call(z.transform, next)
    },
    [stageRef, geometry, endTick, reducedMotion],
  )
  const heading = useCallback(
    (): ZoomTransform | null => target.current ?? (stageRef.current ? zoomTransform(stageRef.current) : null),
    [stageRef],
  )

  // Until the user zooms or pans, a run that is readable whole at about the default zoom is
  // shown whole, even while it arrives batch by batch; a longer run gets a default-zoom window
  // that follow mode then moves along. A different run starts over.
  const startedFor = useRef<string | null>(null)
  useEffect(() => {
    if (!geometry || !behavior.current) return
    if (startedFor.current !== runKey) {
      startedFor.current = runKey
      untouched.current = true
      setFollow(true)
    }
    if (!untouched.current) return
    if (fitsReadably(endTick, geometry)) return apply(fitTransform(endTick, geometry), false)
    untouched.current = false
    apply(windowAt(cursorTick, geometry), false)
    // The cursor only places the first window; afterwards following it is follow mode's job.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [geometry, endTick, apply, runKey])

  // A follow pan is animated only when the previous one has finished: while the cursor moves
  // faster (scrubbing, held keys, fast play) the view snaps, so each cursor move costs one layout
  // instead of one per frame of a transition that the next move interrupts anyway. A layout
  // effect: a snap re-renders before the browser paints, so the cursor and the view that follows
  // it reach the screen in the same frame (a passive effect would paint the move, then the pan).
  const followBusyUntil = useRef(0)
  useLayoutEffect(() => {
    const t = heading()
    if (!follow || !t || !geometry) return
    const next = followTransform(t, cursorTick, geometry)
    if (!next) return
    const now = performance.now()
    const glideNow =
      !snapFollow &&
      !reducedMotion &&
      now >= followBusyUntil.current &&
      glidesTo(viewOf(t, geometry), viewOf(next, geometry))
    followBusyUntil.current = now + FOLLOW_PAN_MS
    if (!glideNow) {
      setGlide(null)
      apply(next, false)
      return
    }
    // A glide starts once the step is on screen: the frame being drawn shows the step itself (the
    // cursor is still in view, short of the edge), and a task after that frame's paint moves the
    // view in one render; the diagram then slides the content, drawn for both views, with one
    // animated transform: no render per frame of the glide.
    let timer = 0
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() =>
        flushSync(() => {
          setGlide({ from: viewOf(t, geometry), id: ++glideCount.current })
          apply(next, false)
        }),
      )
    })
    return () => {
      cancelAnimationFrame(frame)
      window.clearTimeout(timer)
    }
  }, [cursorTick, follow, geometry, apply, heading, snapFollow, reducedMotion])
  const endGlide = useCallback((id: number) => setGlide((g) => (g && g.id === id ? null : g)), [])

  const zoomBy = useCallback(
    (factor: number, anchorTick?: number) => {
      const t = heading()
      if (!t || !geometry) return
      const { plotLeft, plotRight } = geometry.frame
      const anchor = anchorTick === undefined ? null : t.applyX(plotLeft + anchorTick * geometry.ppt)
      const inView = anchor !== null && anchor >= plotLeft && anchor <= plotRight
      untouched.current = false
      setGlide(null)
      const px = inView ? anchor : (plotLeft + plotRight) / 2
      apply(scaledAbout(t, factor, px, scaleLimits(endTick, geometry)), true)
    },
    [heading, geometry, endTick, apply],
  )

  const fit = useCallback(() => {
    if (!geometry) return
    // Fitting a short run resumes fitting as it grows; a long run is fitted once, as asked.
    untouched.current = fitsReadably(endTick, geometry)
    setGlide(null)
    apply(fitTransform(endTick, geometry), true)
  }, [geometry, endTick, apply])

  const reveal = useCallback(
    (fromTick: number, toTick: number) => {
      const t = heading()
      const next = t && geometry ? revealTransform(t, fromTick, toTick, geometry) : null
      if (!next) return
      setFollow(false)
      setGlide(null)
      untouched.current = false
      apply(next, true)
    },
    [heading, geometry, apply],
  )

  // A snapping follow pan is derived here, so the render that moves the cursor already draws the
  // view that keeps it in sight. The layout effect above then hands the same transform to d3;
  // that re-render finds the view unchanged (it is kept by value), so nothing downstream
  // recomputes. A glide is the layout effect's (next frame's) business.
  const pending = useMemo(() => {
    if (!follow || !transform || !geometry) return null
    const next = followTransform(transform, cursorTick, geometry)
    return next ? constrainX(next, endTick, geometry) : null
  }, [follow, transform, geometry, cursorTick, endTick])
  const snaps = snapFollow || reducedMotion
  const shown = (snaps ? pending : null) ?? transform
  const view = useStableRange(shown && geometry ? viewOf(shown, geometry) : null)
  const drawTicks = useStableRange(glide?.from ?? null)
  return { view, drawTicks, glide, endGlide, follow, setFollow, zoomBy, fit, reveal }
}

/** The same range object for as long as its two numbers stay the same. */
function useStableRange(r: readonly [number, number] | null): readonly [number, number] | null {
  const [a, b] = r ?? [NaN, NaN]
  return useMemo(() => (Number.isNaN(a) ? null : [a, b]), [a, b])
}
