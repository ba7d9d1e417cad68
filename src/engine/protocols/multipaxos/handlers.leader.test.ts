import { describe, expect, it } from 'vitest'
import { defaultMpConfig } from './config.ts'
import { onTimer } from './handlers.ts'
import { b, ctx, deepFreeze, deliver, events, leader, put, replica, sends } from './handlers.test-helpers.ts'
import { slotsFrom } from './slots.ts'
import type { MpProcState, ReplicaState } from './state.ts'

/** The leader in steady state: slots, accepts, choosing, heartbeats and batching. */

describe('leader in steady state', () => {
  it('assigns the next free slot and sends one accept to every replica', () => {
    const r = deliver(leader({ nextSlot: 4, commit: 3, executed: 3 }), 6, { type: 'request', cmd: put(1, 1) })
    expect((r.state as ReplicaState).nextSlot).toBe(5)
    expect(sends(r)).toEqual([
      {
        do: 'broadcast',
        to: [1, 2, 3, 4, 5],
        msg: { type: 'accept', ballot: b(1, 1), entries: [{ slot: 4, cmd: put(1, 1) }], commit: 3 },
      },
    ])
  })

  it('a non-leader redirects to the leader it knows', () => {
    const r = deliver(replica(2, { leader: 1 }), 6, { type: 'request', cmd: put(1, 1) })
    expect(sends(r)).toEqual([{ do: 'reply', msg: { type: 'redirect', client: 1, seq: 1, leader: 1 } }])
  })

  it('answers an executed command from the at-most-once table instead of proposing it again', () => {
    const r = deliver(leader({ sessions: [undefined, { seq: 1, result: 'ok' }] }), 6, {
      type: 'request',
      cmd: put(1, 1),
    })
    expect(sends(r)).toEqual([{ do: 'reply', msg: { type: 'reply', client: 1, seq: 1, result: 'ok' } }])
    expect((r.state as ReplicaState).nextSlot).toBe(1)
  })

  it('does not propose a retried command that is already in the log', () => {
    const r = deliver(leader({ nextSlot: 2, proposals: slotsFrom([put(1, 1)]) }), 6, {
      type: 'request',
      cmd: put(1, 1),
    })
    expect(sends(r)).toEqual([])
    expect(r.counted).toEqual({
      ignored: 'C1.1:put(x1) is already in slot 1; the reply comes when it executes',
    })
  })

  it('chooses a slot at a majority of accepts, executes it and replies to the client', () => {
    let s: MpProcState = leader({ nextSlot: 2, proposals: slotsFrom([put(1, 1)]) })
    for (const from of [1, 2]) s = deliver(s, from, { type: 'accepted', ballot: b(1, 1), slots: [1] }).state
    expect((s as ReplicaState).commit).toBe(0)
    const r = deliver(s, 3, { type: 'accepted', ballot: b(1, 1), slots: [1] })
    expect(r.counted).toEqual({ toward: 'slot 1 at ballot 1.1', count: 3, needed: 3 })
    expect((r.state as ReplicaState).register).toBe('x1')
    expect(sends(r)).toEqual([{ do: 'send', to: 6, msg: { type: 'reply', client: 1, seq: 1, result: 'ok' } }])
    const late = deliver(r.state, 4, { type: 'accepted', ballot: b(1, 1), slots: [1] })
    expect(late.counted).toEqual({ ignored: 'slot 1 already chosen' })
  })

  it('commitOneShort chooses with one accept fewer than a majority', () => {
    const config = { ...defaultMpConfig(), bugs: { ...defaultMpConfig().bugs, commitOneShort: true } }
    let s: MpProcState = leader({ nextSlot: 2, proposals: slotsFrom([put(1, 1)]) })
    for (const from of [1, 2])
      s = deliver(s, from, { type: 'accepted', ballot: b(1, 1), slots: [1] }, config).state
    expect((s as ReplicaState).commit).toBe(1)
  })

  it('a reject naming a higher ballot preempts the leader', () => {
    const r = deliver(leader(), 3, { type: 'reject', ballot: b(1, 1), promised: b(2, 4) })
    expect((r.state as ReplicaState).status).toBe('follower')
    expect(events(r)).toContainEqual({
      pid: 1,
      kind: 'leader.preempted',
      ballot: b(1, 1),
      higher: b(2, 4),
      retryTicks: 42,
    })
  })

  it('heartbeats carry the commit point and resend accepts still unanswered since the last heartbeat', () => {
    const l = leader({
      nextSlot: 2,
      beatSlot: 2,
      commit: 0,
      proposals: slotsFrom([put(1, 1)]),
      votes: slotsFrom([0b0110]),
    }) // P1 and P2 accepted
    const r = onTimer(deepFreeze(l), { key: 'heartbeat', ctx: ctx(1) })
    const msgs = sends(r)
    expect(msgs[0]).toEqual({
      do: 'broadcast',
      to: [2, 3, 4, 5],
      msg: { type: 'heartbeat', ballot: b(1, 1), commit: 0 },
    })
    expect(msgs.slice(1).map((e) => (e.do === 'send' ? e.to : 0))).toEqual([3, 4, 5])
  })

  it('batching waits for a full batch, or for the batch timer', () => {
    const config = { ...defaultMpConfig(), batchSize: 2 }
    const r1 = deliver(leader(), 6, { type: 'request', cmd: put(1, 1) }, config)
    expect(sends(r1)).toEqual([])
    expect(r1.outbox).toContainEqual({ do: 'timer.set', key: 'batch', afterTicks: config.batchTicks })
    const r2 = deliver(r1.state, 7, { type: 'request', cmd: put(2, 1) }, config)
    expect(sends(r2)).toEqual([
      {
        do: 'broadcast',
        to: [1, 2, 3, 4, 5],
        msg: {
          type: 'accept',
          ballot: b(1, 1),
          entries: [
            { slot: 1, cmd: put(1, 1) },
            { slot: 2, cmd: put(2, 1) },
          ],
          commit: 0,
        },
      },
    ])
  })
})
