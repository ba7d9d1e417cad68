import { createContext, useContext, useLayoutEffect, useRef, type RefObject } from 'react'
import type { ArrowGeom } from './arrows.ts'
import { pointAt, TRAVEL_MS, type TravelLayer } from './travelLayer.ts'

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches

/** When the last step's messages began to travel (performance.now()). */
let lastTravelAt = Number.NEGATIVE_INFINITY
/** Whether the arrows of the commit being applied travel; null between commits. */
let thisCommit: boolean | null = null

/**
 * Whether this step's messages travel: not when it comes sooner than TRAVEL_MS after the last
 * step that moved (a fast clicker or a fast replay), so animations never pile up and steal the
 * main thread from the next step. Decided once per commit: every arrow's layout effect of one
 * commit runs in the same task, before any microtask.
 */
function travelsThisCommit(): boolean {
  if (thisCommit === null) {
    const now = performance.now()
    thisCommit = now - lastTravelAt >= TRAVEL_MS
    if (thisCommit) lastTravelAt = now
    queueMicrotask(() => {
      thisCommit = null
    })
  }
  return thisCommit
}

/**
 * Where arrows travel, or null when they may not travel now: not while the user drags the
 * scrubber (every frame jumps far, and the frames are for following the cursor). The diagram
 * provides it.
 */
export const TravelTo = createContext<TravelLayer | null>(null)

export { pointAt }

/**
 * Motion when stepping or playing: when a message gets further along its path (time passed, or a
 * step delivered it), its shaft grows and its head slides from where they were instead of jumping.
 * Nothing moves under prefers-reduced-motion, on the first drawing, or backwards (scrubbing back).
 * The travel itself is drawn by the diagram's travel layer (see travelLayer.ts).
 */
export function useTravel(
  a: ArrowGeom,
  group: RefObject<SVGGElement | null>,
  shaft: RefObject<SVGLineElement | null>,
  head: RefObject<SVGElement | null>,
): void {
  const layer = useContext(TravelTo)
  const before = useRef<number | null>(null)
  useLayoutEffect(() => {
    const was = before.current
    before.current = a.progress
    if (!layer || was === null || a.progress <= was + 0.001 || a.state === 'dropped' || reducedMotion())
      return
    if (!travelsThisCommit()) return
    layer.start(a, was, { group: group.current, shaft: shaft.current, head: head.current })
  }, [a, group, shaft, head, layer])
}
