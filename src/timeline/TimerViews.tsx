import { memo } from 'react'
import type { TimerLayer } from './timers.ts'

/**
 * Countdowns on the lanes (backoff, timeouts): what a process has waited is a solid bar, what it
 * still has to wait an outlined one ending at a tick mark on its deadline; past timers stay as faint
 * bars; a cancelled timer ends
 * in a tick mark where it stopped. Five shared paths whatever the number of timers, plus one
 * invisible hit target per countdown for its tooltip and accessible name. Nothing animates: the
 * bars change only when the cursor moves.
 */
export const TimerView = memo(function TimerView({ t }: { t: TimerLayer }) {
  if (t.items.length === 0) return null
  return (
    <g className="tl-timers">
      <path className="tl-timer-quiet" d={t.quiet} aria-hidden="true" />
      <path className="tl-timer-spent" d={t.spent} aria-hidden="true" />
      <path className="tl-timer-waited" d={t.waited} aria-hidden="true" />
      <path className="tl-timer-remaining" d={t.remaining} aria-hidden="true" />
      <path className="tl-timer-cap" d={t.caps} aria-hidden="true" />
      {/* By position: the countdowns in view change as the cursor moves (a heartbeat timer is set
          anew every few ticks), and a hit target is only attributes, so it is updated in place. */}
      {t.items.map((i, n) => (
        <rect
          key={n}
          className={`tl-timer-hit${i.pending ? ' tl-timer-pending' : ''}`}
          x={i.x1}
          y={i.y - 12}
          width={Math.max(4, i.x2 - i.x1)}
          height={24}
          data-pid={i.pid}
          role="img"
          aria-label={i.ariaLabel}
        >
          <title>{i.ariaLabel}</title>
        </rect>
      ))}
    </g>
  )
})

/** The legend's swatch: waited (solid), still to wait (outlined), the deadline's tick mark. */
export function TimerSwatch() {
  return (
    <g className="tl-timers" aria-hidden="true">
      <path className="tl-timer-waited" d="M6 14H30V22H6Z" />
      <path className="tl-timer-remaining" d="M30 14H58V22H30Z" />
      <path className="tl-timer-cap" d="M58 9V27" />
    </g>
  )
}
