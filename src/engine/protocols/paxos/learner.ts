import { ballotKey } from './ballot.ts'
import type { ProcessId } from '../../kernel/types.ts'
import { popcount } from './state.ts'
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
    return { learner: { decided, tallies }, decided, tally }
  }
  return { learner: { decided: l.decided, tallies }, decided: null, tally }
}

/** Phase 3 (`decide` mode): a proposer that saw a quorum tells us the value. Pure. */
export function onDecideNotice(l: LearnerState, ballot: Ballot, value: Value): LearnerStep {
  if (l.decided !== null) return { learner: l, decided: null, tally: null }
  const decided = { ballot, value }
  return { learner: { decided, tallies: l.tallies }, decided, tally: null }
}
