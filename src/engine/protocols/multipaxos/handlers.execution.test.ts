import { describe, expect, it } from 'vitest'
import { defaultMpConfig } from './config.ts'
import { onRecover, onRequest, onTimer } from './handlers.ts'
import { b, ctx, deepFreeze, deliver, events, leader, put, replica, sends } from './handlers.test-helpers.ts'
import { slotsFrom } from './slots.ts'
import { newClient, type ReplicaState } from './state.ts'

/** Execution, catch-up, recovery, and the clients. */

describe('execution, catch-up, recovery, clients', () => {
  it('catch-up entries are learned in order and executed once each', () => {
    const r = deliver(replica(4), 1, {
      type: 'catchup',
      entries: [
        { slot: 1, cmd: put(1, 1) },
        { slot: 2, cmd: { op: 'noop' } },
        { slot: 3, cmd: put(1, 1) },
      ],
    })
    const s = r.state as ReplicaState
    expect([s.commit, s.executed, s.register]).toEqual([3, 3, 'x1'])
    expect(
      events(r)
        .filter((f) => f.kind === 'slot.execute')
        .map((f) => f.kind === 'slot.execute' && f.applied),
    ).toEqual([true, false, false])
  })

  it('recovery keeps the promise and votes, forgets the rest, and arms the election timer', () => {
    const s = leader({
      accepted: slotsFrom([{ slot: 1, ballot: b(1, 1), cmd: put(1, 1) }]),
      commit: 1,
      executed: 1,
      register: 'x1',
    })
    const r = onRecover(deepFreeze(s), { ctx: ctx(1) })
    const t = r.state as ReplicaState
    expect([t.status, t.commit, t.register, t.promised, t.accepted.size]).toEqual([
      'follower',
      0,
      null,
      b(1, 1),
      1,
    ])
    expect(events(r)).toEqual([{ kind: 'replica.recover', pid: 1 }])
  })

  it('a client follows a redirect at once and retries to the next replica on timeout', () => {
    const config = defaultMpConfig()
    const c0 = onRequest(deepFreeze(newClient(config, 1)), { value: 'put', ctx: ctx(6, config) })
    expect(sends(c0)).toEqual([
      { do: 'send', to: 1, msg: { type: 'request', cmd: { op: 'put', client: 1, seq: 1, value: 'a1' } } },
    ])
    const c1 = deliver(c0.state, 1, { type: 'redirect', client: 1, seq: 1, leader: 3 })
    expect(
      sends(c1).map((e) => (e.do === 'send' || e.do === 'reply') && (e.do === 'send' ? e.to : 'reply')),
    ).toEqual([3])
    const c2 = onTimer(deepFreeze(c1.state), { key: 'retry', ctx: ctx(6, config) })
    expect(
      sends(c2).map((e) => (e.do === 'send' || e.do === 'reply') && (e.do === 'send' ? e.to : 'reply')),
    ).toEqual([4])
    const c3 = deliver(c2.state, 4, { type: 'reply', client: 1, seq: 1, result: 'ok' })
    expect(events(c3)).toEqual([{ kind: 'client.answer', client: 1, command: 1, result: 'ok', pid: 6 }])
    expect(deliver(c3.state, 3, { type: 'reply', client: 1, seq: 1, result: 'ok' }).counted).toEqual({
      ignored: 'C1 already has the answer to command 1',
    })
  })
})
