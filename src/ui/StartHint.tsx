import { TOUCH_QUERY, useMediaQuery } from './useMedia.ts'

/**
 * The first-time hint, in the words of the device in hand: keys on a computer, taps on a phone
 * or tablet (which has no → key to press).
 */
export function StartHint() {
  const touch = useMediaQuery(TOUCH_QUERY)
  if (touch)
    return (
      <p className="hint">
        Tap <b>Step</b> or the diagram to go forward, a process name to propose. Pinch the diagram to zoom.
      </p>
    )
  return (
    <p className="hint">
      Press <kbd>→</kbd> to step, or click a process to propose. <kbd>?</kbd> shows all shortcuts.
    </p>
  )
}
