/**
 * A Paxos.tla run (spec mode's counterexample, or an imported TLC trace) as a message sequence on
 * the time-space diagram. Lanes: one per acceptor (a1..), then one per ballot the run uses (the
 * ballot's proposer: Paxos.tla has no proposer process, only ballots, and each ballot is one
 * proposer's attempt). Messages are drawn in the lecture's words (prepare = 1a, promise = 1b,
 * accept = 2a, accepted = 2b) with the spec's ballot numbers.
 *
 * Who reads what, exactly as the actions do: Phase1b(a) reads the 1a of its ballot at a; Phase2a(b)
 * reads the ballot-b 1b messages of the quorum that makes its value safe, at the ballot's lane;
 * Phase2b(a) reads the 2a at a. A 2b is read by no action (chosen is a predicate over msgs), so
 * the 2b messages stay in flight to their ballot's lane, and a mark says when a value is chosen.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import { defaultConfig, paxos, type Payload } from '../engine/index.ts'
import { SpecLogBuilder, STEP_TICKS, type SpecDiagram, type SpecLane, type Wire } from './specLog.ts'
import type { SpecViolation } from './trace.ts'
import { acceptorName, valueName, type SpecMessage } from './universe.ts'

/** Paxos.tla's ballots have no proposer id: pid 0 is printed as the bare number (`prepare 1`). */
const ballot = (b: number) => ({ round: b, pid: 0 })
const ballotColour = (b: number): string | null =>
  paxos.colourKey({ type: 'prepare', ballot: ballot(b) } as Payload)

function payloadOf(m: SpecMessage): Payload {
  switch (m.type) {
    case '1a':
      return { type: 'prepare', ballot: ballot(m.bal) }
    case '1b':
      return {
        type: 'promise',
        ballot: ballot(m.bal),
        accepted: m.mbal < 0 ? null : { ballot: ballot(m.mbal), value: valueName(m.mval) },
      }
    case '2a':
      return { type: 'accept', ballot: ballot(m.bal), value: valueName(m.val) }
    case '2b':
      return { type: 'accepted', ballot: ballot(m.bal), value: valueName(m.val) }
  }
}

interface AcceptorState {
  promised: number
  vote: { bal: number; val: number } | null
}

/** Every lane after each step: acceptors' promise and vote, ballots' progress (the spec's own state). */
function lanesOf(
  run: SpecViolation,
  acceptors: number,
  ballots: readonly number[],
  chosenAt: Map<number, string>,
) {
  const acc: AcceptorState[] = Array.from({ length: acceptors }, () => ({ promised: -1, vote: null }))
  const bal = new Map<number, string>()
  const snapshot = (): SpecLane[] => [
    ...acc.map((a, i) => ({
      name: acceptorName(i),
      up: true,
      text:
        a.promised < 0
          ? null
          : `promised ${a.promised}${a.vote ? ` · (${a.vote.bal}, ${valueName(a.vote.val)})` : ''}`,
      tone: a.vote ? ('done' as const) : a.promised < 0 ? ('idle' as const) : ('running' as const),
      colourKey: a.promised < 0 ? null : ballotColour(a.promised),
    })),
    ...ballots.map((b) => ({
      name: `ballot ${b}`,
      up: true,
      text: bal.get(b) ?? null,
      tone: bal.has(b) ? ('running' as const) : ('idle' as const),
      colourKey: ballotColour(b),
    })),
  ]
  const out = [snapshot()]
  run.steps.forEach((s, i) => {
    const m = s.message
    if (m.type === '1a') bal.set(m.bal, 'preparing')
    else if (m.type === '2a') bal.set(m.bal, `accepting ${valueName(m.val)}`)
    else {
      const a = acc[m.acc] as AcceptorState
      a.promised = Math.max(a.promised, m.bal)
      if (m.type === '2b') a.vote = { bal: m.bal, val: m.val }
    }
    const chosen = chosenAt.get(i + 1)
    if (chosen !== undefined && m.type === '2b') bal.set(m.bal, chosen)
    out.push(snapshot())
  })
  return out
}

/** The verdict of a Paxos.tla run, from its chosen values. */
export function paxosVerdict(run: SpecViolation): string {
  const chosen = run.chosen.map((c) => `${c.value} in ballot ${c.ballot} by {${c.quorum.join(', ')}}`)
  if (run.chosen.length > 1) return `Agreement violated: two values are chosen, ${chosen.join(' and ')}.`
  if (run.chosen.length === 1) return `Agreement holds: only ${chosen[0]} is chosen.`
  return 'Agreement holds: no value is chosen yet.'
}

/**
 * The run on the diagram. `acceptors` is the model's count (a run may not involve them all) and
 * `q2` the size of its phase-2 quorums (a value is chosen when q2 acceptors sent its 2b).
 */
export function paxosSpecDiagram(run: SpecViolation, acceptors: number, q2: number): SpecDiagram {
  const ballots = [...new Set(run.steps.map((s) => s.message.bal))].sort((x, y) => x - y)
  const ballotPid = (b: number) => acceptors + 1 + ballots.indexOf(b)
  const accPid = (a: number) => a + 1
  const lb = new SpecLogBuilder()
  const copies = new Map<string, Wire>()
  const votes = new Map<string, Set<number>>()
  const chosenAt = new Map<number, string>()
  const chosenValues: { value: string; bal: number; pids: number[] }[] = []
  run.steps.forEach((s, i) => {
    const k = i + 1
    const m = s.message
    const p = payloadOf(m)
    const label = paxos.narration.label(p)
    if (m.type === '1a' || m.type === '2a') {
      if (m.type === '2a')
        for (const name of s.quorum ?? []) {
          const q = Number(name.slice(1)) - 1
          const w = copies.get(`1b|${m.bal}|${q}`)
          if (w) lb.deliver(w, k, `Ballot ${m.bal} reads ${name}'s promise (${s.label})`)
        }
      const group = lb.group()
      for (let a = 0; a < acceptors; a++) {
        const text = `Ballot ${m.bal} sends ${label} to ${acceptorName(a)}`
        copies.set(`${m.type}|${m.bal}|${a}`, lb.send(k, ballotPid(m.bal), accPid(a), p, text, { group }))
      }
      return
    }
    const asked = copies.get(`${m.type === '1b' ? '1a' : '2a'}|${m.bal}|${m.acc}`) ?? null
    if (asked) lb.deliver(asked, k, `${acceptorName(m.acc)} reads it (${s.label})`)
    const text = `${acceptorName(m.acc)} sends ${label} to ballot ${m.bal}`
    const w = lb.send(k, accPid(m.acc), ballotPid(m.bal), p, text, { replyTo: asked })
    copies.set(`${m.type}|${m.bal}|${m.acc}`, w)
    if (m.type !== '2b') return
    const key = `${m.bal}|${m.val}`
    const voters = votes.get(key) ?? new Set<number>()
    voters.add(m.acc)
    votes.set(key, voters)
    const value = valueName(m.val)
    if (voters.size === q2 && !chosenValues.some((c) => c.value === value && c.bal <= m.bal)) {
      const pids = [...voters].sort((x, y) => x - y).map(accPid)
      chosenValues.push({ value, bal: m.bal, pids })
      chosenAt.set(k, `★ ${value} chosen`)
      const text = `${value} is chosen: ${pids.map((x) => acceptorName(x - 1)).join(', ')} accepted it in ballot ${m.bal}`
      lb.mark(k, { kind: 'value.chosen', ballot: ballot(m.bal), value, acceptors: pids }, text)
    }
  })
  const n = run.steps.length
  if (run.chosen.length > 1) {
    const pids = [...new Set(chosenValues.flatMap((c) => c.pids))].sort((x, y) => x - y)
    const body = {
      kind: 'invariant.violated',
      rule: 'agreement',
      pids,
      detail: paxosVerdict(run),
      ballots: chosenValues.map((c) => ballot(c.bal)),
    }
    lb.mark(n, body, paxosVerdict(run))
  }
  const config = {
    ...defaultConfig(acceptors + ballots.length),
    latencyTicksMin: STEP_TICKS,
    latencyTicksMax: STEP_TICKS,
  }
  const log = lb.build(config, `A run of Paxos.tla: ${acceptors} acceptors, ${n} steps`, n)
  return {
    module: paxos,
    log,
    processCount: acceptors + ballots.length,
    steps: run.steps.map((s) => ({ label: s.label, text: s.description })),
    lanes: lanesOf(run, acceptors, ballots, chosenAt),
    verdict: paxosVerdict(run),
    bad: run.chosen.length > 1,
  }
}
