import { describe, expect, it } from 'vitest'
import { currentBeat, nextStop, previousStop } from './presenter.ts'

const beats = [
  { step: 14, text: 'b' },
  { step: 7, text: 'a' },
]

describe('presenter beats', () => {
  it('walks the beats in step order, stepping where there are none', () => {
    expect(nextStop(beats, 0, 24)).toBe(7)
    expect(nextStop(beats, 7, 24)).toBe(14)
    expect(nextStop(beats, 14, 24)).toBe(15)
    expect(nextStop(beats, 24, 24)).toBe(24)
    expect(nextStop(undefined, 3, 24)).toBe(4)
    expect(previousStop(beats, 20)).toBe(14)
    expect(previousStop(beats, 14)).toBe(7)
    expect(previousStop(beats, 7)).toBe(0)
    expect(previousStop(beats, 0)).toBe(0)
  })
  it('captions the latest beat at or before the cursor', () => {
    expect(currentBeat(beats, 6)).toBeNull()
    expect(currentBeat(beats, 7)?.text).toBe('a')
    expect(currentBeat(beats, 13)?.text).toBe('a')
    expect(currentBeat(beats, 30)?.text).toBe('b')
  })
})
