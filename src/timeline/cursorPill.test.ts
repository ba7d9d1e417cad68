import { describe, expect, it } from 'vitest'
import { cursorPill, tickLabelShown } from './cursorPill.ts'

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
})
