import { describe, expect, it } from 'vitest'
import { FIT_SCALES, firstFit } from './useFitText.ts'

describe('fitting a caption into its box', () => {
  it('keeps full size when the text fits', () => {
    expect(firstFit(() => false)).toBe(1)
  })

  it('takes the largest scale at which it fits, trying from the largest down', () => {
    const tried: number[] = []
    expect(
      firstFit((s) => {
        tried.push(s)
        return s > 0.8
      }),
    ).toBe(0.8)
    expect(tried).toEqual([1, 0.9, 0.8])
  })

  it('stops at the smallest scale (the box scrolls beyond it)', () => {
    expect(firstFit(() => true)).toBe(FIT_SCALES[FIT_SCALES.length - 1])
  })
})
