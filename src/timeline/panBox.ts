/**
 * The box of the panned content's own `<svg>` (see Plot.tsx), in content pixels. The content sits
 * in an HTML box that pans by a CSS transform, so a pan or a follow glide moves a composited layer
 * instead of repainting the diagram. The `<svg>` inside must cover everything that can come into
 * view (the view, and during a glide the view it slides from), but each change of its box changes
 * its viewBox, which repaints all of it: so the box is wider than needed, in whole plot widths,
 * and kept while what is needed still fits inside it.
 */
export interface PanBox {
  /** Content x of the box's left edge (its viewBox's x and its CSS left). */
  readonly x: number
  readonly width: number
}

/**
 * The box for content pixels [need0, need1]: `prev` while it still holds them, else a new one
 * whose edges are on multiples of `quantum` (the plot's width) with a quantum to spare on each
 * side. Pure.
 */
export function nextPanBox(prev: PanBox | null, need: readonly [number, number], quantum: number): PanBox {
  const [a, b] = need[0] <= need[1] ? need : [need[1], need[0]]
  if (prev && prev.x <= a && prev.x + prev.width >= b) return prev
  const q = Math.max(64, quantum)
  const x = (Math.floor(a / q) - 1) * q
  const right = (Math.ceil(b / q) + 1) * q
  return { x, width: right - x }
}

/** The content pixels a layout needs drawn: its view, and the view a glide starts from. Pure. */
export function neededX(
  visibleX: readonly [number, number],
  glideFrom: readonly [number, number] | null,
  pxPerTick: number,
): [number, number] {
  if (!glideFrom) return [visibleX[0], visibleX[1]]
  const width = visibleX[1] - visibleX[0]
  const fromX = glideFrom[0] * pxPerTick
  return [Math.min(visibleX[0], fromX), Math.max(visibleX[1], fromX + width)]
}
