import { describe, expect, it } from 'vitest'
import { neededX, nextPanBox } from './panBox.ts'

describe('nextPanBox', () => {
  it('covers what is needed with a plot width to spare, on whole plot widths', () => {
    expect(nextPanBox(null, [1030, 2230], 1200)).toEqual({ x: -1200, width: 4800 })
    expect(nextPanBox(null, [0, 1200], 1200)).toEqual({ x: -1200, width: 3600 })
    expect(nextPanBox(null, [-50, 1150], 1200)).toEqual({ x: -2400, width: 4800 })
  })

  it('keeps the box while the content needed still fits, so a pan does not repaint it', () => {
    const first = nextPanBox(null, [1030, 2230], 1200)
    let box = first
    for (let left = 1030; left <= 2400; left += 17) box = nextPanBox(box, [left, left + 1200], 1200)
    expect(box).toBe(first)
  })

  it('moves on when the view leaves it', () => {
    const first = nextPanBox(null, [1030, 2230], 1200)
    const next = nextPanBox(first, [3000, 4200], 1200)
    expect(next).toEqual({ x: 1200, width: 4800 })
    expect(next.x).toBeLessThanOrEqual(3000)
    expect(next.x + next.width).toBeGreaterThanOrEqual(4200)
  })

  it('never gets a zero or tiny quantum (a collapsed plot still gets a box)', () => {
    const box = nextPanBox(null, [10, 10], 0)
    expect(box.width).toBeGreaterThan(0)
    expect(box.x).toBeLessThanOrEqual(10)
    expect(box.x + box.width).toBeGreaterThanOrEqual(10)
  })
})

describe('neededX', () => {
  it('is the view, and during a glide the view it slides from too', () => {
    expect(neededX([100, 1300], null, 10)).toEqual([100, 1300])
    // The glide starts from the view at ticks [5, 125]: content x 50 to 1250.
    expect(neededX([600, 1800], [5, 125], 10)).toEqual([50, 1800])
    expect(neededX([0, 1200], [60, 180], 10)).toEqual([0, 1800])
  })
})
