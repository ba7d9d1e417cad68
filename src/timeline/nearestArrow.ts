/**
 * Which arrow a tap or click meant. On a touch screen each arrow's hit line is 44 px wide, so in a
 * fan of messages sent at once (P1's prepares to P2…P5) the lines overlap near their common end,
 * and the topmost one (the last drawn) won: a student who tapped the middle of "the prepare to
 * P3" opened, and could drop, the prepare to P4. Of the hit lines under the point, the arrow whose
 * own line passes nearest to it is the one meant.
 */

interface Point {
  readonly x: number
  readonly y: number
}

/** Distance from `p` to the segment `a`–`b`. Pure. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length2 = dx * dx + dy * dy
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2))
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}

/**
 * The message id of the arrow nearest to the viewport point (`clientX`, `clientY`) among the
 * straight hit lines there, or `fallback` (the topmost, as the event found it) when there is none
 * to compare (a self-message's loop, or a browser without `elementsFromPoint`).
 */
export function nearestArrowAt(clientX: number, clientY: number, fallback: number | null): number | null {
  if (typeof document.elementsFromPoint !== 'function') return fallback
  const p = { x: clientX, y: clientY }
  let best = fallback
  let bestDistance = Infinity
  for (const el of document.elementsFromPoint(clientX, clientY)) {
    if (!(el instanceof SVGLineElement) || !el.classList.contains('tl-hit')) continue
    const id = el.closest('[data-msg-id]')?.getAttribute('data-msg-id')
    const m = el.getScreenCTM()
    if (id == null || m === null) continue
    const a = new DOMPoint(el.x1.baseVal.value, el.y1.baseVal.value).matrixTransform(m)
    const b = new DOMPoint(el.x2.baseVal.value, el.y2.baseVal.value).matrixTransform(m)
    const d = distanceToSegment(p, a, b)
    if (d < bestDistance) {
      bestDistance = d
      best = Number(id)
    }
  }
  return best
}
