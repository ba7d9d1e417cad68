/**
 * Where the legend's entries go: a grid, filled row by row, whose columns are each as wide as
 * their widest entry, so that no entry's words run past the legend's edge (the legend's SVG
 * clips them: "slot chosen: majority accepted it" lost its end in the Help dialog and in exports).
 * Pure: the widths are estimated from the characters, not measured, so the layout is the same in
 * the browser, in an export and in a test without a DOM.
 */

/** The swatch's width and the gap before the words (the swatches are drawn in a 66 × 36 box). */
export const LEGEND_SWATCH_W = 66
export const LEGEND_TEXT_X = LEGEND_SWATCH_W + 6
export const LEGEND_ROW_H = 38
/** The words' size in px (timelineFrame.css `.tl-legend-text`). */
export const LEGEND_FONT_PX = 15
/** Space after an entry's words, before the next column. */
const COLUMN_GAP = 18

const NARROW = new Set([..." .,:;|!'ijlIJ"])
const SLIM = new Set([...'()[]frt-'])
const WIDE = new Set([...'mwMW…×=%'])

/**
 * A generous estimate of `text`'s width in px at `fontPx`: per character, the advance widths of
 * the wide fonts the app may fall back to (DejaVu Sans, the Linux default, is among the widest),
 * rounded up, plus 5 %. Too wide only leaves some space; too narrow would cut the words off.
 */
export function legendTextWidth(text: string, fontPx = LEGEND_FONT_PX): number {
  let em = 0
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.33
    else if (SLIM.has(ch)) em += 0.42
    else if (WIDE.has(ch)) em += 1
    else if (ch >= 'A' && ch <= 'Z') em += 0.8
    else em += 0.65
  }
  return Math.ceil(em * fontPx * 1.05)
}

export interface LegendGrid {
  /** Each column's left edge and the whole grid's size, in the legend's own units (px at 1×). */
  readonly columnX: readonly number[]
  readonly width: number
  readonly height: number
}

/**
 * The grid for entries worded `texts`, entry `i` in cell `cellOf(i)` (two entries may share a
 * cell: only one of them shows), with `columns` columns. Pure.
 */
export function legendGrid(
  texts: readonly string[],
  cellOf: (i: number) => number,
  cells: number,
  columns: number,
): LegendGrid {
  const cols = Math.max(1, Math.min(Math.floor(columns), cells))
  const widths = new Array<number>(cols).fill(0)
  texts.forEach((text, i) => {
    const col = cellOf(i) % cols
    widths[col] = Math.max(widths[col] ?? 0, LEGEND_TEXT_X + legendTextWidth(text) + COLUMN_GAP)
  })
  const columnX: number[] = []
  let x = 0
  for (const w of widths) {
    columnX.push(x)
    x += w
  }
  return { columnX, width: x - COLUMN_GAP, height: Math.ceil(cells / cols) * LEGEND_ROW_H + 8 }
}

/**
 * The most columns, up to `most`, whose grid is at most `maxWidth` wide (at least one: a single
 * column narrower than the room is scaled down, never cut). Pure.
 */
export function legendColumnsToFit(
  texts: readonly string[],
  cellOf: (i: number) => number,
  cells: number,
  maxWidth: number,
  most = 3,
): number {
  for (let cols = most; cols > 1; cols--)
    if (legendGrid(texts, cellOf, cells, cols).width <= maxWidth) return cols
  return 1
}
