import { describe, expect, it } from 'vitest'
import { distanceToSegment } from './nearestArrow.ts'

describe('distanceToSegment', () => {
  const a = { x: 0, y: 0 }
  const b = { x: 10, y: 0 }
  it('is the perpendicular distance beside the segment', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, a, b)).toBe(3)
  })
  it('is the distance to the nearer end beyond it', () => {
    expect(distanceToSegment({ x: 13, y: 4 }, a, b)).toBe(5)
    expect(distanceToSegment({ x: -3, y: -4 }, a, b)).toBe(5)
  })
  it('is the distance to the point for a segment of no length', () => {
    expect(distanceToSegment({ x: 3, y: 4 }, a, a)).toBe(5)
  })
})
