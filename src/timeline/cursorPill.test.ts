import { describe, expect, it } from 'vitest'
import {
  axisBelow,
  cursorPill,
  PILL_CLEARANCE_PX,
  tickLabelClearOfPill,
  tickLabelShown,
} from './cursorPill.ts'

describe('the axis row', () => {
  const view = [100, 900] as const

  it('keeps the pill inside the view and right of the view buttons', () => {
    expect(cursorPill(105, 3, 2, view, 300).x).toBe(300)
    const right = cursorPill(899, 80, 38, view)
    expect(right.x + right.w).toBeCloseTo(900)
    expect(cursorPill(950, 80, 38, view).inView).toBe(false)
  })

  it('says the step alone where the buttons leave too little room for the whole pill (a phone)', () => {
    // A 390-px phone: buttons to 294, plot to 366.
    const narrow = cursorPill(285, 121, 66, [96, 366], 294)
    expect(narrow.text).toBe('step 66')
    expect(narrow.x).toBeGreaterThanOrEqual(294)
    expect(narrow.x + narrow.w).toBeLessThanOrEqual(366)
    expect(cursorPill(600, 121, 66, view, 300).text).toBe('t 121 · step 66')
  })

  it('shows an axis number only where it is wholly inside the plot and clear of the buttons', () => {
    expect(tickLabelShown(500, 585, view)).toBe(true)
    // Cut by the plot's left or right edge: "…3" would read as another number.
    expect(tickLabelShown(104, 585, view)).toBe(false)
    expect(tickLabelShown(897, 55, view)).toBe(false)
    // Under the view buttons, whose right edge is 6 px left of the pill's leftmost place.
    expect(tickLabelShown(290, 585, view, 306)).toBe(false)
    expect(tickLabelShown(320, 585, view, 306)).toBe(true)
    // Larger type, wider number.
    expect(tickLabelShown(312, 585, view, 306, 2)).toBe(false)
  })

  it('hides an axis number the pill would cover, also where the pill is pushed off the cursor', () => {
    // Presenter type at 1280×720, step 1 of mp-leader-crash: the cursor at tick 1 is under the
    // view buttons, so the pill starts right of them, 110 px from the cursor; "10" stood under it.
    const scale = 1.35
    const pill = cursorPill(185, 1, 1, [180, 1256], 294, scale)
    expect(pill.x).toBe(294)
    const ten = 180 + 10 * 18
    expect(Math.abs(ten - 185) > pill.w / 2 + PILL_CLEARANCE_PX).toBe(true)
    expect(tickLabelClearOfPill(ten, 10, pill, scale)).toBe(false)
    expect(tickLabelClearOfPill(pill.x + pill.w + 30, 20, pill, scale)).toBe(true)
    // Pushed left by the plot's right edge: a number just left of the pill, touching it, is hidden.
    const right = cursorPill(895, 121, 66, view, -Infinity, scale)
    expect(right.x + right.w).toBeCloseTo(900)
    expect(tickLabelClearOfPill(right.x - 10, 115, right, scale)).toBe(false)
    expect(tickLabelClearOfPill(right.x - 40, 110, right, scale)).toBe(true)
    // No pill in view: every number may show.
    expect(tickLabelClearOfPill(500, 10, cursorPill(950, 80, 38, view, -Infinity, scale), scale)).toBe(true)
  })
})

describe('the axis numbers under the lanes', () => {
  it('go there where the view buttons leave the top row room for the pill alone (a phone)', () => {
    // 390×844: plot 96–366, buttons to 240 (Multi-Paxos's sixth button: to 288); held sideways, 238 px.
    expect(axisBelow([96, 366], 246)).toBe(true)
    expect(axisBelow([96, 366], 294)).toBe(true)
    expect(axisBelow([96, 484], 246)).toBe(true)
  })

  it('stay in the top row on a tablet, a laptop and a projector, wherever the view is panned', () => {
    expect(axisBelow([96, 576], 294)).toBe(false)
    expect(axisBelow([96, 1256], 246)).toBe(false)
    expect(axisBelow([1096, 1556], 1246)).toBe(false)
    expect(axisBelow([96, 366])).toBe(false)
  })
})
