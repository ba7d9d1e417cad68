import { useEffect, type RefObject } from 'react'

/** Where the keyboard walks the drawing: a panel opened from there leaves the focus in it. */
const DIAGRAM = '.diagram-pane, .tl-stage'

export const reducedMotion = (): boolean =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches

/**
 * Show a panel that has just opened: scroll it into view (a smooth scroll, or a jump under
 * prefers-reduced-motion) and give its heading the focus, unless the focus is already inside the
 * panel (a field it focused itself) or on the diagram (↑/↓ keep walking the arrows there). Opened
 * from the In-flight list or with a digit key, the inspector or the process's actions were created
 * above the scrolled side panel, off-screen, with the focus left behind or on the page.
 */
export function revealPanel(panel: HTMLElement, heading: HTMLElement | null): void {
  if (typeof panel.scrollIntoView === 'function')
    panel.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' })
  const active = document.activeElement
  if (active instanceof Element && active !== document.body) {
    if (panel.contains(active) || active.closest(DIAGRAM)) return
  }
  heading?.focus({ preventScroll: true })
}

/**
 * Reveal the panel `panel` (heading `heading`, which needs tabIndex −1) each time `opened` changes
 * to a non-null value: the message or process it now shows. It runs after the children's effects,
 * so a field that focuses itself on opening keeps the focus.
 */
export function useRevealPanel(
  panel: RefObject<HTMLElement | null>,
  heading: RefObject<HTMLElement | null>,
  opened: number | null,
): void {
  useEffect(() => {
    if (opened === null || !panel.current) return
    revealPanel(panel.current, heading.current)
  }, [opened, panel, heading])
}
