import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { finalValues, isLinearizable, NIL, type ObservedOp } from './linearizability.ts'

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

/**
 * The definition itself, by brute force: every order of the commands that keeps each client's
 * order and real time (a command answered before another was sent comes first), leaving out
 * pending reads and optionally a pending write; each complete order's final register value.
 * Exponential, for histories of a few commands: an oracle for the memoized search.
 */
function finalsByBruteForce(
  clients: readonly (readonly ObservedOp[])[],
  starts: readonly string[],
): string[] {
  const hist = clients.map((ops) => ops.filter((o) => o.responded !== null || o.op === 'put'))
  const finals = new Set<string>()
  const placed = hist.map(() => 0)
  const unplacedAnsweredBefore = (invoked: number): boolean =>
    hist.some((ops, c) => ops.slice(placed[c]).some((o) => o.responded !== null && o.responded < invoked))
  const extend = (reg: string): void => {
    const complete = hist.every((ops, c) => {
      const rest = ops.slice(placed[c])
      return rest.length === 0 || (rest.length === 1 && rest[0]?.responded === null)
    })
    if (complete) finals.add(reg)
    hist.forEach((ops, c) => {
      const head = ops[placed[c] ?? 0]
      if (!head || unplacedAnsweredBefore(head.invoked)) return
      if (head.op === 'get' && head.value !== reg) return
      placed[c] = (placed[c] ?? 0) + 1
      extend(head.op === 'put' ? (head.value ?? NIL) : reg)
      placed[c] = (placed[c] ?? 0) - 1
    })
  }
  for (const start of starts) extend(start)
  return [...finals].sort()
}

/**
 * Histories as clients make them: each client sends one command at a time (a write of its own
 * value, or a read answered with some written value or nil), events interleaved at random; the
 * last command of a client may still be pending.
 */
const historyArb = fc
  .record({
    clients: fc.integer({ min: 1, max: 3 }),
    moves: fc.array(fc.record({ client: fc.nat({ max: 2 }), put: fc.boolean(), read: fc.nat() }), {
      maxLength: 14,
    }),
    starts: fc.subarray(['nil', 'x', 'a1'], { minLength: 1 }),
  })
  .map(({ clients, moves, starts }) => {
    const hist: ObservedOp[][] = Array.from({ length: clients }, () => [])
    const written = [...starts]
    let clock = 0
    for (const m of moves) {
      const c = m.client % clients
      const ops = hist[c] as ObservedOp[]
      const last = ops[ops.length - 1]
      if (last && last.responded === null) {
        // Answer the pending command (a read answers one of the values written so far, or nil).
        const value = last.op === 'get' ? (written[m.read % written.length] ?? NIL) : last.value
        ops[ops.length - 1] = { ...last, value, responded: ++clock }
        continue
      }
      const value = m.put ? `${String.fromCharCode(97 + c)}${ops.length + 1}` : null
      if (value !== null) written.push(value)
      ops.push({ op: m.put ? 'put' : 'get', value, invoked: ++clock, responded: null })
    }
    return { hist, starts }
  })

describe('the memoized search against the brute-force definition', () => {
  it('agrees on linearizability and on the final values, for random histories of up to three clients', () => {
    fc.assert(
      fc.property(historyArb, ({ hist, starts }) => {
        const expected = finalsByBruteForce(hist, starts)
        expect(isLinearizable(hist, starts)).toBe(expected.length > 0)
        if (hist.every((ops) => ops.every((o) => o.responded !== null)))
          expect(finalValues(hist, starts)).toEqual(expected)
      }),
      { numRuns: 400, seed: 11 },
    )
  })
})
