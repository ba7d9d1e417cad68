import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptySlots, slotGet, slotSet, slotsFrom, slotsToArray, type Slots } from './slots.ts'

/**
 * Versions share chunks and tail lists (slots.ts): a write to any version never changes what
 * another version holds, and a version's JSON is its own slots only, whatever its lists share.
 */

/** What a version should hold: a plain array per version, written the obvious way. */
const model = (arr: readonly (number | null)[], slot: number, v: number | null): (number | null)[] => {
  const out = arr.slice()
  while (out.length < slot) out.push(null)
  out[slot - 1] = v
  return out
}

/** Writes to versions picked among all made so far: mostly the next slot, some older, some beyond. */
const writes = fc.array(
  fc.record({
    base: fc.nat(),
    where: fc.oneof(
      { weight: 6, arbitrary: fc.constant('next' as const) },
      { weight: 2, arbitrary: fc.constant('older' as const) },
      { weight: 1, arbitrary: fc.constant('beyond' as const) },
    ),
    offset: fc.nat({ max: 40 }),
    value: fc.integer({ min: 1, max: 999 }),
  }),
  { maxLength: 300 },
)

describe('Slots', () => {
  it('every version keeps its slots while others (older or newer) are written', () => {
    fc.assert(
      fc.property(writes, (ws) => {
        const versions: Slots<number>[] = [emptySlots()]
        const expected: (number | null)[][] = [[]]
        for (const w of ws) {
          const i = w.base % versions.length
          const s = versions[i] as Slots<number>
          const size = s.size
          const slot =
            w.where === 'next'
              ? size + 1
              : w.where === 'older'
                ? 1 + (w.offset % Math.max(1, size))
                : size + 2 + w.offset
          versions.push(slotSet(s, slot, w.value))
          expected.push(model(expected[i] as (number | null)[], slot, w.value))
        }
        versions.forEach((v, k) => {
          const want = expected[k] as (number | null)[]
          expect(v.size).toBe(want.length)
          expect(slotsToArray(v)).toEqual(want)
          // The JSON holds this version's slots alone, as a list copied for it would.
          const json = JSON.parse(JSON.stringify(v)) as Slots<number>
          expect(json.tail).toHaveLength(json.size - json.chunks.length * 16)
          expect(slotsToArray(json)).toEqual(want)
          expect(JSON.stringify(v)).toBe(JSON.stringify(slotsFrom(want)))
        })
      }),
      { numRuns: 200 },
    )
  })

  it('a straight run of next-slot writes shares one tail list until it fills a chunk', () => {
    let s = emptySlots<number>()
    const kept: Slots<number>[] = []
    for (let slot = 1; slot <= 20; slot++) {
      s = slotSet(s, slot, slot * 10)
      kept.push(s)
    }
    // Slots 1..15 were written into one list; the 16th filled it, and it became the first chunk.
    expect(new Set(kept.slice(0, 15).map((v) => v.tail)).size).toBe(1)
    expect(kept[15]?.chunks[0]).toBe(kept[0]?.tail)
    // An old version still reads only its own prefix.
    expect(slotGet(kept[2] as Slots<number>, 4)).toBeNull()
    expect(slotsToArray(kept[2] as Slots<number>)).toEqual([10, 20, 30])
  })

  it('a frozen version (a handler test freezes its input) is copied, never written into', () => {
    const s = Object.freeze(slotsFrom([1, 2, 3]))
    Object.freeze(s.tail)
    const next = slotSet(s, 4, 4)
    expect(slotsToArray(next)).toEqual([1, 2, 3, 4])
    expect(slotsToArray(s)).toEqual([1, 2, 3])
  })
})
