import { ballotKey, compareBallots } from './ballot.ts'
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
    return { learner: { ...l, decided, tallies }, decided, tally }
  }
  return { learner: { ...l, tallies }, decided: null, tally }
}

/** Phase 3 (`decide` mode): a proposer that saw a quorum tells us the value. Pure. */
export function onDecideNotice(l: LearnerState, ballot: Ballot, value: Value): LearnerStep {
  if (l.decided !== null) return { learner: l, decided: null, tally: null }
  const decided = { ballot, value }
  return { learner: { ...l, decided }, decided, tally: null }
}

/**
 * Learning that survives loss (Paxos Made Simple, 2.3): a process that knows the decision and has
 * the duty to spread it is a decider. It tells the others with `decide` and keeps telling each
 * one, every few timeouts, until that one answers with `learned`. In `decide` mode the decider is
 * the process whose proposer saw a quorum accept. In `all` mode every process that decides from a
 * quorum of `accepted` takes up the duty too (its own proposer may never see that quorum: it may be
 * down, or busy with a later ballot), and hands it over to a higher-ranked decider as soon as it
 * hears that one's `decide`, so in the usual run only the ballot's proposer re-sends (the set of
 * "distinguished learners" the paper allows). These functions keep the decider's record of who
 * answered; the handlers send and arm the `inform` timer. All pure.
 */

/** Every process id of a run of `processCount`, as a bitmask. */
const everyone = (processCount: number): number => ((1 << (processCount + 1)) - 1) & ~1

/** The decider takes up its duty: so far only it knows the decision. Null if it already has it. */
export function takeDuty(l: LearnerState, self: ProcessId): LearnerState | null {
  if (l.decided === null || l.informed !== 0) return null
  return { ...l, informed: 1 << self, disagreed: 0 }
}

/** The processes the decider has had no answer from yet, ascending. */
export function uninformed(l: LearnerState, processCount: number): ProcessId[] {
  if (l.informed === 0) return []
  return maskToPids(everyone(processCount) & ~l.informed & ~l.disagreed)
}

/** What a `learned` answer did at the decider. */
export interface AckStep {
  readonly learner: LearnerState
  /** Processes known to have learned the decider's own value, itself included. */
  readonly count: number
  /** The answer names another value: that process decided differently (only under a bug). */
  readonly disagrees: boolean
  /** Every process has answered: the decider stops re-sending. */
  readonly everyoneAnswered: boolean
}

/**
 * A `learned` answer reached the decider. It counts toward "has learned" only when it names the
 * decider's own value; an answer naming another value (two values decided, a broken variant) tells
 * the decider that process will never learn its value, so it stops telling it, but does not count
 * it. Null when this process is not a decider.
 */
export function onLearnedAck(
  l: LearnerState,
  from: ProcessId,
  value: Value,
  processCount: number,
): AckStep | null {
  if (l.informed === 0 || l.decided === null) return null
  const all = everyone(processCount)
  const disagrees = value !== l.decided.value
  const informed = disagrees ? l.informed : l.informed | (1 << from)
  const disagreed = disagrees ? l.disagreed | (1 << from) : l.disagreed
  const learner = informed === l.informed && disagreed === l.disagreed ? l : { ...l, informed, disagreed }
  return {
    learner,
    count: popcount(informed & all),
    disagrees,
    everyoneAnswered: ((informed | disagreed) & all) === all,
  }
}

/**
 * The rank of a decider who decided `ballot`, for handing the duty over in `all` mode: a higher
 * ballot first, then the ballot's own proposer, then the lower pid. A strict order over processes,
 * so the highest-ranked decider never hands over and the duty is never dropped by everyone. Pure.
 */
function outranks(a: ProcessId, aBallot: Ballot, b: ProcessId, bBallot: Ballot): boolean {
  const byBallot = compareBallots(aBallot, bBallot)
  if (byBallot !== 0) return byBallot > 0
  const aOwn = aBallot.pid === a
  const bOwn = bBallot.pid === b
  if (aOwn !== bOwn) return aOwn
  return a < b
}

/**
 * A `decide` for this decider's own value from `from`, a decider that outranks it: it hands its
 * duty over (`from` keeps re-sending until everyone answers). Null when it keeps its duty.
 */
export function handOver(
  l: LearnerState,
  self: ProcessId,
  from: ProcessId,
  pair: { readonly ballot: Ballot; readonly value: Value },
): LearnerState | null {
  const mine = l.decided
  if (l.informed === 0 || mine === null || from === self || pair.value !== mine.value) return null
  if (!outranks(from, pair.ballot, self, mine.ballot)) return null
  return { ...l, informed: 0, disagreed: 0 }
}
