import { describe, expect, it } from 'vitest'
import { defaultConfig } from './config.ts'
import {
  onAcceptedReply,
  onLearned,
  onPreempted,
  onPromise,
  onReject,
  onTimer,
  startBallot,
  type ProposerStep,
} from './proposer.ts'
import { ignoredReply } from './narration.ts'
import { idleProposer } from './state.ts'
import { pid } from '../../kernel/types.ts'
import type { AcceptedPair, Ballot, ProposerState, SimConfig } from './types.ts'

const b = (round: number, p: number): Ballot => ({ round, pid: p })
const cfg = (over: Partial<SimConfig> = {}): SimConfig => ({ ...defaultConfig(5), ...over })
const withBugs = (bugs: Partial<SimConfig['bugs']>): SimConfig => cfg({ bugs: { ...cfg().bugs, ...bugs } })
const P1 = pid(1)
const Q = 3

/** P1 has started ballot 1.1 for value `own`. */
const preparing = (own = 'A', c = cfg()): ProposerState => startBallot(idleProposer(), P1, c, own).proposer

/** Feed promises from `froms`, each reporting `accepted[i]` (or nothing). */
function promises(p: ProposerState, froms: number[], accepted: (AcceptedPair | null)[] = [], c = cfg()) {
  let r: ProposerStep = { proposer: p, broadcast: null, events: [], timer: null, learned: null, tally: null }
  froms.forEach((f, i) => {
    r = onPromise(r.proposer, P1, pid(f), p.ballot ?? b(0, 0), accepted[i] ?? null, Q, c)
  })
  return r
}

const accepting = (): ProposerState => promises(preparing(), [1, 2, 3]).proposer

describe('startBallot (phase 1a)', () => {
  it('starts round 1 as round.pid and broadcasts prepare with a timeout', () => {
    const r = startBallot(idleProposer(), pid(3), cfg(), '10')
    expect(r.proposer).toMatchObject({ phase: 'preparing', ballot: b(1, 3), ownValue: '10', maxRoundSeen: 1 })
    expect(r.broadcast).toEqual({ type: 'prepare', ballot: b(1, 3) })
    expect(r.timer).toBe('timeout')
    expect(r.events).toEqual([
      expect.objectContaining({ kind: 'proposer.phase', phase: 'preparing', ballot: b(1, 3), value: '10' }),
    ])
  })

  it('picks a round above any it has seen or used', () => {
    expect(startBallot(idleProposer(7), P1, cfg(), 'x').proposer.ballot).toEqual(b(8, 1))
    const used = { ...idleProposer(2), ballot: b(5, 1) }
    expect(startBallot(used, P1, cfg(), 'x').proposer.ballot).toEqual(b(6, 1))
  })

  it('resets the tallies but keeps the failure count for backoff', () => {
    const p = { ...accepting(), attempt: 3, promises: 0b1110, accepteds: 0b10, rejects: 0b100 }
    const next = startBallot(p, P1, cfg(), 'B').proposer
    expect(next).toMatchObject({ attempt: 3, promises: 0, accepteds: 0, rejects: 0, highest: null })
    expect(next.value).toBeNull()
  })

  it('with the duplicateBallots bug, uses bare rounds (pid 0) that two proposers can share', () => {
    const c = withBugs({ duplicateBallots: true })
    const a = startBallot(idleProposer(), pid(1), c, 'A').proposer.ballot
    const d = startBallot(idleProposer(), pid(3), c, 'B').proposer.ballot
    expect(a).toEqual(b(1, 0))
    expect(d).toEqual(a)
  })
})

describe('onPromise (phase 2a)', () => {
  it('counts distinct acceptors and waits for a quorum', () => {
    const r = promises(preparing(), [1, 2, 2])
    expect(r.proposer.phase).toBe('preparing')
    expect(r.tally).toEqual({ count: 2, needed: 3 })
    expect(r.broadcast).toBeNull()
  })

  it('at a quorum with no accepted values reported, proposes its own value', () => {
    const r = promises(preparing('A'), [1, 2, 3])
    expect(r.proposer).toMatchObject({ phase: 'accepting', value: 'A', adoptedFrom: null })
    expect(r.broadcast).toEqual({ type: 'accept', ballot: b(1, 1), value: 'A' })
    expect(r.timer).toBe('timeout')
    expect(r.events[0]).toMatchObject({ kind: 'proposer.phase', phase: 'accepting', value: 'A' })
  })

  it('adopts the value of the highest accepted ballot reported ("complete the duty")', () => {
    const low = { ballot: b(1, 2), value: 'low' }
    const high = { ballot: b(1, 4), value: 'high' }
    const p = startBallot(idleProposer(3), P1, cfg(), 'mine').proposer
    const r = promises(p, [2, 4, 5], [high, null, low])
    expect(r.proposer).toMatchObject({ phase: 'accepting', value: 'high', adoptedFrom: high })
    expect(r.broadcast).toEqual({ type: 'accept', ballot: b(4, 1), value: 'high' })
    expect(r.events[0]).toMatchObject({ adoptedFrom: high, value: 'high' })
  })

  it('with the ignorePriorValues bug, proposes its own value anyway', () => {
    const c = withBugs({ ignorePriorValues: true })
    const r = promises(preparing('mine', c), [1, 2, 3], [{ ballot: b(0, 2), value: '10' }], c)
    expect(r.proposer).toMatchObject({ phase: 'accepting', value: 'mine', adoptedFrom: null })
  })

  it('ignores promises for another ballot or outside phase 1', () => {
    const p = preparing()
    expect(onPromise(p, P1, pid(2), b(9, 1), null, Q, cfg()).proposer).toBe(p)
    const a = accepting()
    expect(onPromise(a, P1, pid(4), b(1, 1), null, Q, cfg()).proposer).toBe(a)
  })
})

describe('onReject', () => {
  it('fails only when so many rejected that no quorum is possible (3 of 5)', () => {
    let p = preparing()
    for (const f of [2, 3]) {
      const r = onReject(p, P1, pid(f), b(1, 1), b(4, 5), Q, cfg())
      expect(r.proposer.phase).toBe('preparing')
      expect(r.tally).toEqual({ count: f - 1, needed: 3 })
      p = r.proposer
    }
    expect(onReject(p, P1, pid(3), b(1, 1), b(4, 5), Q, cfg()).proposer.phase).toBe('preparing')
    const r = onReject(p, P1, pid(4), b(1, 1), b(4, 5), Q, cfg())
    expect(r.proposer).toMatchObject({ phase: 'waiting', attempt: 1, maxRoundSeen: 4 })
    expect(r.timer).toBe('retry')
    expect(r.events[0]).toMatchObject({ phase: 'waiting', failure: { reason: 'rejected', higher: b(4, 5) } })
  })

  it('fails in phase 2 too, counting rejects afresh', () => {
    let p = accepting()
    expect(p.rejects).toBe(0)
    for (const f of [3, 4]) p = onReject(p, P1, pid(f), b(1, 1), b(2, 2), Q, cfg()).proposer
    expect(p.phase).toBe('accepting')
    expect(onReject(p, P1, pid(5), b(1, 1), b(2, 2), Q, cfg()).proposer.phase).toBe('waiting')
  })

  it('gives up instead of waiting when the retry policy is none', () => {
    const c = cfg({ retry: { ...cfg().retry, policy: 'none' } })
    let r = onReject(preparing(), P1, pid(2), b(1, 1), b(2, 2), Q, c)
    r = onReject(r.proposer, P1, pid(3), b(1, 1), b(2, 2), Q, c)
    r = onReject(r.proposer, P1, pid(4), b(1, 1), b(2, 2), Q, c)
    expect(r.proposer.phase).toBe('abandoned')
    expect(r.timer).toBe('cancel')
  })

  it('a stale reject only teaches the higher round', () => {
    const p = preparing()
    const r = onReject(p, P1, pid(2), b(0, 9), b(6, 2), Q, cfg())
    expect(r.proposer).toMatchObject({ phase: 'preparing', rejects: 0, maxRoundSeen: 6 })
    expect(r.events).toEqual([])
  })
})

describe('onPreempted', () => {
  it('abandons the ballot when its own acceptor sees a higher one, and waits to retry', () => {
    const r = onPreempted(preparing(), P1, b(3, 2), cfg())
    expect(r.proposer).toMatchObject({ phase: 'waiting', maxRoundSeen: 3, attempt: 1 })
    expect(r.events[0]).toMatchObject({ failure: { reason: 'preempted', higher: b(3, 2) } })
    expect(r.timer).toBe('retry')
    expect(onPreempted(accepting(), P1, b(1, 2), cfg()).proposer.phase).toBe('waiting')
  })

  it('ignores equal or lower ballots, and proposers that are not running a ballot', () => {
    const p = preparing()
    expect(onPreempted(p, P1, b(1, 1), cfg()).proposer).toBe(p)
    expect(onPreempted(p, P1, b(0, 5), cfg()).proposer).toBe(p)
    const idle = idleProposer()
    expect(onPreempted(idle, P1, b(9, 9), cfg()).proposer).toBe(idle)
  })
})

describe('onAcceptedReply', () => {
  it('counts accepted replies for the current ballot; a quorum means the value is learned', () => {
    let p = accepting()
    for (const f of [1, 2]) p = onAcceptedReply(p, P1, pid(f), b(1, 1), Q, cfg()).proposer
    expect(p.phase).toBe('accepting')
    const r = onAcceptedReply(p, P1, pid(5), b(1, 1), Q, cfg())
    expect(r.proposer.phase).toBe('decided')
    expect(r.learned).toEqual({ ballot: b(1, 1), value: 'A' })
    expect(r.broadcast).toEqual({ type: 'decide', ballot: b(1, 1), value: 'A' })
    expect(r.timer).toBe('cancel')
    expect(r.tally).toEqual({ count: 3, needed: 3 })
  })

  it('in learner mode "all" learns without broadcasting decide', () => {
    const c = cfg({ learnerMode: 'all' })
    let r = onAcceptedReply(accepting(), P1, pid(1), b(1, 1), Q, c)
    r = onAcceptedReply(r.proposer, P1, pid(2), b(1, 1), Q, c)
    r = onAcceptedReply(r.proposer, P1, pid(3), b(1, 1), Q, c)
    expect(r.learned).not.toBeNull()
    expect(r.broadcast).toBeNull()
  })

  it('ignores duplicates, other ballots and replies outside phase 2', () => {
    let p = accepting()
    for (let i = 0; i < 3; i++) p = onAcceptedReply(p, P1, pid(2), b(1, 1), Q, cfg()).proposer
    expect(p.phase).toBe('accepting')
    expect(onAcceptedReply(p, P1, pid(3), b(2, 3), Q, cfg()).proposer).toBe(p)
    const q = preparing()
    expect(onAcceptedReply(q, P1, pid(3), b(1, 1), Q, cfg()).proposer).toBe(q)
  })

  it('takes its own id before the sender, like onPromise and onReject', () => {
    // P4 runs ballot 1.4; P1, P2 and P3 accept it. The event must name P4, the tally P1..P3.
    const c = cfg()
    let p = startBallot(idleProposer(), pid(4), c, 'A').proposer
    for (const f of [1, 2, 3]) p = onPromise(p, pid(4), pid(f), b(1, 4), null, Q, c).proposer
    let r = onAcceptedReply(p, pid(4), pid(1), b(1, 4), Q, c)
    r = onAcceptedReply(r.proposer, pid(4), pid(2), b(1, 4), Q, c)
    r = onAcceptedReply(r.proposer, pid(4), pid(3), b(1, 4), Q, c)
    expect(r.proposer.accepteds).toBe(0b1110)
    expect(r.events).toEqual([expect.objectContaining({ kind: 'proposer.phase', pid: 4, phase: 'decided' })])
  })
})

describe('onTimer', () => {
  it('a timeout fails a running ballot', () => {
    const r = onTimer(preparing(), P1, 'timeout', cfg())
    expect(r.proposer).toMatchObject({ phase: 'waiting' })
    expect(r.events[0]).toMatchObject({ failure: { reason: 'timeout', higher: null } })
    expect(onTimer(accepting(), P1, 'timeout', cfg()).proposer.phase).toBe('waiting')
  })

  it('a retry starts a higher ballot with the same own value', () => {
    const waiting = onPreempted(preparing('A'), P1, b(4, 2), cfg()).proposer
    const r = onTimer(waiting, P1, 'retry', cfg())
    expect(r.proposer).toMatchObject({ phase: 'preparing', ballot: b(5, 1), ownValue: 'A', attempt: 1 })
    expect(r.broadcast).toEqual({ type: 'prepare', ballot: b(5, 1) })
  })

  it('a timer that no longer fits the phase changes nothing but clears itself', () => {
    const idle = idleProposer()
    expect(onTimer(idle, P1, 'retry', cfg()).events).toEqual([])
    expect(onTimer(accepting(), P1, 'retry', cfg()).proposer.phase).toBe('accepting')
    const waiting = onTimer(preparing(), P1, 'timeout', cfg()).proposer
    expect(onTimer(waiting, P1, 'timeout', cfg()).proposer.phase).toBe('waiting')
  })
})

describe('onLearned', () => {
  it('an active proposer stops when it learns a decision from elsewhere', () => {
    const pair = { ballot: b(2, 3), value: 'B' }
    for (const p of [preparing(), accepting(), onTimer(preparing(), P1, 'timeout', cfg()).proposer]) {
      const r = onLearned(p, P1, pair)
      expect(r.proposer).toMatchObject({ phase: 'decided', value: 'B' })
      expect(r.timer).toBe('cancel')
      expect(r.events[0]).toMatchObject({ kind: 'proposer.phase', phase: 'decided', value: 'B' })
    }
  })

  it('an idle, decided or abandoned proposer is left alone', () => {
    const idle = idleProposer()
    expect(onLearned(idle, P1, { ballot: b(1, 1), value: 'x' }).proposer).toBe(idle)
    const done = { ...accepting(), phase: 'abandoned' as const }
    expect(onLearned(done, P1, { ballot: b(1, 1), value: 'x' }).events).toEqual([])
  })
})

describe('why a reply does not count (narration)', () => {
  const b11 = b(1, 1)
  it('names each case from the proposer state the reply meets', () => {
    const p = preparing()
    const accepting = promises(p, [1, 2, 3]).proposer
    expect(ignoredReply(1, accepting, b11, 1)).toBe('P1 already has its quorum of promises')
    expect(ignoredReply(1, { ...accepting, phase: 'decided' }, b11, 2)).toBe(
      'P1 already knows a value is decided',
    )
    expect(ignoredReply(1, { ...p, phase: 'waiting' }, b11, 1)).toBe('P1 has already given up ballot 1.1')
    expect(ignoredReply(1, { ...p, ballot: b(2, 1) }, b11, 1)).toBe('P1 has moved on to ballot 2.1')
    expect(ignoredReply(1, idleProposer(), b11, 2)).toBe('P1 is not running ballot 1.1')
  })
})
