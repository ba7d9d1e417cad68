import { protocolById } from '../engine/index.ts'
import { useSynod } from '../store/store.ts'
import { TOUCH_QUERY, useMediaQuery } from './useMedia.ts'

/**
 * The first-time hint, in the words of the device in hand (keys on a computer, taps on a phone
 * or tablet, which has no → key to press) and of the run's protocol (how to make a request).
 */
export function StartHint() {
  const touch = useMediaQuery(TOUCH_QUERY)
  const words = useSynod((s) => protocolById(s.scenario.protocol ?? 'paxos')?.requestWords)
  if (!words) return null
  if (touch)
    return (
      <p className="hint">
        Tap <b>Step</b> or the diagram to go forward, {words.tapHint}. Pinch the diagram to zoom.
      </p>
    )
  return (
    <p className="hint">
      Press <kbd>→</kbd> to step, or {words.clickHint}. <kbd>?</kbd> shows all shortcuts.
    </p>
  )
}
