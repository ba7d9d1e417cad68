import { describe, expect, it } from 'vitest'
import { pointAt } from './travel.ts'

describe('travel', () => {
  it('finds where an arrow’s end was on its own path, whatever the zoom', () => {
    const a = { x1: 100, y1: 50, tx: 300, ty: 250 }
    expect(pointAt(a, 0)).toEqual([100, 50])
    expect(pointAt(a, 0.25)).toEqual([150, 100])
    expect(pointAt(a, 1)).toEqual([300, 250])
    // Zoomed in 2× about x = 100: the same fraction lands on the same point of the new path.
    expect(pointAt({ ...a, tx: 500 }, 0.25)).toEqual([200, 100])
  })
})
