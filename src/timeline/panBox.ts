/**
 * Where the panned content's own `<svg>` sits (see Plot.tsx), in content pixels. The content is in
 * an HTML box that pans by a CSS transform, so a follow glide moves a composited layer instead of
 * repainting the diagram. The `<svg>` covers what can come into view: the view, and during a glide
 * the view it slides from. No wider: every tile of a composited layer is rastered, seen or not
 * (a box kept several plot widths wide made every scrub frame raster three times the plot).
 */
export interface PanBox {
  /** Content x of the box's left edge (its CSS left; see `panPlacement` for its viewBox). */
  readonly x: number
  readonly width: number
}

/**
 * The box for content pixels [need0, need1]: `prev` while it still holds them and is at most
 * `maxWidth` wide (the box a glide needed stays for the steps after it, so the glide's end does
 * not repaint the layer), else the need itself in whole pixels. Pure.
 */
export function nextPanBox(prev: PanBox | null, need: readonly [number, number], maxWidth: number): PanBox {
  const [a, b] = need[0] <= need[1] ? need : [need[1], need[0]]
  const x = Math.floor(a)
  const width = Math.max(1, Math.ceil(b) - x)
  // A need wider than `maxWidth` (a glide across a long jump) keeps the box made for it: the
  // answer for the box it returns is that box again (Plot stores it in state during render).
  if (prev && prev.x <= a && prev.x + prev.width >= b && prev.width <= Math.max(maxWidth, width)) return prev
  return { x, width }
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

/**
 * The panned box's CSS shift (whole pixels: a layer at a fractional offset is re-rastered
 * whenever the fraction changes, and its text blurs) and the fraction left over, which the
 * `<svg>`'s viewBox takes (its x is `box.x - frac`). Content x then lands at screen
 * `plotLeft + shift + frac + x = offsetX + x`, as in the layout. Pure.
 */
export function panPlacement(offsetX: number, plotLeft: number): { shift: number; frac: number } {
  const exact = offsetX - plotLeft
  const shift = Math.round(exact)
  return { shift, frac: Math.round((exact - shift) * 1000) / 1000 }
}
