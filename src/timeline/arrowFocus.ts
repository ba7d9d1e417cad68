import type { Layout } from './layout.ts'

/**
 * The arrows' keyboard walk: one arrow in the Tab order, and up/down moving focus between arrows.
 * The arrows live in the panned layer's own `<svg>` (see Plot.tsx); both functions look for them
 * anywhere under the diagram's stage.
 */

/**
 * The arrow in the Tab order: the focused one, else the selected one, else the next to arrive
 * (the in-flight list's first: the newest sent was the last of a broadcast), else the newest. One
 * tab stop keeps Tab from walking through hundreds of arrows. Pure.
 */
export function tabStopOf(
  layout: Layout,
  focusId: number | null,
  selectedMsgId: number | null,
): number | null {
  const shown = (id: number | null) => id !== null && layout.arrows.some((a) => a.id === id)
  if (shown(focusId)) return focusId
  if (shown(selectedMsgId)) return selectedMsgId
  let next: Layout['arrows'][number] | null = null
  // An in-flight arrow's head is drawn at its arrival (`tx`): the leftmost arrives first.
  for (const a of layout.arrows)
    if (a.state === 'in-flight' && (next === null || a.tx < next.tx || (a.tx === next.tx && a.id < next.id)))
      next = a
  return (next ?? layout.arrows.at(-1))?.id ?? null
}

/** Move keyboard focus to the previous/next arrow in flight (or any arrow, or when none is in flight). */
export function moveArrowFocus(stage: Element | null, fromId: number, dir: 1 | -1, anyArrow: boolean): void {
  if (!stage) return
  const inFlight = Array.from(stage.querySelectorAll<SVGGElement>('.tl-arrow.tl-in-flight'))
  const arrows =
    anyArrow || inFlight.length === 0
      ? Array.from(stage.querySelectorAll<SVGGElement>('.tl-arrow'))
      : inFlight
  const ids = arrows.map((a) => Number(a.getAttribute('data-msg-id')))
  let i = ids.findIndex((id) => (dir > 0 ? id > fromId : id >= fromId))
  if (dir < 0) i = (i < 0 ? ids.length : i) - 1
  if (i >= 0) arrows[i]?.focus()
}
