import { describe, expect, it } from 'vitest'
import { fittingSlots, MIN_SLOTS_IN_VIEW } from './useFittingSlots.ts'

describe('fittingSlots', () => {
  it('fits the columns beside the replica names', () => {
    // A 1280-px window's sidebar: 345 px, names 100 px, slot columns 48 px → 5 slots.
    expect(fittingSlots(345, 100, 48, 10)).toBe(5)
    expect(fittingSlots(1000, 100, 48, 10)).toBe(10)
  })
  it('keeps a few columns on a narrow sheet (it scrolls there) and all before measuring', () => {
    expect(fittingSlots(150, 100, 48, 10)).toBe(MIN_SLOTS_IN_VIEW)
    expect(fittingSlots(0, 0, 0, 10)).toBe(10)
  })
})
