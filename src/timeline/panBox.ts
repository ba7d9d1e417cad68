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

/**
 * How far ahead a still box reaches, in view widths. A wide box costs nothing by itself: the
 * layout draws only the view (the rest of the box is empty), and while the cursor moves every
 * frame the box is not a layer of its own, so nothing outside the clip is rastered.
 */
export const STILL_SLACK_VIEWS = 6

/**
 * The box while the cursor moves every frame and the view snaps with it (scrubbing, playing):
 * `prev` while it holds the view, else a new box that holds it with `STILL_SLACK_VIEWS` view
 * widths of room on the side the view is moving to (right at first: a drag or a play runs
 * forward), in whole pixels. Within it a move changes only the pan's shift (see
 * `stillPlacement`), not the `<svg>`'s box or viewBox. Pure.
 */
export function stillPanBox(prev: PanBox | null, need: readonly [number, number], viewWidth: number): PanBox {
  const [a, b] = need[0] <= need[1] ? need : [need[1], need[0]]
  // From the view's width alone, so that the box stays while the view's rounding wobbles.
  const width = Math.max(
    Math.ceil(b) - Math.floor(a) + 2,
    Math.ceil(Math.max(1, viewWidth) * (1 + STILL_SLACK_VIEWS)) + 2,
  )
  if (prev && prev.width === width && prev.x <= a && prev.x + prev.width >= b) return prev
  // Leaving the box to the left: the view goes to its right end, the room to the left.
  if (prev && a < prev.x) return { x: Math.ceil(b) + 1 - width, width }
  return { x: Math.floor(a) - 1, width }
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

/**
 * A still box's placement: the whole shift, its fraction too, in the pan's transform, so that a
 * move changes only that transform and not the `<svg>`'s viewBox. The box is no layer while it is
 * still (see Plot.tsx), so the fraction is rastered where it lands, as the viewBox's fraction is
 * at rest: the same pixels (docs/PERFORMANCE.md). Pure.
 */
export function stillPlacement(offsetX: number, plotLeft: number): { shift: number; frac: number } {
  return { shift: Math.round((offsetX - plotLeft) * 1000) / 1000, frac: 0 }
}
