import { useSyncExternalStore } from 'react'

/**
 * Phones (portrait and landscape) and portrait tablets: one column, the diagram on top, the panels
 * in a tabbed sheet. A 1024-wide projector keeps the side-by-side layout.
 */
export const NARROW_QUERY = '(max-width: 900px), (max-height: 500px)'
/** A finger, not a mouse: hints say "tap", and controls are at least 44 px. */
export const TOUCH_QUERY = '(pointer: coarse)'

function matches(query: string): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(query).matches
    : false
}

/** Whether a CSS media query matches, followed live (rotation, resize, a mouse plugged in). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => {}
      const mq = window.matchMedia(query)
      mq.addEventListener('change', onChange)
      return () => mq.removeEventListener('change', onChange)
    },
    () => matches(query),
    () => false,
  )
}
