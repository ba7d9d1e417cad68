import { describe, expect, it } from 'vitest'
import { neededX, nextPanBox, panPlacement } from './panBox.ts'

describe('nextPanBox', () => {
  it('is what is needed, in whole pixels', () => {
    expect(nextPanBox(null, [1030.4, 2230.4], 3600)).toEqual({ x: 1030, width: 1201 })
    expect(nextPanBox(null, [-4.5, 1195.5], 3600)).toEqual({ x: -5, width: 1201 })
  })

  it("keeps a glide's wider box after the glide, while it holds the view and is not too wide", () => {
    const glide = nextPanBox(null, [0, 1800], 3600)
    expect(nextPanBox(glide, [600, 1800], 3600)).toBe(glide)
    expect(nextPanBox(glide, [600, 1800], 1500)).toEqual({ x: 600, width: 1200 })
  })

  it('moves on when the view leaves it (scrubbing: a box the size of the view each frame)', () => {
    const first = nextPanBox(null, [0, 1200], 3600)
    expect(nextPanBox(first, [700, 1900], 3600)).toEqual({ x: 700, width: 1200 })
  })

  it('answers a box with itself, even one wider than the limit (a glide across a long jump)', () => {
    for (const need of [
      [0, 1200],
      [-300.5, 9000.2],
      [5, 5],
    ] as const) {
      const box = nextPanBox(null, need, 2402)
      expect(nextPanBox(box, need, 2402)).toBe(box)
    }
  })

  it('never collapses to nothing', () => {
    expect(nextPanBox(null, [10, 10], 0).width).toBe(1)
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

describe('panPlacement', () => {
  it('shifts the box by whole pixels and leaves the fraction to the viewBox', () => {
    expect(panPlacement(96, 96)).toEqual({ shift: 0, frac: 0 })
    expect(panPlacement(-1234.3, 96)).toEqual({ shift: -1330, frac: -0.3 })
    expect(panPlacement(200.5, 96)).toEqual({ shift: 105, frac: -0.5 })
    for (const offsetX of [-987.6, -3.2, 0, 17.7, 96.1]) {
      const { shift, frac } = panPlacement(offsetX, 96)
      expect(Number.isInteger(shift)).toBe(true)
      expect(96 + shift + frac).toBeCloseTo(offsetX, 6)
    }
  })
})
