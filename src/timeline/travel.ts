import { createContext, useContext, useLayoutEffect, useRef, type RefObject } from 'react'
import type { ArrowGeom } from './arrows.ts'

/** How long a message takes to travel its new stretch after a step: short, so stepping stays brisk. */
export const TRAVEL_MS = 280

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
 * Whether arrows may travel now: not while the user drags the scrubber (every frame jumps far, and
 * the frames are for following the cursor). The diagram provides it.
 */
export const TravelAllowed = createContext(true)

/**
 * Where the drawn end of `a` was when it had `progress`, in today's geometry: the arrow's path is
 * the same line from (x1, y1) to (tx, ty) whatever the zoom or pan, so a change of view alone
 * never looks like travel. Pure.
 */
export function pointAt(a: Pick<ArrowGeom, 'x1' | 'y1' | 'tx' | 'ty'>, progress: number): [number, number] {
  return [a.x1 + (a.tx - a.x1) * progress, a.y1 + (a.ty - a.y1) * progress]
}

/**
 * Motion when stepping or playing: when a message gets further along its path (time passed, or a
 * step delivered it), its shaft grows and its head slides from where they were instead of jumping.
 * Nothing moves under prefers-reduced-motion, on the first drawing, or backwards (scrubbing back).
 * Uses the Web Animations API: no timer or frame loop of ours, and nothing runs while idle.
 */
export function useTravel(
  a: ArrowGeom,
  shaft: RefObject<SVGLineElement | null>,
  head: RefObject<SVGElement | null>,
): void {
  const allowed = useContext(TravelAllowed)
  const before = useRef<number | null>(null)
  useLayoutEffect(() => {
    const was = before.current
    before.current = a.progress
    if (!allowed || was === null || a.progress <= was + 0.001 || a.state === 'dropped' || reducedMotion())
      return
    if (!travelsThisCommit()) return
    const [fx, fy] = pointAt(a, was)
    const timing = { duration: TRAVEL_MS, easing: 'ease-out' }
    const line = shaft.current
    // A dashed shaft (REJECT, decide) keeps its dashes: only its head travels. Known from the
    // arrow's kind, not getComputedStyle (which would force a style pass per arrow per step).
    if (line?.animate && a.kind !== 'reject' && a.kind !== 'decide') {
      const from = Math.hypot(fx - a.x1, fy - a.y1)
      const to = Math.hypot(a.x2 - a.x1, a.y2 - a.y1)
      line.animate([{ strokeDasharray: `${from} ${to + 1}` }, { strokeDasharray: `${to} ${to + 1}` }], timing)
    }
    const h = head.current
    if (h?.animate && a.progress > 0) {
      const at = (x: number, y: number): string => `translate(${x}px, ${y}px) rotate(${a.angle}deg)`
      h.animate([{ transform: at(fx, fy) }, { transform: at(a.x2, a.y2) }], timing)
    }
  }, [a, shaft, head, allowed])
}
