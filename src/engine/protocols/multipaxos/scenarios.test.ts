import { describe, expect, it } from 'vitest'
import { defaultMpConfig } from './config.ts'
import type { MpRule } from './ghost.ts'
import type { ProcessId } from '../../kernel/types.ts'
import { Harness } from './harness.test-helpers.ts'
import { buildLogGrid } from './logGrid.ts'
import { slotGet, slotsToArray } from './slots.ts'
import { fmtCmd } from './state.ts'
import type { MpBugs, MpConfig, MpEvent } from './types.ts'

/** Scenario tests on the local harness: the lecture's Multi-Paxos stories, end to end. */

const C = (h: Harness, n: number): number => h.config.replicaCount + n
const cfg = (over: Partial<MpConfig> = {}, bugs: Partial<MpBugs> = {}): MpConfig => {
  const base = defaultMpConfig()
  return { ...base, ...over, bugs: { ...base.bugs, ...bugs } }
}
const factsOf = <K extends MpEvent['kind']>(h: Harness, kind: K) =>
  h.facts.filter((f): f is typeof f & { fact: Extract<MpEvent, { kind: K }> } => f.fact.kind === kind)
const rules = (h: Harness): MpRule[] => h.violations.map((v) => v.rule)
const log = (h: Harness, pid: number): string =>
  slotsToArray(h.replica(pid).chosen)
    .slice(0, h.replica(pid).commit)
    .map((c) => (c ? fmtCmd(c) : '-'))
    .join(',')

describe('steady state', () => {
  it('runs phase 1 once, then one accept round trip per command', () => {
    const h = new Harness(cfg({ workload: [['put', 'put', 'put', 'get']] }))
    expect(h.runUntil((x) => x.clientsDone())).toBe(true)
    expect(h.sent.prepare).toBe(5)
    expect(h.sent.promise).toBe(5)
    // Four commands, one accept per replica each (the leader's own acceptor included), no retransmissions.
    expect(h.sent.accept).toBe(20)
    expect(h.sent.accepted).toBe(20)
    expect(slotsToArray(h.client(1).history).map((r) => r?.result)).toEqual(['ok', 'ok', 'ok', 'a3'])
    expect(h.violations).toEqual([])
  })

  it('followers learn committed slots from the commit point in heartbeats and execute them', () => {
    const h = new Harness(cfg({ workload: [['put', 'get']] }))
    h.runUntil((x) => x.clientsDone())
    h.run(200)
    for (let p = 1; p <= 5; p++) {
      expect(h.replica(p).executed).toBe(2)
      expect(h.replica(p).register).toBe('a1')
    }
    expect(factsOf(h, 'slot.commit').filter((f) => f.fact.via === 'leader').length).toBe(8)
  })

  it('a non-leader redirects the client to the leader', () => {
    const h = new Harness(cfg({ workload: [['put']], initialLeader: 3 }))
    expect(h.runUntil((x) => x.clientsDone())).toBe(true)
    expect(h.sent.redirect).toBe(1)
    expect(h.client(1).target).toBe(3)
  })

  it('batching puts several slots in one accept: fewer messages for the same workload', () => {
    const workload = [
      ['put', 'put'],
      ['put', 'put'],
      ['get', 'get'],
    ] as const
    const plain = new Harness(cfg({ workload: workload.map((w) => [...w]) }))
    const batched = new Harness(cfg({ workload: workload.map((w) => [...w]), batchSize: 3 }))
    expect(plain.runUntil((x) => x.clientsDone())).toBe(true)
    expect(batched.runUntil((x) => x.clientsDone())).toBe(true)
    expect(batched.sent.accept ?? 0).toBeLessThan(plain.sent.accept ?? 0)
    expect(batched.violations).toEqual([])
  })
})

describe('leader crash and failover', () => {
  /** Slots 1–2 committed; 3 and 5 accepted by a majority but not known committed; 4 only at P1. */
  function crashAfterProposals(): Harness {
    const h = new Harness(cfg({ workload: [[], [], []] }))
    h.runUntil((x) => x.leaders().length === 1)
    for (const n of [1, 2]) {
      h.input(C(h, n), { type: 'request', op: 'put' })
      h.runUntil((x) => x.client(n).pending === null)
    }
    h.input(C(h, 1), { type: 'request', op: 'put' })
    h.input(C(h, 2), { type: 'request', op: 'put' })
    h.input(C(h, 3), { type: 'request', op: 'put' })
    h.runUntil((x) => x.replica(1).nextSlot === 6)
    const keep: Record<number, number[]> = { 3: [1, 2, 3], 4: [1], 5: [1, 2, 3] }
    h.drop((w) => w.msg.type === 'accept' && w.msg.entries.some((e) => !keep[e.slot]?.includes(w.to)))
    h.runUntil((x) => x.inFlight.every((w) => w.msg.type !== 'accept'))
    h.crash(1)
    return h
  }

  it('the new leader recovers accepted slots from promises and fills the hole with a no-op', () => {
    const h = crashAfterProposals()
    const proposed = factsOf(h, 'slot.propose').map((f) => fmtCmd(f.fact.cmd))
    expect(h.runUntil((x) => x.leaders().length === 1 && x.clientsDone(), 10_000)).toBe(true)
    const elected = factsOf(h, 'leader.elected').at(-1)?.fact
    expect(elected?.reproposed.map((v) => v.slot)).toEqual([3, 5])
    expect(elected?.noops).toEqual([4])
    const leader = h.leaders()[0] ?? 0
    // Slot 4's command reached only the crashed leader: its client retries, and it lands in slot 6.
    const [s3, s4, s5] = proposed.slice(2)
    expect(log(h, leader)).toBe([...proposed.slice(0, 2), s3, 'noop', s5, s4].join(','))
    expect(h.violations).toEqual([])
  })

  it("each client's retried command is executed exactly once", () => {
    const h = crashAfterProposals()
    h.runUntil((x) => x.leaders().length === 1 && x.clientsDone(), 10_000)
    const leader = h.leaders()[0] ?? 0
    const applied = factsOf(h, 'slot.execute').filter((f) => f.pid === leader && f.fact.applied)
    const keys = applied.map((f) => fmtCmd(f.fact.cmd))
    expect(keys.length).toBe(5)
    expect(new Set(keys).size).toBe(5)
    expect(factsOf(h, 'client.send').filter((f) => f.fact.retry).length).toBeGreaterThanOrEqual(3)
  })
})

describe('dueling leaders', () => {
  /** P1 and P2 campaign together; equal latencies make them preempt each other. */
  function duel(backoff: boolean): Harness {
    const h = new Harness(cfg({ workload: [['put']], initialLeader: null, backoff, clientStartTicks: 5 }), {
      latency: [10, 10],
    })
    h.input(1, { type: 'campaign' })
    h.input(2, { type: 'campaign' })
    return h
  }

  it('without backoff, they ping-pong: safe, but no command is ever committed', () => {
    const h = duel(false)
    h.run(3_000)
    expect(factsOf(h, 'slot.commit')).toEqual([])
    expect(factsOf(h, 'leader.preempted').length).toBeGreaterThan(20)
    expect(h.violations).toEqual([])
  })

  it('with randomized backoff, one of them wins and the command commits', () => {
    const h = duel(true)
    expect(h.runUntil((x) => x.clientsDone(), 3_000)).toBe(true)
    expect(h.violations).toEqual([])
  })
})

describe('partitions and catch-up', () => {
  it('a partitioned leader cannot commit; clients move to the new leader', () => {
    const h = new Harness(cfg({ workload: [['put', 'put', 'put']] }))
    h.runUntil((x) => x.client(1).history.size === 2)
    h.partition([[1], [2, 3, 4, 5, C(h, 1)]])
    expect(h.runUntil((x) => x.clientsDone(), 10_000)).toBe(true)
    expect(h.replica(1).status).toBe('leader')
    expect(h.replica(1).commit).toBeLessThan(3)
    const leader = h.leaders().find((p) => p !== 1) ?? 0
    expect(h.client(1).target).toBe(leader)
    h.heal()
    h.run(400)
    expect(h.replica(1).status).toBe('follower')
    expect(h.replica(1).executed).toBe(3)
    expect(h.violations).toEqual([])
  })

  it('a replica that was down catches up the committed slots it missed', () => {
    const h = new Harness(cfg({ workload: [['put', 'put', 'put', 'put']] }))
    h.runUntil((x) => x.leaders().length === 1)
    h.crash(5)
    h.runUntil((x) => x.clientsDone())
    h.recover(5)
    expect(h.replica(5).accepted.size).toBe(0)
    h.run(300)
    expect(h.replica(5).executed).toBe(4)
    expect(h.replica(5).register).toBe('a4')
    expect(h.sent['catchup-request']).toBeGreaterThan(0)
    expect(factsOf(h, 'slot.commit').filter((f) => f.pid === 5 && f.fact.via === 'catch-up').length).toBe(4)
  })

  it('a recovered replica keeps its promise and votes (stable storage) and forgets the rest', () => {
    const h = new Harness(cfg({ workload: [['put', 'put']] }))
    h.runUntil((x) => x.clientsDone())
    h.run(100)
    const before = h.replica(3)
    h.crash(3)
    h.recover(3)
    const after = h.replica(3)
    expect(after.promised).toEqual(before.promised)
    expect(after.accepted).toEqual(before.accepted)
    expect([after.commit, after.executed, after.register, after.status]).toEqual([0, 0, null, 'follower'])
  })
})

type Scenario = (bugs: Partial<MpBugs>) => Harness

/** Each broken variant's schedule; run with and without the bug, so each test can fail. */
const BUG_SCENARIOS: [keyof MpBugs, MpRule, string, Scenario][] = [
  [
    'skipPhase1',
    'slot-agreement',
    'a new leader reuses its stale log and a slot gets two commands',
    (bugs) => {
      const h = new Harness(cfg({ workload: [['put'], []] }, bugs))
      h.runUntil((x) => x.leaders().length === 1)
      h.partition([
        [1, 2, 3, C(h, 1)],
        [4, 5, C(h, 2)],
      ])
      h.runUntil((x) => x.clientsDone())
      h.heal()
      h.crash(1)
      h.input(5, { type: 'campaign' })
      h.input(C(h, 2), { type: 'request', op: 'put' })
      h.run(600)
      return h
    },
  ],
  [
    'ignorePromiseValues',
    'slot-agreement',
    'the new leader overwrites a chosen slot with a no-op',
    (bugs) => {
      const h = new Harness(cfg({ workload: [['put', 'put']] }, bugs))
      h.runUntil((x) => x.leaders().length === 1)
      h.partition([
        [1, 2, 3, C(h, 1)],
        [4, 5],
      ])
      h.runUntil((x) => x.clientsDone())
      h.heal()
      h.crash(1)
      h.input(5, { type: 'campaign' })
      h.run(600)
      return h
    },
  ],
  [
    'commitOneShort',
    'slot-agreement',
    'a commit one accept short of a majority lets a later leader choose another command',
    (bugs) => {
      const h = new Harness(cfg({ workload: [['put'], []] }, bugs))
      h.runUntil((x) => x.leaders().length === 1)
      h.partition([
        [1, 2, C(h, 1)],
        [3, 4, 5, C(h, 2)],
      ])
      h.run(400)
      h.crash(1)
      h.input(4, { type: 'campaign' })
      h.input(C(h, 2), { type: 'request', op: 'put' })
      h.runUntil((x) => x.client(2).pending === null, 2_000)
      h.heal()
      h.run(600)
      return h
    },
  ],
  [
    'noDedup',
    'at-most-once',
    'a retried write whose reply was lost executes twice',
    (bugs) => {
      const h = new Harness(cfg({ workload: [['put', 'put']] }, bugs))
      h.runUntil((x) => x.inFlight.some((w) => w.msg.type === 'reply'))
      h.drop((w) => w.msg.type === 'reply')
      h.runUntil((x) => x.clientsDone(), 5_000)
      return h
    },
  ],
  [
    'leaderLocalRead',
    'linearizable',
    'a deposed leader answers a read with a stale value',
    (bugs) => {
      const h = new Harness(cfg({ workload: [['put', 'put'], []] }, bugs))
      h.runUntil((x) => x.client(1).history.size === 1 && x.client(1).pending === null)
      h.partition([
        [1, C(h, 2)],
        [2, 3, 4, 5, C(h, 1)],
      ])
      h.runUntil((x) => x.clientsDone(), 5_000)
      h.input(C(h, 2), { type: 'request', op: 'get' })
      h.run(600)
      return h
    },
  ],
]

describe('broken variants are caught, and the same schedule is safe without the bug', () => {
  for (const [bug, rule, story, scenario] of BUG_SCENARIOS) {
    it(`${bug}: ${story}`, () => {
      expect(rules(scenario({ [bug]: true }))).toContain(rule)
      expect(scenario({}).violations).toEqual([])
    })
  }

  it('with deduplication a lost reply is answered from the at-most-once table', () => {
    const h = BUG_SCENARIOS[3]?.[3]({}) ?? new Harness(cfg())
    expect(h.clientsDone()).toBe(true)
    expect(h.replica(1).executed).toBe(2)
    expect(slotsToArray(h.client(1).history).map((r) => r?.result)).toEqual(['ok', 'ok'])
  })

  it('a stale local read returns the old value; through the log the read waits for a majority', () => {
    const bad = BUG_SCENARIOS[4]?.[3]({ leaderLocalRead: true })
    expect(bad && slotGet(bad.client(2).history, 1)?.result).toBe('a1')
    const good = BUG_SCENARIOS[4]?.[3]({}) ?? new Harness(cfg())
    expect(slotGet(good.client(2).history, 1)?.result).toBe(null)
    good.heal()
    good.runUntil((x) => x.client(2).pending === null, 3_000)
    expect(slotGet(good.client(2).history, 1)?.result).toBe('a2')
    expect(good.violations).toEqual([])
  })
})

describe('the log grid explains every cell from the log', () => {
  it('after failover: accepted cells name the accept, re-proposals the promise, the hole its no-op', () => {
    const h = new Harness(cfg({ workload: [[], [], []] }))
    h.runUntil((x) => x.leaders().length === 1)
    for (const n of [1, 2]) {
      h.input(C(h, n), { type: 'request', op: 'put' })
      h.runUntil((x) => x.client(n).pending === null)
    }
    for (const n of [1, 2, 3]) h.input(C(h, n), { type: 'request', op: 'put' })
    h.runUntil((x) => x.replica(1).nextSlot === 6)
    const keep: Record<number, number[]> = { 3: [1, 2, 3], 4: [1], 5: [1, 2, 3] }
    h.drop((w) => w.msg.type === 'accept' && w.msg.entries.some((e) => !keep[e.slot]?.includes(w.to)))
    h.runUntil((x) => x.inFlight.every((w) => w.msg.type !== 'accept'))
    h.crash(1)
    h.runUntil((x) => x.leaders().length === 1 && x.clientsDone(), 10_000)
    const leader = h.leaders()[0] ?? 0
    const procs = h.states.map((local, i) => ({ pid: (i + 1) as ProcessId, up: h.up[i] ?? false, local }))
    const grid = buildLogGrid(h.config, procs, h.events)
    expect(grid.slots).toBeGreaterThanOrEqual(6)
    const row = grid.rows.find((r) => r.pid === leader)
    expect(row?.role).toMatch(/^leader /)
    expect(grid.why(leader, 3)).toMatch(
      /re-proposed by new leader P\d: P\d's promise #\d+ reported it accepted at 1\.1/,
    )
    expect(row?.cells[3]?.noop).toBe(true)
    expect(grid.why(leader, 4)).toMatch(/a no-op: new leader P\d heard of no command for slot 4/)
    const p1 = grid.rows.find((r) => r.pid === 1)
    expect(p1?.up).toBe(false)
    expect(grid.why(1, 4)).toMatch(/^P1 accepted C\d\.\d:put\(\w+\) at ballot 1\.1 from P1's accept #\d+/)
  })
})
