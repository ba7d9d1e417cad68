/**
 * The type and width of the lane headers: the process's name, and under it its status line
 * ("prepare 1.1", "leader 2.2 · c6", "→ C1.2:put(a2)"). The status line is what a lecture points
 * at (the ballot a proposer runs, which replica leads), so it is set as large as the arrows'
 * labels wherever the lane has the room, and on a projector or in presenter mode the header is
 * wide enough for a status of `STATUS_CHARS` characters at that size: a Paxos ballot is never
 * squeezed, a longer Multi-Paxos status only a little. With eight lanes in presenter mode it was
 * 12 px under a 26 px name.
 */

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v))

/** The header's width before the status line asks for more (sized for a 1280×720 laptop). */
const BASE_HEADER_PX = 96
/** "prepare 12.3" whole; "leader 2.2 · c6" at 80 % of its width. */
const STATUS_CHARS = 12
/** The bold status font's mean advance per character, as a fraction of its size. */
export const STATUS_CHAR_EM = 0.62
/** A phone keeps most of its width for the plot: the status may then be squeezed. */
const MAX_HEADER_SHARE = 0.25
/** The status line's inside margin on either side, left by the box and the text's start. */
const STATUS_INSET_PX = 24

export interface LaneHeaderType {
  readonly pidFont: number
  /** Zero when the lane is too low for a status line under the name. */
  readonly statusFont: number
  /** The status line's baseline, from the lane's centre line. */
  readonly statusY: number
  readonly boxH: number
}

/** The header box, the name's and the status line's sizes for lanes `laneGap` apart. Pure. */
export function laneHeaderType(laneGap: number, typeScale: number): LaneHeaderType {
  const pidFont = clamp(laneGap * 0.5, 14, 30)
  const boxH = Math.max(16, laneGap - 6)
  if (laneGap < 52) return { pidFont, statusFont: 0, statusY: 0, boxH }
  // The name's baseline sits 2 px above the centre; the status line's capitals start at least
  // 4 px below it and its descenders end 2 px inside the box (cap height ≈ 0.72 em, descent ≈ 0.22).
  const fits = (boxH / 2 - 4) / 0.94
  // A laptop's diagram (scale 1 or less) keeps a small status line in its 96-px header; on a
  // projector or in presenter mode it is as large as the arrows' labels where the lane allows.
  const wanted = typeScale <= 1 ? laneGap * 0.17 * typeScale : Math.min(14 * typeScale, fits)
  const statusFont = Math.round(clamp(wanted, 11, Math.max(11, 14 * typeScale)) * 10) / 10
  const statusY = Math.min(statusFont + 8, boxH / 2 - 0.22 * statusFont - 2)
  return { pidFont, statusFont, statusY, boxH }
}

/** The lane headers' width for a diagram `width` wide with lanes `laneGap` apart. Pure. */
export function laneHeaderWidth(width: number, laneGap: number, typeScale: number): number {
  const base = Math.round(BASE_HEADER_PX * Math.min(1.6, Math.max(1, typeScale)))
  if (typeScale <= 1) return base
  const { statusFont } = laneHeaderType(laneGap, typeScale)
  const wanted = STATUS_INSET_PX + STATUS_CHARS * STATUS_CHAR_EM * statusFont
  return Math.round(Math.max(base, Math.min(wanted, width * MAX_HEADER_SHARE)))
}
