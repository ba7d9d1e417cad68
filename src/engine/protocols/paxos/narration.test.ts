import { describe, expect, it } from 'vitest'
import { allPresets } from '../../../scenarios/presets.ts'
import { toRunInput } from '../../../scenarios/scenario.ts'
import { runAdversary } from '../../adversary.ts'
import {
  ballotKey,
  compareBallots,
  defaultConfig,
  formatBallot,
  type EventOf,
  type RunInput,
  type SimEvent,
  type Simulator,
} from '../../index.ts'
import { narrateEvent } from '../../kernel/narration.ts'
import { intBetween, streamSeed, type Rng } from '../../kernel/prng.ts'
import { paxos } from './index.ts'
import type { AcceptedPair, SimConfig } from './types.ts'

/**
 * Every sentence Synod says about a run must be true of the run. For each event this test reads
 * the sentence that narrates it and checks each claim the sentence makes against the log: "none
 * reports an accepted value" needs that no promise the proposer counted carried one, "not its own
 * value" that the value differs from its own, "ignores (n, v) reported by Pk" that Pk's counted
 * promise carried (n, v), a recovered acceptor's restored state what it really kept, and every
 * "(k of n needed)" the number of distinct replies counted toward that tally so far.
 */

const pairText = (a: AcceptedPair): string => `(${formatBallot(a.ballot)}, ${a.value})`

function checkRun(sim: Simulator, label: string): number {
  const config = sim.state.config as SimConfig
  const n = sim.state.procs.length
  const log: readonly SimEvent[] = sim.log
  let claims = 0
  const says = (e: SimEvent): string => narrateEvent(paxos, config, n, e as never)
  const fail = (e: SimEvent, why: string): never => {
    throw new Error(`${label} step ${e.step}: "${says(e)}" ${why}`)
  }
  const counted = new Map<string, Set<number>>()
  log.forEach((e, i) => {
    const text = says(e)
    // A learner (`all` mode) hears every `accepted`, also those its proposer counted; its
    // tallies are volatile, so they start again when the process crashes.
    if (e.kind === 'proc.crash')
      for (const k of counted.keys()) if (k.startsWith(`${e.pid}|learn`)) counted.delete(k)
    const pl = e.kind === 'msg.deliver' ? e.msg.payload : null
    if (e.kind === 'msg.deliver' && pl?.type === 'accepted') {
      const key = `${e.msg.to}|learn ${ballotKey(pl.ballot)}=${pl.value}`
      counted.set(key, (counted.get(key) ?? new Set<number>()).add(e.msg.from))
    }
    if (e.kind === 'msg.deliver' && e.counted && 'toward' in e.counted) {
      const key = `${e.msg.to}|${e.counted.toward}`
      const from = counted.get(key) ?? new Set<number>()
      if (!e.counted.toward.startsWith('learn')) from.add(e.msg.from)
      counted.set(key, from)
      const m = /\((\d+) of (\d+) needed\)/.exec(text)
      if (m) {
        claims++
        if (Number(m[1]) !== from.size) fail(e, `but ${from.size} distinct replies counted toward it`)
      }
      // The decider counts itself and every process that acknowledged (its record is stable).
      const learned = /\(P(\d+) now knows (\d+) of (\d+) processes have learned\)/.exec(text)
      if (learned) {
        claims++
        // "Have learned" its own decision: an answer naming another value is not one.
        const mine = decisionOf(log, i, e.msg.to)
        if (pl?.type !== 'learned' || pl.value !== mine)
          fail(
            e,
            `but it names ${pl?.type === 'learned' ? pl.value : '?'} and ${P(e.msg.to)} decided ${mine}`,
          )
        const known = new Set([...from].filter((p) => p !== e.msg.to)).size + 1
        // The one who knows is the decider the acknowledgement reached.
        if (Number(learned[1]) !== e.msg.to) fail(e, `but it reached P${e.msg.to}`)
        if (Number(learned[2]) !== known) fail(e, `but ${known} processes are known to have learned`)
        if (Number(learned[3]) !== n) fail(e, `but there are ${n} processes`)
      }
    }
    const other = /it does not count: P(\d+) decided (.+), not (.+), so it can never learn/.exec(text)
    if (e.kind === 'msg.deliver' && other) {
      claims++
      if (decisionOf(log, i, Number(other[1])) !== other[2])
        fail(e, `but P${other[1]} did not decide ${other[2]}`)
      if (decisionOf(log, i, e.msg.to) !== other[3]) fail(e, `but ${P(e.msg.to)} did not decide ${other[3]}`)
    }
    if (e.kind === 'learner.handover') claims += checkHandover(log, i, e, text, fail)
    if (e.kind === 'proposer.phase' && e.phase === 'accepting')
      claims += checkAccepting(log, i, e, text, fail)
    if (e.kind === 'acceptor.restore') claims += checkRestore(log, i, e, text, fail)
    if (e.kind === 'learner.restore') claims += checkLearnerRestore(log, i, e, text, fail, n)
    if (e.kind === 'learner.decide' && !text.includes(`decides value ${e.value} `))
      fail(e, 'names another value')
  })
  return claims + checkCopies(sim, says, fail)
}

/**
 * Who made each copy of a message, as the sentences say it, against the run's own inputs: a copy
 * is made by hand exactly as many times as the recorded Duplicates of its original that were not
 * refused; every other copy is the network's (its duplication rate). A hand-made copy told as
 * "The network duplicates …" would teach that the network copies messages at a 0 % rate.
 */
function checkCopies(sim: Simulator, says: (e: SimEvent) => string, fail: Fail): number {
  const log: readonly SimEvent[] = sim.log
  const byHand = new Map<number, number>()
  for (const iv of sim.recorded)
    if (iv.action.type === 'duplicate') byHand.set(iv.action.msgId, (byHand.get(iv.action.msgId) ?? 0) + 1)
  for (const e of log)
    if (e.kind === 'intervention.invalid' && e.action.type === 'duplicate')
      byHand.set(e.action.msgId, (byHand.get(e.action.msgId) ?? 0) - 1)
  const told = new Map<number, { hand: number; network: number; last: SimEvent }>()
  for (const e of log) {
    if (e.kind !== 'msg.send' || e.msg.dupOf === null) continue
    const text = says(e)
    const hand = text.includes(`#${e.msg.dupOf}, `) && text.includes(' is duplicated by hand: ')
    const network = text.startsWith(`The network duplicates #${e.msg.dupOf}, `)
    if (hand === network) fail(e, 'does not say who made the copy')
    const t = told.get(e.msg.dupOf) ?? { hand: 0, network: 0, last: e }
    told.set(e.msg.dupOf, { hand: t.hand + (hand ? 1 : 0), network: t.network + (network ? 1 : 0), last: e })
  }
  for (const [original, t] of told) {
    const made = byHand.get(original) ?? 0
    if (t.hand !== made) fail(t.last, `but ${made} copies of #${original} were made by hand, not ${t.hand}`)
  }
  return told.size
}

type Fail = (e: SimEvent, why: string) => never

const P = (pid: number): string => `P${pid}`

/** The value process `pid` decided before event `i`, or null. */
function decisionOf(log: readonly SimEvent[], i: number, pid: number): string | null {
  for (let k = 0; k < i; k++) {
    const d = log[k]!
    if (d.kind === 'learner.decide' && d.pid === pid) return d.value
  }
  return null
}

/**
 * "Pk leaves re-sending v to Pj, which also knows v is decided and keeps telling every process":
 * both decided v, and Pj had sent Pk a `decide` for v that Pk just received.
 */
function checkHandover(
  log: readonly SimEvent[],
  i: number,
  e: EventOf<'learner.handover'>,
  text: string,
  fail: Fail,
): number {
  if (!text.startsWith(`${P(e.pid)} leaves re-sending ${e.value} to ${P(e.to)},`)) fail(e, 'names others')
  if (decisionOf(log, i, e.pid) !== e.value) fail(e, `but ${P(e.pid)} did not decide ${e.value}`)
  if (decisionOf(log, i, e.to) !== e.value) fail(e, `but ${P(e.to)} did not decide ${e.value}`)
  const heard = log
    .slice(0, i)
    .findLast((d): d is EventOf<'msg.deliver'> => d.kind === 'msg.deliver' && d.msg.to === e.pid)
  if (heard?.msg.from !== e.to || heard.msg.payload.type !== 'decide' || heard.step !== e.step)
    fail(e, `but it did not just receive ${P(e.to)}'s decide`)
  return 1
}

/** The promises proposer `pid` counted for `ballot` before event `i`. */
function countedPromises(log: readonly SimEvent[], i: number, pid: number, ballot: string) {
  return log
    .slice(0, i)
    .filter(
      (d): d is EventOf<'msg.deliver'> =>
        d.kind === 'msg.deliver' &&
        d.msg.to === pid &&
        d.msg.payload.type === 'promise' &&
        ballotKey(d.msg.payload.ballot) === ballot &&
        d.counted !== null &&
        'toward' in d.counted,
    )
    .map((d) => ({
      from: d.msg.from,
      accepted: d.msg.payload.type === 'promise' ? d.msg.payload.accepted : null,
    }))
}

function checkAccepting(
  log: readonly SimEvent[],
  i: number,
  e: EventOf<'proposer.phase'>,
  text: string,
  fail: Fail,
): number {
  const ballot = ballotKey(e.ballot!)
  const promises = countedPromises(log, i, e.pid, ballot)
  const reported = promises.filter((p) => p.accepted !== null)
  const own = log
    .slice(0, i)
    .filter(
      (p): p is EventOf<'proposer.phase'> =>
        p.kind === 'proposer.phase' &&
        p.pid === e.pid &&
        p.phase === 'preparing' &&
        ballotKey(p.ballot!) === ballot,
    )
    .at(-1)?.value
  let claims = 0
  if (text.includes('none reports an accepted value')) {
    claims++
    if (reported.length > 0)
      fail(e, `but P${reported[0]!.from}'s counted promise reported ${pairText(reported[0]!.accepted!)}`)
  }
  const one =
    /One reports value (.+) accepted in ballot (\S+), so it must propose (.+?)(, not its own value|, which is its own value too)/.exec(
      text,
    )
  if (one) {
    claims++
    const hit = reported.find(
      (p) => p.accepted!.value === one[1] && formatBallot(p.accepted!.ballot) === one[2],
    )
    if (!hit) fail(e, 'but no counted promise reported that pair')
    const top = reported.every((p) => compareBallots(p.accepted!.ballot, hit!.accepted!.ballot) <= 0)
    if (!top) fail(e, 'but a counted promise reported a higher ballot')
    if (one[4] === ', not its own value' && one[3] === own) fail(e, `but ${own} is its own value`)
    if (one[4] !== ', not its own value' && one[3] !== own) fail(e, `but its own value is ${own}`)
  }
  const ignores = /ignores (\(.+?\)) reported by (its own acceptor|P\d+)/.exec(text)
  if (ignores) {
    claims++
    const from = ignores[2] === 'its own acceptor' ? e.pid : Number(ignores[2]!.slice(1))
    const hit = reported.find((p) => p.from === from && pairText(p.accepted!) === ignores[1])
    if (!hit) fail(e, `but P${from} reported no such pair in a counted promise`)
  }
  if (!one && !ignores && !text.includes('none reports')) fail(e, 'makes no claim about the promises')
  return claims
}

/** What acceptor `pid` really kept: the state its last promise, accept or forget left. */
function checkRestore(
  log: readonly SimEvent[],
  i: number,
  e: EventOf<'acceptor.restore'>,
  text: string,
  fail: Fail,
): number {
  let promised: string | null = null
  let accepted: string | null = null
  for (const p of log.slice(0, i)) {
    if (p.kind === 'acceptor.promise' && p.pid === e.pid) promised = ballotKey(p.ballot)
    if (p.kind === 'acceptor.accept' && p.pid === e.pid) {
      accepted = pairText(p.accepted)
      if (p.promised === null || compareBallots(p.accepted.ballot, p.promised) >= 0)
        promised = ballotKey(p.accepted.ballot)
    }
    if (p.kind === 'acceptor.forget' && p.pid === e.pid) [promised, accepted] = [null, null]
  }
  const nothing = /nothing to restore|an empty memory/.test(text)
  if (nothing && (promised !== null || accepted !== null)) fail(e, `but it kept ${promised} / ${accepted}`)
  if (!nothing) {
    const m = /still promises to ignore ballots below (\S+) and has accepted (\(.+?\)|nothing)/.exec(text)
    if (!m) fail(e, 'is not a sentence this test knows')
    if (ballotKey(e.promised!) !== promised) fail(e, `but it had promised ${promised}`)
    if ((m![2] === 'nothing' ? null : m![2]) !== accepted) fail(e, `but it had accepted ${accepted}`)
  }
  return 1
}

/**
 * "From stable storage, Pk still knows value v is decided (ballot b); Pi, Pj have not acknowledged
 * it yet": v and b are Pk's decision, and the processes named are exactly those (other than Pk)
 * whose `learned` never reached Pk, when Pk is the decider.
 */
function checkLearnerRestore(
  log: readonly SimEvent[],
  i: number,
  e: EventOf<'learner.restore'>,
  text: string,
  fail: Fail,
  n: number,
): number {
  const before = log.slice(0, i)
  const decision = before.find(
    (d): d is EventOf<'learner.decide'> => d.kind === 'learner.decide' && d.pid === e.pid,
  )
  if (!decision) return fail(e, 'but it never decided')
  const knows = `still knows value ${decision.value} is decided (ballot ${formatBallot(decision.ballot)})`
  if (!text.includes(knows)) fail(e, `but it decided ${decision.value} in ${formatBallot(decision.ballot)}`)
  const named = /; (.+) (?:has|have) not acknowledged/.exec(text)?.[1]?.split(', ') ?? []
  const acked = new Set(
    before.flatMap((d) =>
      d.kind === 'msg.deliver' && d.msg.payload.type === 'learned' && d.msg.to === e.pid
        ? [d.msg.from as number]
        : [],
    ),
  )
  for (const name of named) if (acked.has(Number(name.slice(1)))) fail(e, `but ${name} had acknowledged`)
  // A decider that names nobody has heard every other process acknowledge.
  const decider = before.some(
    (d) => d.kind === 'msg.send' && d.msg.payload.type === 'decide' && d.msg.from === e.pid,
  )
  if (decider && named.length === 0 && acked.size < n - 1) fail(e, 'but some never acknowledged')
  return 1
}

describe('narration is true of the run', () => {
  it('tells a copy made by hand as made by hand, at a duplication rate of 0 %', () => {
    const config: SimConfig = { ...defaultConfig(3), duplicatePercent: 0 }
    const input: RunInput = {
      seed: 7,
      config,
      interventions: [
        { step: 0, action: { type: 'propose', pid: 1, value: 'A' } },
        { step: 0, action: { type: 'duplicate', msgId: 2 } },
      ],
    }
    const sim = runAdversary(input, [], { proposers: [], faults: false, reorder: false })
    const copy = sim.log.find((e) => e.kind === 'msg.send' && e.msg.dupOf === 2)
    expect(copy?.text).toMatch(
      /^#2, P1's prepare 1\.1 to P2, is duplicated by hand: a second copy, #\d+, is in flight/,
    )
    expect(checkRun(sim, 'hand copy')).toBeGreaterThan(0)
  })

  for (const p of allPresets()) {
    it(`every checked sentence of ${p.id} holds`, () => {
      const input = toRunInput(p.scenario)
      expect(
        checkRun(runAdversary(input, [], { proposers: [], faults: false, reorder: false }), p.id),
      ).toBeGreaterThan(0)
    })
  }

  it('holds on random faulty runs, with and without the ignore-prior bug', () => {
    const r: Rng = { state: streamSeed(14, 'narration-test') }
    const rng = { int: (min: number, max: number): number => intBetween(r, min, max) }
    let claims = 0
    for (let run = 0; run < 100; run++) {
      const processCount = 3 + rng.int(0, 4)
      const bugs = { ...defaultConfig().bugs, ignorePriorValues: run % 3 === 0 }
      const config: SimConfig = {
        ...defaultConfig(processCount),
        lossPercent: rng.int(0, 20),
        duplicatePercent: rng.int(0, 10),
        retry: {
          policy: 'fixed',
          delayTicks: 5 + rng.int(0, 20),
          backoffBaseTicks: 20,
          backoffMaxTicks: 160,
        },
        learnerMode: run % 2 === 0 ? 'decide' : 'all',
        bugs,
        maxSteps: 300,
      }
      const proposers = [1, 1 + rng.int(0, processCount - 1)]
      const values = run % 4 === 0 ? ['A', 'A'] : ['A', 'B']
      const input: RunInput = {
        seed: rng.int(0, 1_000_000),
        config,
        interventions: proposers.map((pid, k) => ({
          step: 0,
          action: { type: 'propose', pid, value: values[k]! },
        })),
      }
      const choices = Array.from({ length: 80 }, () => rng.int(0, 0xffff))
      claims += checkRun(
        runAdversary(input, choices, { proposers, faults: true, reorder: true }),
        `run ${run}`,
      )
    }
    expect(claims).toBeGreaterThan(500)
  }, 60_000)
})
