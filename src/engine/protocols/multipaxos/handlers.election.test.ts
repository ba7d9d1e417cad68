import { describe, expect, it } from 'vitest'
import { defaultMpConfig } from './config.ts'
import { retryDelay } from './election.ts'
import { onTimer } from './handlers.ts'
import { b, ctx, deepFreeze, deliver, events, put, replica, sends } from './handlers.test-helpers.ts'
import { slotsToArray } from './slots.ts'
import type { MpProcState, ReplicaState } from './state.ts'
import type { MpMsg } from './types.ts'

/** Candidates and new leaders: promises, re-proposals, hole filling, campaigns and backoff. */

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
