import { useEffect, useRef } from 'react'

/**
 * The app's global F key (src/ui/useKeyboard.ts) turns follow mode on or off wherever the focus
 * is, but follow mode is each diagram's own state (useTimeZoom): every mounted diagram registers
 * how to toggle its follow mode here, and `toggleFollow` asks them all.
 */
const toggles = new Set<() => void>()

/** Turn follow mode on or off in every diagram on the page. */
export function toggleFollow(): void {
  for (const toggle of toggles) toggle()
}

/** Register this diagram's follow toggle while it is mounted (the newest `toggle` is the one called). */
export function useFollowShortcut(toggle: () => void): void {
  const latest = useRef(toggle)
  useEffect(() => {
    latest.current = toggle
  })
  useEffect(() => {
    const call = (): void => latest.current()
    toggles.add(call)
    return () => {
      toggles.delete(call)
    }
  }, [])
}
