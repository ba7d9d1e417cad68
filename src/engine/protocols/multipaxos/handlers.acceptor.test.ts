import { describe, expect, it } from 'vitest'
import { b, deliver, events, leader, put, replica, sends } from './handlers.test-helpers.ts'
import { slotGet, slotsFrom } from './slots.ts'
import type { ReplicaState } from './state.ts'

/** The acceptor side of a replica: prepare, accept, commit point, stale heartbeats. */

describe('acceptor', () => {
  it('promises a higher ballot and reports its votes from the requested slot on', () => {
    const votes = [
      { slot: 1, ballot: b(1, 1), cmd: put(1, 1) },
      { slot: 2, ballot: b(1, 1), cmd: put(1, 2) },
    ]
    const r = deliver(replica(3, { promised: b(1, 1), accepted: slotsFrom(votes) }), 2, {
      type: 'prepare',
      ballot: b(2, 2),
      fromSlot: 2,
    })
    expect((r.state as ReplicaState).promised).toEqual(b(2, 2))
    expect(sends(r)).toEqual([
      { do: 'reply', msg: { type: 'promise', ballot: b(2, 2), fromSlot: 2, accepted: [votes[1]] } },
    ])
    expect(events(r)).toEqual([{ kind: 'acceptor.promise', ballot: b(2, 2), previous: b(1, 1), pid: 3 }])
  })

  it('rejects a lower prepare, naming its promise (preemption)', () => {
    const r = deliver(replica(3, { promised: b(2, 2) }), 1, { type: 'prepare', ballot: b(1, 1), fromSlot: 1 })
    expect(r.outbox).toEqual([{ do: 'reply', msg: { type: 'reject', ballot: b(1, 1), promised: b(2, 2) } }])
    expect((r.state as ReplicaState).promised).toEqual(b(2, 2))
  })

  it('a leader whose own acceptor promises a higher ballot steps down and backs off', () => {
    const r = deliver(leader(), 2, { type: 'prepare', ballot: b(2, 2), fromSlot: 1 })
    const s = r.state as ReplicaState
    expect([s.status, s.leader, s.attempt]).toEqual(['follower', 2, 1])
    expect(r.outbox).toContainEqual({ do: 'timer.cancel', key: 'heartbeat' })
    expect(r.outbox).toContainEqual({ do: 'timer.set', key: 'backoff', afterTicks: 42 })
  })

  it('accepts at or above its promise, votes per slot and learns the commit point', () => {
    const f = replica(2, { accepted: slotsFrom([{ slot: 1, ballot: b(1, 1), cmd: put(1, 1) }]) })
    const r = deliver(f, 1, {
      type: 'accept',
      ballot: b(1, 1),
      entries: [{ slot: 2, cmd: put(1, 2) }],
      commit: 1,
    })
    const s = r.state as ReplicaState
    expect(slotGet(s.accepted, 2)).toEqual({ slot: 2, ballot: b(1, 1), cmd: put(1, 2) })
    expect([s.commit, s.executed, s.register, s.leader, s.heard]).toEqual([1, 1, 'x1', 1, true])
    expect(sends(r)).toEqual([{ do: 'reply', msg: { type: 'accepted', ballot: b(1, 1), slots: [2] } }])
  })

  it('asks for catch-up when the commit point covers a slot it did not accept in that ballot', () => {
    const f = replica(2, { accepted: slotsFrom([{ slot: 1, ballot: b(1, 3), cmd: put(1, 1) }]) })
    const r = deliver(f, 1, { type: 'heartbeat', ballot: b(2, 1), commit: 2 })
    expect((r.state as ReplicaState).commit).toBe(0)
    expect(sends(r)).toEqual([{ do: 'reply', msg: { type: 'catchup-request', fromSlot: 1 } }])
  })

  it('rejects a heartbeat from a deposed leader', () => {
    const r = deliver(replica(2, { promised: b(3, 4) }), 1, { type: 'heartbeat', ballot: b(1, 1), commit: 0 })
    expect(sends(r)).toEqual([{ do: 'reply', msg: { type: 'reject', ballot: b(1, 1), promised: b(3, 4) } }])
  })
})
