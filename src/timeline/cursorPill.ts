/** The cursor's "t 45 · step 30" pill in the axis row: where it is drawn, shared by the axis and the labels. */

/** Axis numbers too close to the cursor pill are hidden so the pill stays readable. */
export const PILL_CLEARANCE_PX = 24
/** The row of the axis numbers and the cursor pill. */
export const AXIS_Y = 15

export interface CursorPill {
  readonly text: string
  /** False when the cursor is outside the view (no pill is drawn). */
  readonly inView: boolean
  /** The pill's box, in content pixels (see `Layout`), and the row's centre line. */
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly centreY: number
}

/** The pill for a cursor at `cursorX`, kept inside the view and right of `pillMinX`. Pure. */
export function cursorPill(
  cursorX: number,
  cursorTick: number,
  cursorStep: number,
  visibleX: readonly [number, number],
  pillMinX = -Infinity,
  scale = 1,
): CursorPill {
  const [left, right] = visibleX
  const widthOf = (t: string): number => (t.length * 7.4 + 16) * scale
  // Where the view buttons leave too little room (a phone), the step alone: the axis shows the tick,
  // and a pill pushed under the buttons read "1 · step 66".
  const full = `t ${cursorTick} · step ${cursorStep}`
  const text = Math.max(left, pillMinX) + widthOf(full) > right ? `step ${cursorStep}` : full
  const w = widthOf(text)
  const h = 24 * scale
  const centreY = Math.max(AXIS_Y, 4 + h / 2)
  const x = Math.min(Math.max(cursorX - w / 2, left, pillMinX), right - w)
  const inView = cursorX >= left - 0.5 && cursorX <= right + 0.5
  return { text, inView, x, y: centreY - h / 2, w, h, centreY }
}

/**
 * True when an axis number centred at `x` lies wholly inside the plot and right of the view
 * buttons (`pillMinX` keeps 6 px clear of them): a number under the buttons or cut by the plot's
 * edge reads as a wrong number ("…3" for 585). Pure.
 */
export function tickLabelShown(
  x: number,
  tick: number,
  visibleX: readonly [number, number],
  pillMinX = -Infinity,
  scale = 1,
): boolean {
  const half = (String(tick).length * 7.4 * scale) / 2
  return x - half >= Math.max(visibleX[0], pillMinX - 6) && x + half <= visibleX[1]
}

/**
 * Beside the view buttons, the axis row needs this much room for the cursor's pill and two numbers
 * (a 600-px tablet, 282 px, shows two); with less, the numbers go under the lanes (`axisBelow`).
 * Not scaled with the type: presenter type comes only with a large screen's room (367 px at least,
 * beside Multi-Paxos's log at 1024×768), and there the row stays where it was.
 */
export const AXIS_ROW_MIN_ROOM_PX = 260

/**
 * True when the axis numbers are drawn under the lanes instead of beside the view buttons: on a
 * 390-px phone the buttons left the row 120 px (72 beside Multi-Paxos's sixth button), the pill
 * took them all, and the axis showed no number at all; held sideways, 238. Decided by the room
 * alone, not by the cursor, so the numbers never jump between the rows while the run plays. Pure.
 */
export function axisBelow(visibleX: readonly [number, number], pillMinX = -Infinity): boolean {
  return visibleX[1] - Math.max(visibleX[0], pillMinX) < AXIS_ROW_MIN_ROOM_PX
}

/** The least room between the pill and an axis number beside it, before the type scale. */
const PILL_GAP_PX = 6

/**
 * True when an axis number centred at `x` stays clear of the cursor's pill, its box and a few
 * pixels of room: a number the pill covers even in part reads as another ("11" of "115"). The pill
 * is not always centred on the cursor: beside the view buttons, or at the plot's right edge, it is
 * pushed aside (`cursorPill`), and in presenter type it then half-covered a number that the
 * distance from the cursor (`PILL_CLEARANCE_PX`) had left shown: "10" under "t 1 · step 1" at
 * 1280×720. Pure.
 */
export function tickLabelClearOfPill(x: number, tick: number, pill: CursorPill, scale = 1): boolean {
  if (!pill.inView) return true
  const half = (String(tick).length * 7.4 * scale) / 2
  const gap = PILL_GAP_PX * scale
  return x + half + gap <= pill.x || x - half - gap >= pill.x + pill.w
}
