import { describe, expect, it } from 'vitest'
import { onAccept, onPrepare } from './acceptor.ts'
import { pid } from '../../kernel/types.ts'
import type { AcceptorState, Ballot } from './types.ts'

const b = (round: number, p: number): Ballot => ({ round, pid: p })
const fresh = (): AcceptorState => ({ promised: null, accepted: null })
const P2 = pid(2)

describe('acceptor onPrepare (phase 1b)', () => {
  it('promises a first prepare and reports that nothing is accepted', () => {
    const r = onPrepare(fresh(), P2, b(1, 1))
    expect(r.acceptor).toEqual({ promised: b(1, 1), accepted: null })
    expect(r.reply).toEqual({ type: 'promise', ballot: b(1, 1), accepted: null })
    expect(r.change).toEqual({ kind: 'acceptor.promise', pid: P2, ballot: b(1, 1), previous: null })
    expect(r.belowPromise).toBe(false)
  })

  it('promises a higher ballot and reports its last accepted pair', () => {
    const a = { promised: b(1, 1), accepted: { ballot: b(1, 1), value: '10' } }
    const r = onPrepare(a, P2, b(2, 3))
    expect(r.acceptor).toEqual({ promised: b(2, 3), accepted: a.accepted })
    expect(r.reply).toEqual({ type: 'promise', ballot: b(2, 3), accepted: a.accepted })
    expect(r.change).toMatchObject({ kind: 'acceptor.promise', ballot: b(2, 3), previous: b(1, 1) })
  })

  it('orders ballots by round, then by proposer id', () => {
    const a = { promised: b(2, 1), accepted: null }
    expect(onPrepare(a, P2, b(2, 3)).reply.type).toBe('promise')
    expect(onPrepare(a, P2, b(1, 5)).reply.type).toBe('reject')
  })

  it('rejects a lower ballot, naming the ballot it promised, and changes nothing', () => {
    const a = { promised: b(2, 3), accepted: null }
    const r = onPrepare(a, P2, b(1, 1))
    expect(r.acceptor).toBe(a)
    expect(r.reply).toEqual({ type: 'reject', ballot: b(1, 1), phase: 1, promised: b(2, 3) })
    expect(r.change).toBeNull()
  })

  it('answers a retransmitted prepare (equal ballot) with the same promise and no state change', () => {
    const a = { promised: b(2, 3), accepted: { ballot: b(1, 1), value: '10' } }
    const r = onPrepare(a, P2, b(2, 3))
    expect(r.acceptor).toBe(a)
    expect(r.reply).toEqual({ type: 'promise', ballot: b(2, 3), accepted: a.accepted })
    expect(r.change).toBeNull()
  })

  it('re-promises an equal pid-0 ballot too: how duplicate ballots slip through', () => {
    const a = { promised: b(1, 0), accepted: { ballot: b(1, 0), value: 'A' } }
    const r = onPrepare(a, P2, b(1, 0))
    expect(r.reply).toEqual({ type: 'promise', ballot: b(1, 0), accepted: a.accepted })
  })
})

describe('acceptor onAccept (phase 2b)', () => {
  it('accepts at its promise and replies accepted', () => {
    const a = { promised: b(1, 1), accepted: null }
    const r = onAccept(a, P2, b(1, 1), '10', false)
    expect(r.acceptor).toEqual({ promised: b(1, 1), accepted: { ballot: b(1, 1), value: '10' } })
    expect(r.reply).toEqual({ type: 'accepted', ballot: b(1, 1), value: '10' })
    expect(r.change).toEqual({
      kind: 'acceptor.accept',
      pid: P2,
      accepted: { ballot: b(1, 1), value: '10' },
      promised: b(1, 1),
    })
    expect(r.belowPromise).toBe(false)
  })

  it('accepts above its promise and raises the promise (n ≥ promised)', () => {
    const r = onAccept({ promised: b(1, 1), accepted: null }, P2, b(3, 2), 'x', false)
    expect(r.acceptor.promised).toEqual(b(3, 2))
    expect(r.acceptor.accepted).toEqual({ ballot: b(3, 2), value: 'x' })
  })

  it('accepts with no promise at all (a lost prepare does not matter)', () => {
    const r = onAccept(fresh(), P2, b(1, 4), 'x', false)
    expect(r.acceptor).toEqual({ promised: b(1, 4), accepted: { ballot: b(1, 4), value: 'x' } })
  })

  it('accepts a retransmitted accept (equal ballot) again with the same result', () => {
    const once = onAccept({ promised: b(1, 1), accepted: null }, P2, b(1, 1), '10', false)
    const twice = onAccept(once.acceptor, P2, b(1, 1), '10', false)
    expect(twice.acceptor).toEqual(once.acceptor)
    expect(twice.reply).toEqual(once.reply)
  })

  it('rejects an accept below its promise and keeps its accepted pair', () => {
    const a = { promised: b(2, 3), accepted: { ballot: b(1, 1), value: '10' } }
    const r = onAccept(a, P2, b(1, 5), 'y', false)
    expect(r.acceptor).toBe(a)
    expect(r.reply).toEqual({ type: 'reject', ballot: b(1, 5), phase: 2, promised: b(2, 3) })
    expect(r.change).toBeNull()
  })

  it('with the acceptBelowPromise bug: accepts below its promise, keeps the promise, flags it', () => {
    const a = { promised: b(2, 3), accepted: null }
    const r = onAccept(a, P2, b(1, 1), '10', true)
    expect(r.acceptor).toEqual({ promised: b(2, 3), accepted: { ballot: b(1, 1), value: '10' } })
    expect(r.reply).toEqual({ type: 'accepted', ballot: b(1, 1), value: '10' })
    expect(r.belowPromise).toBe(true)
  })

  it('with the bug on, an accept at or above the promise is ordinary', () => {
    const r = onAccept({ promised: b(2, 3), accepted: null }, P2, b(2, 3), 'z', true)
    expect(r.belowPromise).toBe(false)
    expect(r.acceptor.promised).toEqual(b(2, 3))
  })

  it('never mutates its input', () => {
    const a = Object.freeze({ promised: b(1, 1), accepted: null })
    expect(() => onPrepare(a, P2, b(2, 1))).not.toThrow()
    expect(() => onAccept(a, P2, b(2, 1), 'v', false)).not.toThrow()
    expect(a).toEqual({ promised: b(1, 1), accepted: null })
  })
})
