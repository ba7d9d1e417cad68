import { describe, expect, it } from 'vitest'
import { runProtocolPreset, runToEnd } from '../engine/index.ts'
import { multipaxos } from '../engine/protocols/multipaxos/module.ts'
import { galleryPresets } from './presets.ts'
import { toRunInput, type Scenario } from './scenario.ts'

/**
 * Issue 14, "every sentence Synod says about a run is true of the run": each example's beats are
 * checked against its own log up to the beat's step (a beat at step k is shown once every event
 * of steps ≤ k has happened). The QA pass found failed-prepare saying at step 12 that P1's
 * prepare had been rejected everywhere, before a single reject had arrived; `received` below
 * would have caught it (P1 had 0 rejects at step 12, not 2).
 */

interface Ballot {
  readonly round: number
  readonly pid: number
}
interface Msg {
  readonly from: number
  readonly to: number
  readonly payload: {
    readonly type: string
    readonly ballot?: Ballot
    readonly value?: string
    readonly accepted?: { readonly ballot: Ballot; readonly value: string } | null
  }
}
/** A log event of either protocol, read loosely: each check names the fields it relies on. */
type Ev = {
  readonly step: number
  readonly kind: string
  readonly pid?: number
  readonly msg?: Msg
} & Record<string, unknown>
type Log = readonly Ev[]

const upTo = (log: Log, step: number) => log.filter((e) => e.step <= step)
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)
const round = (b: Ballot | undefined) => b?.round

/** The senders of the `type` messages delivered to `pid` by `step`, optionally of one round. */
const received = (log: Log, step: number, pid: number, type: string, ballotRound?: number) =>
  sorted(
    upTo(log, step)
      .filter((e) => e.kind === 'msg.deliver' && e.msg?.to === pid && e.msg.payload.type === type)
      .filter((e) => ballotRound === undefined || round(e.msg?.payload.ballot) === ballotRound)
      .map((e) => e.msg!.from),
  )
/** The `type` messages `from` sent by `step` (to anyone, or to `to`). */
const sent = (log: Log, step: number, from: number, type: string, to?: number) =>
  upTo(log, step)
    .filter((e) => e.kind === 'msg.send' && e.msg?.from === from && e.msg.payload.type === type)
    .filter((e) => to === undefined || e.msg?.to === to)
    .map((e) => e.msg!)
/** Values chosen (a quorum accepted them) by `step`. */
const chosen = (log: Log, step: number) =>
  upTo(log, step)
    .filter((e) => e.kind === 'value.chosen')
    .map((e) => e.value as string)
/** Who has decided (learned) what by `step`: pid → value. */
const decided = (log: Log, step: number) =>
  Object.fromEntries(
    upTo(log, step)
      .filter((e) => e.kind === 'learner.decide')
      .map((e) => [e.pid!, e.value as string]),
  ) as Record<number, string>
/** The processes that are down after `step`. */
const down = (log: Log, step: number) => {
  const out = new Set<number>()
  for (const e of upTo(log, step))
    if (e.kind === 'proc.crash') out.add(e.pid!)
    else if (e.kind === 'proc.recover') out.delete(e.pid!)
  return sorted([...out])
}
/** The acceptors that accepted by `step` (Paxos), with the ballot and value. */
const accepts = (log: Log, step: number) =>
  upTo(log, step)
    .filter((e) => e.kind === 'acceptor.accept')
    .map((e) => ({ pid: e.pid!, ...(e.accepted as { ballot: Ballot; value: string }) }))
const ALL5 = [1, 2, 3, 4, 5]

/** Each preset's checkable beats, by step: what the beat's sentence claims, on the log. */
const CLAIMS: Record<string, Record<number, (log: Log) => void>> = {
  basic: {
    7: (log) => {
      expect(received(log, 7, 1, 'promise')).toEqual([1, 2])
      expect(sent(log, 7, 1, 'accept')).toEqual([])
    },
    14: (log) => {
      expect(chosen(log, 14)).toEqual(['10'])
      expect(decided(log, 14)).toEqual({})
    },
  },
  'failed-prepare': {
    16: (log) => {
      for (const p of [2, 3, 4, 5]) expect(sent(log, 16, p, 'reject', 1), `P${p}`).toHaveLength(1)
      expect(received(log, 16, 1, 'reject')).toEqual([2, 3])
    },
  },
  'racing-adopt': {
    19: (log) => {
      expect(sent(log, 19, 3, 'reject', 1)).toHaveLength(1)
      const promised = upTo(log, 19).filter(
        (e) => e.kind === 'acceptor.promise' && round(e.ballot as Ballot) === 2,
      )
      expect(sorted(promised.map((e) => e.pid!))).toEqual([2, 3, 4, 5])
    },
    22: (log) => {
      expect(received(log, 22, 3, 'promise', 2)).toEqual([2, 3])
      expect(sent(log, 22, 2, 'promise', 3)[0]?.payload.accepted?.value).toBe('10')
    },
    23: (log) => {
      // Of the three promises P3 counted, only P2's reports a value.
      expect(received(log, 23, 3, 'promise', 2)).toEqual([2, 3, 4])
      const reporting = [2, 3, 4].filter((p) => sent(log, 23, p, 'promise', 3)[0]?.payload.accepted)
      expect(reporting).toEqual([2])
      expect(sent(log, 23, 3, 'accept').every((m) => m.payload.value === '10')).toBe(true)
    },
    28: (log) => expect([4, 5].map((p) => sent(log, 28, p, 'reject', 1).length)).toEqual([1, 1]),
    38: (log) => {
      expect(received(log, 38, 3, 'accepted', 2)).toEqual([1, 2, 3])
      expect(decided(log, 38)).toEqual({ 3: '10' })
      const when = log.find((e) => e.kind === 'value.chosen')!
      expect(when.step).toBeLessThan(38)
      expect(accepts(log, when.step).at(-1)?.pid).toBe(2)
    },
  },
  dueling: {
    13: (log) => {
      expect(sent(log, 12, 1, 'prepare').filter((m) => round(m.payload.ballot) === 2)).toEqual([])
      expect(sent(log, 13, 1, 'prepare').filter((m) => round(m.payload.ballot) === 2)).toHaveLength(5)
    },
    30: (log) => {
      expect(sent(log, 29, 3, 'prepare').filter((m) => round(m.payload.ballot) === 3)).toEqual([])
      expect(sent(log, 30, 3, 'prepare').filter((m) => round(m.payload.ballot) === 3)).toHaveLength(5)
      // P3's accepts for 1.3 have not reached the other acceptors yet.
      expect([1, 2, 4, 5].flatMap((p) => received(log, 30, p, 'accept', 1))).toEqual([])
    },
    120: (log) => {
      expect(chosen(log, 120)).toEqual([])
      // Every accept that succeeded was at the proposer's own acceptor.
      expect(accepts(log, 120).every((a) => a.pid === a.ballot.pid)).toBe(true)
    },
  },
  'dueling-backoff': {
    46: (log) => expect(chosen(log, 46)).toEqual([]),
    68: (log) => expect(chosen(log, 68)).toEqual(['B']),
  },
  'minority-crash': {
    6: (log) => expect(down(log, 6)).toEqual([4, 5]),
    26: (log) => {
      expect(down(log, 26)).toEqual([])
      expect(Object.keys(decided(log, 26)).map(Number)).toEqual([1, 2, 3])
    },
    31: (log) => expect(Object.keys(decided(log, 31)).map(Number)).toEqual(ALL5),
  },
  'majority-crash': {
    1: (log) => expect(down(log, 1)).toEqual([3, 4, 5]),
    12: (log) => {
      expect(down(log, 12)).toEqual([3])
      expect([4, 5].flatMap((p) => received(log, 12, p, 'prepare'))).toEqual([])
    },
    42: (log) => {
      expect(down(log, 42)).toEqual([])
      expect(decided(log, 42)[3]).toBeUndefined()
    },
    45: (log) => expect(Object.keys(decided(log, 45)).map(Number)).toEqual(ALL5),
  },
  'message-loss': {
    8: (log) => {
      const lost = upTo(log, 8).filter((e) => e.kind === 'msg.drop')
      expect(lost.map((e) => `${e.msg!.payload.type} ${e.msg!.from}→${e.msg!.to}`)).toEqual([
        'prepare 1→3',
        'promise 4→1',
        'promise 5→1',
      ])
    },
    10: (log) => expect(sent(log, 10, 1, 'accept')).toEqual([]),
    40: (log) => {
      const counted = received(log, 40, 1, 'promise', 3)
      expect(counted).toHaveLength(3)
      for (const p of counted)
        expect(sent(log, 40, p, 'promise', 1).at(-1)?.payload.accepted).toEqual({
          ballot: { round: 2, pid: 1 },
          value: '10',
        })
      expect(chosen(log, 40)).toEqual(['10'])
      expect(decided(log, 40)).toEqual({})
    },
    57: (log) => {
      expect(decided(log, 57)[2]).toBeUndefined()
      expect(decided(log, 57)[5]).toBeUndefined()
      expect(sent(log, 57, 1, 'decide').filter((m) => m.to === 2 || m.to === 5)).toHaveLength(4)
    },
  },
  partition: { 40: (log) => expect(chosen(log, 40)).toEqual(['B']) },
  'flexible-quorums': {
    15: (log) => {
      expect(chosen(log, 15)).toEqual(['A'])
      expect(accepts(log, 15).map((a) => a.pid)).toEqual([1, 2])
      expect(decided(log, 15)).toEqual({})
    },
    25: (log) => expect(received(log, 25, 5, 'promise', 2)).toEqual([3, 4, 5]),
    41: (log) => {
      expect(received(log, 41, 5, 'promise', 3)).toEqual([1, 2, 3, 5])
      for (const p of [1, 2]) expect(sent(log, 41, p, 'promise', 5).at(-1)?.payload.accepted?.value).toBe('A')
    },
  },
  'bug-ignore-prior': {
    16: (log) => {
      expect(sorted(accepts(log, 16).map((a) => a.pid))).toEqual(ALL5)
      expect(chosen(log, 16)).toEqual(['A'])
      expect(sent(log, 16, 3, 'prepare')).toHaveLength(5)
    },
    23: (log) => {
      const promises = ALL5.flatMap((p) => sent(log, 23, p, 'promise', 3))
      expect(promises).toHaveLength(5)
      expect(promises.every((m) => m.payload.accepted?.value === 'A')).toBe(true)
    },
  },
  'bug-accept-below-promise': {
    22: (log) => {
      const promised13 = upTo(log, 22).filter(
        (e) => e.kind === 'acceptor.promise' && (e.ballot as Ballot).pid === 3,
      )
      expect(sorted(promised13.map((e) => e.pid!))).toEqual([2, 3, 4, 5])
      expect(accepts(log, 22).map((a) => a.pid)).toEqual([1, 3])
    },
  },
  'bug-amnesia': {
    12: (log) => {
      expect(chosen(log, 12)).toEqual(['A'])
      expect(down(log, 12)).toEqual([3])
    },
    27: (log) => {
      expect(chosen(log, 27)).toEqual(['A', 'X'])
      expect(decided(log, 27)).toEqual({ 1: 'X', 2: 'X' })
      expect(down(log, 27)).toEqual([])
    },
    30: (log) => expect(decided(log, 30)).toEqual({ 1: 'X', 2: 'X', 3: 'X' }),
  },
  'bug-small-quorum': {
    20: (log) => {
      expect(chosen(log, 20)).toEqual(['A'])
      expect(
        accepts(log, 20)
          .filter((a) => a.value === 'B')
          .map((a) => a.pid),
      ).toEqual([5])
      expect(sent(log, 20, 5, 'accept').map((m) => m.to)).toContain(3)
    },
    41: (log) => expect(decided(log, 41)).toEqual({ 1: 'A', 2: 'A', 3: 'B', 4: 'B', 5: 'B' }),
    53: (log) => expect(decided(log, 53)).toEqual({ 1: 'A', 2: 'A', 3: 'B', 4: 'B', 5: 'B' }),
  },
  'bug-duplicate-ballots': {
    12: (log) => {
      for (const p of [2, 3, 5])
        expect(sorted(sent(log, 12, p, 'promise').map((m) => m.to)), `P${p}`).toEqual([1, 4])
    },
  },
  // Multi-Paxos: slots, not single values.
  'mp-steady': {
    31: (log) => {
      const slots = upTo(log, 31)
        .filter((e) => e.kind === 'slot.chosen')
        .map((e) => e.slot)
      expect(slots).toEqual([2])
      expect(upTo(log, 31).filter((e) => e.kind === 'slot.commit')).toEqual([])
    },
    57: (log) => {
      const p1 = upTo(log, 57).filter((e) => e.pid === 1)
      const commits = p1.filter((e) => e.kind === 'slot.commit').map((e) => e.slot)
      expect(commits.slice(0, 2)).toEqual([2, 1])
      expect(
        p1
          .filter((e) => e.kind === 'slot.execute')
          .map((e) => e.slot)
          .slice(0, 2),
      ).toEqual([1, 2])
      expect(log.find((e) => e.kind === 'client.answer')?.step).toBe(57)
    },
  },
  'mp-leader-crash': {
    66: (log) => {
      const slots = upTo(log, 66)
        .filter((e) => e.kind === 'slot.chosen')
        .map((e) => e.slot)
      expect(slots).toEqual(expect.arrayContaining([3, 5]))
      const committed = upTo(log, 66)
        .filter((e) => e.kind === 'slot.commit')
        .map((e) => e.slot)
      expect(committed).not.toContain(3)
      expect(committed).not.toContain(5)
      const slot4 = upTo(log, 66).filter((e) => e.kind === 'acceptor.accept' && e.slot === 4)
      expect(slot4.map((e) => e.pid)).toEqual([1])
    },
    145: (log) => {
      const b2 = log.filter(
        (e) => e.kind === 'acceptor.accept' && e.slot === 4 && (e.cmd as { client?: number }).client === 2,
      )
      expect(b2.map((e) => e.pid)).toEqual([1])
    },
  },
  'mp-dueling-leaders': {
    9: (log) => {
      const preempted = log.find((e) => e.kind === 'leader.preempted' && e.step === 9)!
      expect(preempted.pid).toBe(1)
      expect(preempted.higher).toEqual({ round: 1, pid: 2 })
      expect(preempted.retryTicks).toBe(15)
    },
    58: (log) => {
      const elected = log.find((e) => e.kind === 'leader.elected' && e.step === 58)!
      expect(elected.pid).toBe(2)
      expect((elected.reproposed as { slot: number }[]).map((v) => v.slot)).toEqual([1])
      expect(log.filter((e) => e.kind === 'slot.commit')).toEqual([])
    },
  },
  'mp-catch-up': {
    95: (log) => {
      expect(upTo(log, 95).filter((e) => e.kind === 'acceptor.accept' && e.pid === 5)).toEqual([])
      expect(upTo(log, 95).filter((e) => e.kind === 'slot.commit' && e.pid === 5)).toEqual([])
    },
  },
  'mp-bug-ignore-promises': {
    64: (log) => {
      const elected = log.find((e) => e.kind === 'leader.elected' && e.pid === 5)!
      expect(elected.step).toBe(64)
      expect(elected.noops).toEqual([1, 2])
    },
  },
}

function runOf(scenario: Scenario): Log {
  if ((scenario.protocol ?? 'paxos') === 'paxos') return runToEnd(toRunInput(scenario)).log as unknown as Log
  const preset = multipaxos.presets.find((p) => p.title === scenario.title)!
  return runProtocolPreset(multipaxos, preset).log as unknown as Log
}

const presets = galleryPresets()

describe('every beat is true where it is shown', () => {
  it('each checked claim is a beat of its example, at that step', () => {
    for (const [id, claims] of Object.entries(CLAIMS)) {
      const steps = (presets.find((p) => p.id === id)?.scenario.beats ?? []).map((b) => b.step)
      for (const step of Object.keys(claims).map(Number)) expect(steps, `${id} @${step}`).toContain(step)
    }
  })

  for (const p of presets)
    describe(p.id, () => {
      const log = runOf(p.scenario)
      const last = log.at(-1)!.step
      const claims = CLAIMS[p.id] ?? {}

      it('its beats are within the run', () => {
        for (const b of p.scenario.beats ?? []) expect(b.step, b.text).toBeLessThanOrEqual(last)
      })

      it('a question is not answered by a value chosen at its own step, and the run goes on after it', () => {
        for (const b of (p.scenario.beats ?? []).filter((b) => b.text.trim().endsWith('?'))) {
          const at = log.filter((e) => e.step === b.step).map((e) => e.kind)
          expect(at, b.text).not.toContain('value.chosen')
          expect(at, b.text).not.toContain('slot.chosen')
          expect(b.step, b.text).toBeLessThan(last)
        }
      })

      for (const [step, check] of Object.entries(claims))
        it(`@${step}: ${(p.scenario.beats ?? []).find((b) => b.step === Number(step))?.text ?? '(no beat)'}`, () =>
          check(log))
    })
})
