import { describe, expect, it } from 'vitest'
import { finalValues, isLinearizable, type ObservedOp } from './linearizability.ts'

const w = (value: string, invoked: number, responded: number | null): ObservedOp => ({
  op: 'put',
  value,
  invoked,
  responded,
})
const r = (value: string, invoked: number, responded: number | null): ObservedOp => ({
  op: 'get',
  value,
  invoked,
  responded,
})

describe('linearizability of a single register', () => {
  it('accepts a sequential history whose reads see the last write', () => {
    expect(isLinearizable([[w('a1', 1, 2), r('a1', 3, 4), w('a2', 5, 6), r('a2', 7, 8)]])).toBe(true)
  })

  it('rejects a read of an overwritten value when the overwrite finished before the read began', () => {
    expect(isLinearizable([[w('a1', 1, 2), w('a2', 3, 4)], [r('a1', 5, 6)]])).toBe(false)
  })

  it('allows either order for overlapping commands', () => {
    expect(isLinearizable([[w('a1', 1, 2), w('a2', 3, 6)], [r('a1', 4, 5)]])).toBe(true)
    expect(isLinearizable([[w('a1', 1, 2), w('a2', 3, 6)], [r('a2', 4, 5)]])).toBe(true)
  })

  it('a read of a value never written, or of nil after a finished write, is not linearizable', () => {
    expect(isLinearizable([[w('a1', 1, 2)], [r('zz', 3, 4)]])).toBe(false)
    expect(isLinearizable([[w('a1', 1, 2)], [r('nil', 3, 4)]])).toBe(false)
  })

  it('checks a history too long for numeric search keys (they fall back to strings)', () => {
    // Twelve clients of 20 sequential writes each, one after another in real time: 21^12
    // placements times the register's possible values do not fit a safe integer. The last
    // client's last write is read correctly, then an overwritten value is read.
    let t = 0
    const clients = Array.from({ length: 12 }, (_, c) =>
      Array.from({ length: 20 }, (_, i) => w(`${c}.${i}`, ++t, ++t)),
    )
    const reader = [r('11.19', ++t, ++t)]
    expect(isLinearizable([...clients, reader])).toBe(true)
    expect(isLinearizable([...clients, [...reader, r('11.18', ++t, ++t)]])).toBe(false)
  })

  it('a pending write may have taken effect (a read may see it) or not', () => {
    expect(isLinearizable([[w('a1', 1, null)], [r('a1', 2, 3)]])).toBe(true)
    expect(isLinearizable([[w('a1', 1, null)], [r('nil', 2, 3)]])).toBe(true)
  })

  it('real time orders reads too: once a read saw the new value, a later read cannot see the old', () => {
    expect(isLinearizable([[w('a1', 1, 2), w('a2', 3, 10)], [r('a2', 4, 5)], [r('a1', 6, 7)]])).toBe(false)
  })

  it('at a cut, only the possible final values carry over', () => {
    // Two overlapping writes nobody read: either may be last.
    expect(finalValues([[w('a1', 1, 4)], [w('b1', 2, 3)]], ['nil'])).toEqual(['a1', 'b1'])
    // A read after both pins the order.
    expect(finalValues([[w('a1', 1, 4), r('b1', 5, 6)], [w('b1', 2, 3)]], ['nil'])).toEqual(['b1'])
    expect(isLinearizable([[r('a1', 7, 8)]], ['a1', 'b1'])).toBe(true)
    expect(isLinearizable([[r('nil', 7, 8)]], ['a1', 'b1'])).toBe(false)
  })
})
