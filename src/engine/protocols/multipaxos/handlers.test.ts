import { describe, expect, it } from 'vitest'
import { defaultMpConfig } from './config.ts'
import { retryDelay } from './election.ts'
import type { Effect, Step } from '../../kernel/module.ts'
import type { MsgId, ProcessId, Tick } from '../../kernel/types.ts'
import { onMessage, onRecover, onRequest, onTimer } from './handlers.ts'
import { slotGet, slotsFrom, slotsToArray } from './slots.ts'
import { newClient, newReplica, type MpProcState, type ReplicaState } from './state.ts'
import type { Ctx } from './step.ts'
import type { Ballot, ClientCmd, MpConfig, MpEvent, MpMsg, MpTypes } from './types.ts'

/** Handler unit tests: one input, one state, the exact next state and outbox. Inputs are frozen. */

const b = (round: number, pid: number): Ballot => ({ round, pid })
const put = (client: number, seq: number): ClientCmd => ({ op: 'put', client, seq, value: `x${seq}` })

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const v of Object.values(o)) deepFreeze(v)
  }
  return o
}

/** A context whose random draws all return `rand` (clamped to the asked range). */
const ctx = (self: number, config: MpConfig = defaultMpConfig(), rand = 0): Ctx => ({
  config,
  self: self as ProcessId,
  now: 100 as Tick,
  processCount: config.replicaCount + config.workload.length,
  draw: (_stream, min, max) => Math.max(min, Math.min(max, rand)),
})
const deliver = (
  s: MpProcState,
  from: number,
  payload: MpMsg,
  config?: MpConfig,
): Step<MpTypes> & { counted: unknown } => {
  const msg = {
    id: 77 as MsgId,
    from: from as ProcessId,
    to: s.pid as ProcessId,
    payload,
    sentAt: 90 as Tick,
    deliverAt: 100 as Tick,
    lost: false,
    dupOf: null,
    seq: 1,
    inReplyTo: null,
    broadcastId: null,
  }
  return onMessage(deepFreeze(s), { msg, ctx: ctx(s.pid, config) })
}
const sends = (r: Step<MpTypes>): Effect<MpTypes>[] =>
  r.outbox.filter((e) => e.do === 'send' || e.do === 'reply' || e.do === 'broadcast')
const events = (r: Step<MpTypes>): MpEvent[] => r.outbox.flatMap((e) => (e.do === 'emit' ? [e.event] : []))
const replica = (pid: number, over: Partial<ReplicaState> = {}): ReplicaState => ({
  ...newReplica(pid),
  ...over,
})
const leader = (over: Partial<ReplicaState> = {}): ReplicaState =>
  replica(1, {
    status: 'leader',
    ballot: b(1, 1),
    leader: 1,
    leaderBallot: b(1, 1),
    maxRound: 1,
    promised: b(1, 1),
    ...over,
  })

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
    expect(r.outbox).toContainEqual({ do: 'timer.set', key: 'election', afterTicks: 42 })
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

describe('candidate and new leader', () => {
  const candidate = (): ReplicaState =>
    replica(1, { status: 'candidate', ballot: b(2, 1), maxRound: 2, promised: b(2, 1), fromSlot: 1 })

  it('counts promises, keeps the highest-ballot vote per slot, and at a majority re-proposes and fills holes', () => {
    let s: MpProcState = candidate()
    const reports: [number, MpMsg][] = [
      [
        1,
        {
          type: 'promise',
          ballot: b(2, 1),
          fromSlot: 1,
          accepted: [{ slot: 1, ballot: b(1, 3), cmd: put(3, 1) }],
        },
      ],
      [
        2,
        {
          type: 'promise',
          ballot: b(2, 1),
          fromSlot: 1,
          accepted: [
            { slot: 1, ballot: b(1, 4), cmd: put(4, 1) },
            { slot: 3, ballot: b(1, 4), cmd: put(4, 2) },
          ],
        },
      ],
    ]
    for (const [from, m] of reports) s = deliver(s, from, m).state
    const r = deliver(s, 3, { type: 'promise', ballot: b(2, 1), fromSlot: 1, accepted: [] })
    const l = r.state as ReplicaState
    expect(r.counted).toEqual({ toward: 'phase 1 of ballot 2.1', count: 3, needed: 3 })
    expect([l.status, l.nextSlot]).toEqual(['leader', 4])
    expect(slotsToArray(l.proposals)).toEqual([put(4, 1), { op: 'noop' }, put(4, 2)])
    expect(events(r)).toContainEqual({
      pid: 1,
      kind: 'leader.elected',
      ballot: b(2, 1),
      reproposed: [
        { slot: 1, ballot: b(1, 4), cmd: put(4, 1) },
        { slot: 3, ballot: b(1, 4), cmd: put(4, 2) },
      ],
      noops: [2],
    })
    const accepts = sends(r).filter((e) => e.do === 'broadcast')
    expect(accepts.length).toBe(3)
  })

  it('ignores a promise for another ballot and a duplicate promise, saying why', () => {
    const r1 = deliver(candidate(), 2, { type: 'promise', ballot: b(1, 1), fromSlot: 1, accepted: [] })
    expect(r1.counted).toEqual({ ignored: 'P1 is not campaigning with ballot 1.1 any more' })
    const once = deliver(candidate(), 2, {
      type: 'promise',
      ballot: b(2, 1),
      fromSlot: 1,
      accepted: [],
    }).state
    const r2 = deliver(once, 2, { type: 'promise', ballot: b(2, 1), fromSlot: 1, accepted: [] })
    expect(r2.counted).toEqual({ ignored: "P1 already counted P2's promise" })
  })

  it('with ignorePromiseValues the reported command is replaced by a no-op', () => {
    const config = { ...defaultMpConfig(3), bugs: { ...defaultMpConfig().bugs, ignorePromiseValues: true } }
    const c = replica(1, {
      status: 'candidate',
      ballot: b(2, 1),
      maxRound: 2,
      promised: b(2, 1),
      fromSlot: 1,
    })
    const s = deliver(c, 1, { type: 'promise', ballot: b(2, 1), fromSlot: 1, accepted: [] }, config).state
    const r = deliver(
      s,
      2,
      {
        type: 'promise',
        ballot: b(2, 1),
        fromSlot: 1,
        accepted: [{ slot: 1, ballot: b(1, 2), cmd: put(2, 1) }],
      },
      config,
    )
    expect(slotsToArray((r.state as ReplicaState).proposals)).toEqual([{ op: 'noop' }])
  })

  it('a follower that heard nobody campaigns with a higher ballot; one that heard a leader waits', () => {
    const quiet = onTimer(deepFreeze(replica(2, { maxRound: 4 })), { key: 'election', ctx: ctx(2) })
    expect((quiet.state as ReplicaState).ballot).toEqual(b(5, 2))
    expect(sends(quiet)).toEqual([
      { do: 'broadcast', to: [1, 2, 3, 4, 5], msg: { type: 'prepare', ballot: b(5, 2), fromSlot: 1 } },
    ])
    const heard = onTimer(deepFreeze(replica(2, { heard: true })), { key: 'election', ctx: ctx(2) })
    expect(sends(heard)).toEqual([])
    expect((heard.state as ReplicaState).heard).toBe(false)
  })

  it('backoff: a heartbeat and a latency, then a random span that doubles per failure; without it a fixed delay', () => {
    const c = defaultMpConfig()
    const floor = c.heartbeatTicks + c.latencyTicksMax
    expect(retryDelay(ctx(1, c, 0), 1)).toBe(floor)
    expect(retryDelay(ctx(1, c, 10_000), 1)).toBe(floor + c.backoffBaseTicks - 1)
    expect(retryDelay(ctx(1, c, 10_000), 3)).toBe(floor + c.backoffBaseTicks * 4 - 1)
    expect(retryDelay(ctx(1, c, 10_000), 9)).toBe(floor + c.backoffMaxTicks - 1)
    expect(retryDelay(ctx(1, { ...c, backoff: false }, 10_000), 5)).toBe(c.retryTicks)
  })
})

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
    const r = deliver(leader({ sessions: { 1: { seq: 1, result: 'ok' } } }), 6, {
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
