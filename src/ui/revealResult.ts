import { useEffect, useRef, type RefObject } from 'react'
import { announce } from '../store/actions.ts'
import { reducedMotion } from './revealPanel.ts'

/** Where a search stands, as the explorer's result section shows it (null: no search yet). */
export type SearchPhase = 'running' | 'done' | 'error' | null

/** What takes the focus: the Cancel button while the search runs, then the verdict (tabIndex −1). */
const CANCEL = '.explorer-progress button'
const VERDICT = '.explorer-verdict, .problems'

/**
 * Has the keyboard focus been lost? On the page's body (the button pressed went away), or on a
 * button just disabled (Search schedules, while the search runs), where Tab starts over.
 */
function focusLost(): boolean {
  const active = document.activeElement
  if (active === null || active === document.body) return true
  return active instanceof HTMLButtonElement && active.disabled
}

/**
 * Scroll the explorer panel so that `section` (the progress and the verdict) shows whole, or, when
 * it is taller than the panel, `part` from its top (a verdict is read from the top): a smooth
 * scroll, or a jump under prefers-reduced-motion.
 */
function scrollShown(section: HTMLElement, part: HTMLElement = section): void {
  if (typeof section.scrollIntoView !== 'function') return
  const box = section.closest('.explorer-panel')
  const fits = box === null || section.offsetHeight <= box.clientHeight
  const target = fits ? section : part
  const tall = box !== null && target.offsetHeight > box.clientHeight
  target.scrollIntoView({ block: tall ? 'start' : 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' })
}

/**
 * Show a search's progress, then its verdict, where the user is looking. The result section sits at
 * the top of the explorer panel, above the form whose button started the search: the panel had
 * been scrolled down to that button, so the progress and the verdict were drawn out of view, and
 * the button (disabled while the search runs) dropped the focus to the page's body. Now:
 *
 * - a search starts: the section scrolls into view, and a lost focus goes to Cancel;
 * - it ends: the verdict scrolls into view; a lost focus (Cancel went away) goes to the verdict,
 *   which a screen reader then reads; a focus the user put elsewhere stays, and the verdict is
 *   announced in the app's live region instead (read once, not twice).
 *
 * Reacts to a search's own changes only: the panel opened on an earlier search's verdict takes no
 * focus (the panel's heading has it).
 */
export function useRevealResult(section: RefObject<HTMLElement | null>, phase: SearchPhase): void {
  const seen = useRef<SearchPhase | undefined>(undefined)
  useEffect(() => {
    const before = seen.current
    seen.current = phase
    const el = section.current
    if (phase === before || phase === null || el === null) return
    // A verdict is news only right after its search ran (not the panel reopened, nor a mode switch).
    if (phase !== 'running' && before !== 'running') return
    if (phase === 'running') {
      scrollShown(el)
      if (focusLost()) el.querySelector<HTMLElement>(CANCEL)?.focus({ preventScroll: true })
      return
    }
    const verdict = el.querySelector<HTMLElement>(VERDICT) ?? el
    scrollShown(el, verdict)
    if (focusLost()) verdict.focus({ preventScroll: true })
    else announce(verdict.textContent ?? '')
  }, [phase, section])
}
