import { ballotKey } from './ballot.ts'
import type { ProcessId } from '../../kernel/types.ts'
import { maskToPids, popcount } from './state.ts'
import type { AcceptedPair, Ballot, LearnerState, Value } from './types.ts'

export interface LearnerStep {
  readonly learner: LearnerState
  /** Set when this message made the learner decide. */
  readonly decided: AcceptedPair | null
  /** Acceptors counted so far for this ballot and value, and the quorum needed. */
  readonly tally: { count: number; needed: number } | null
}

/**
 * Phase 3 (learning, `all` mode). Count `accepted(n, v)` per ballot and value; decide once a
 * quorum of acceptors accepted the same ballot. A learner decides at most once. Pure.
 */
export function onAcceptedNotice(
  l: LearnerState,
  from: ProcessId,
  ballot: Ballot,
  value: Value,
  quorum: number,
): LearnerStep {
  const key = `${ballotKey(ballot)}|${value}`
  const mask = (l.tallies[key] ?? 0) | (1 << from)
  const tallies = { ...l.tallies, [key]: mask }
  const count = popcount(mask)
  const tally = { count, needed: quorum }
  if (l.decided === null && count >= quorum) {
    const decided = { ballot, value }
    return { learner: { decided, tallies, informed: l.informed }, decided, tally }
  }
  return { learner: { decided: l.decided, tallies, informed: l.informed }, decided: null, tally }
}

/** Phase 3 (`decide` mode): a proposer that saw a quorum tells us the value. Pure. */
export function onDecideNotice(l: LearnerState, ballot: Ballot, value: Value): LearnerStep {
  if (l.decided !== null) return { learner: l, decided: null, tally: null }
  const decided = { ballot, value }
  return { learner: { decided, tallies: l.tallies, informed: l.informed }, decided, tally: null }
}

/**
 * Learning that survives loss (Paxos Made Simple, 2.3): the process whose proposer saw a quorum
 * accept is the decider. It tells the others with `decide` and keeps telling each one, every
 * `proposerTimeoutTicks`, until that one acknowledges with `learned`. These functions keep its
 * record of who knows; the handlers send and arm the `inform` timer. All pure.
 */

/** Every process id of a run of `processCount`, as a bitmask. */
const everyone = (processCount: number): number => ((1 << (processCount + 1)) - 1) & ~1

/** The decider takes up its duty: so far only it knows the decision. Null if it already has it. */
export function takeDuty(l: LearnerState, self: ProcessId): LearnerState | null {
  if (l.decided === null || l.informed !== 0) return null
  return { decided: l.decided, tallies: l.tallies, informed: 1 << self }
}

/** The processes the decider has not yet heard acknowledge its decision, ascending. */
export function uninformed(l: LearnerState, processCount: number): ProcessId[] {
  if (l.informed === 0) return []
  return maskToPids(everyone(processCount) & ~l.informed)
}

/** A `learned` acknowledgement reached the decider: count who knows now. Null when not the decider. */
export function onLearnedAck(
  l: LearnerState,
  from: ProcessId,
  processCount: number,
): { learner: LearnerState; count: number; everyoneKnows: boolean } | null {
  if (l.informed === 0) return null
  const informed = l.informed | (1 << from)
  const learner = informed === l.informed ? l : { decided: l.decided, tallies: l.tallies, informed }
  const all = everyone(processCount)
  return { learner, count: popcount(informed & all), everyoneKnows: (informed & all) === all }
}
