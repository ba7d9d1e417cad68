import { compareBallots, compareMaybe } from './ballot.ts'
import type { ProcessId } from '../../kernel/types.ts'
import { idleProposer, popcount } from './state.ts'
import type {
  AcceptedPair,
  Ballot,
  Failure,
  PaxosEvent,
  Payload,
  ProposerState,
  SimConfig,
  Value,
} from './types.ts'

/**
 * What the proposer asks for its timer: arm `timeout` or `retry` (disarming the other: a
 * proposer waits for one thing at a time), disarm both (`cancel`), or leave it as it is.
 */
export type TimerRequest = 'timeout' | 'retry' | 'cancel' | null

/** The result of one proposer handler: next state plus effects, not yet performed. */
export interface ProposerStep {
  readonly proposer: ProposerState
  /** A message to send to every process (including itself), or null. */
  readonly broadcast: Payload | null
  readonly events: PaxosEvent[]
  readonly timer: TimerRequest
  /** Set when the proposer has just seen a quorum accept: it has learned the chosen value. */
  readonly learned: AcceptedPair | null
  /** Replies counted toward the current quorum, for narration. */
  readonly tally: { count: number; needed: number } | null
}

const unchanged = (p: ProposerState, tally: ProposerStep['tally'] = null): ProposerStep => ({
  proposer: p,
  broadcast: null,
  events: [],
  timer: null,
  learned: null,
  tally,
})

function phaseEvent(self: ProcessId, p: ProposerState, failure: Failure | null = null): PaxosEvent {
  return {
    kind: 'proposer.phase',
    pid: self,
    phase: p.phase,
    ballot: p.ballot,
    value: p.phase === 'preparing' ? p.ownValue : p.value,
    adoptedFrom: p.adoptedFrom,
    ownValue: p.ownValue,
    ignored:
      p.phase === 'accepting' && p.adoptedFrom === null && p.highest !== null
        ? { pair: p.highest, from: p.highestFrom as ProcessId }
        : null,
    failure,
  }
}

/**
 * Phase 1a. Pick a ballot higher than any seen (`round.pid`; a bare round with the duplicate-ballots
 * bug) and broadcast `prepare(n)`. Also used for retries. Pure.
 */
export function startBallot(
  p: ProposerState,
  self: ProcessId,
  config: SimConfig,
  value: Value,
): ProposerStep {
  const round = Math.max(p.maxRoundSeen, p.ballot?.round ?? 0) + 1
  const ballot: Ballot = { round, pid: config.bugs.duplicateBallots ? 0 : self }
  const next: ProposerState = {
    ...idleProposer(round),
    phase: 'preparing',
    ballot,
    ownValue: value,
    attempt: p.attempt,
  }
  return {
    proposer: next,
    broadcast: { type: 'prepare', ballot },
    events: [phaseEvent(self, next)],
    timer: 'timeout',
    learned: null,
    tally: null,
  }
}

/** The ballot failed (majority rejected or timed out): wait to retry, or give up. Pure. */
function fail(p: ProposerState, self: ProcessId, config: SimConfig, failure: Failure): ProposerStep {
  const retry = config.retry.policy !== 'none'
  const next: ProposerState = { ...p, phase: retry ? 'waiting' : 'abandoned', attempt: p.attempt + 1 }
  return {
    proposer: next,
    broadcast: null,
    events: [phaseEvent(self, next, failure)],
    timer: retry ? 'retry' : 'cancel',
    learned: null,
    tally: null,
  }
}

const isCurrent = (p: ProposerState, b: Ballot): boolean =>
  p.ballot !== null && compareBallots(p.ballot, b) === 0

/**
 * Phase 2a. Count promises for the current ballot; at a quorum, propose the value of the highest
 * accepted ballot reported ("complete the duty of the previous proposer"), or the own value if none
 * was reported — or always the own value with the `ignorePriorValues` bug. Pure.
 */
export function onPromise(
  p: ProposerState,
  self: ProcessId,
  from: ProcessId,
  ballot: Ballot,
  accepted: AcceptedPair | null,
  quorum: number,
  config: SimConfig,
): ProposerStep {
  if (p.phase !== 'preparing' || !isCurrent(p, ballot)) return unchanged(p)
  const promises = p.promises | (1 << from)
  const higher = accepted !== null && compareMaybe(accepted.ballot, p.highest?.ballot ?? null) > 0
  const highest = higher ? accepted : p.highest
  const highestFrom = higher ? from : p.highestFrom
  const count = popcount(promises)
  const tally = { count, needed: quorum }
  if (count < quorum) return unchanged({ ...p, promises, highest, highestFrom }, tally)
  const adopt = highest !== null && !config.bugs.ignorePriorValues
  const value = adopt ? highest.value : (p.ownValue ?? '')
  const next: ProposerState = {
    ...p,
    promises,
    highest,
    highestFrom,
    phase: 'accepting',
    value,
    adoptedFrom: adopt ? highest : null,
    rejects: 0,
  }
  return {
    proposer: next,
    broadcast: { type: 'accept', ballot, value },
    events: [phaseEvent(self, next)],
    timer: 'timeout',
    learned: null,
    tally,
  }
}

/**
 * A `reject` for the current ballot: remember the higher ballot seen; once so many acceptors
 * rejected that no quorum is possible, the ballot has failed. Pure.
 */
export function onReject(
  p: ProposerState,
  self: ProcessId,
  from: ProcessId,
  ballot: Ballot,
  promised: Ballot,
  quorum: number,
  config: SimConfig,
): ProposerStep {
  const maxRoundSeen = Math.max(p.maxRoundSeen, promised.round)
  const inPhase = p.phase === 'preparing' || p.phase === 'accepting'
  if (!inPhase || !isCurrent(p, ballot)) return unchanged({ ...p, maxRoundSeen })
  const rejects = p.rejects | (1 << from)
  const next = { ...p, rejects, maxRoundSeen }
  const count = popcount(rejects)
  const tally = { count, needed: config.processCount - quorum + 1 }
  if (count <= config.processCount - quorum) return unchanged(next, tally)
  return { ...fail(next, self, config, { reason: 'rejected', higher: promised }), tally }
}

/**
 * The process's own acceptor just promised `higher`, above this proposer's ballot: another
 * proposer is running a higher ballot, so this one abandons its ballot and retries (Lamport's
 * "a proposer should abandon a proposal if some proposer has begun trying to issue a
 * higher-numbered one"). Pure.
 */
export function onPreempted(
  p: ProposerState,
  self: ProcessId,
  higher: Ballot,
  config: SimConfig,
): ProposerStep {
  const inPhase = p.phase === 'preparing' || p.phase === 'accepting'
  if (!inPhase || p.ballot === null || compareBallots(higher, p.ballot) <= 0) return unchanged(p)
  const next = { ...p, maxRoundSeen: Math.max(p.maxRoundSeen, higher.round) }
  return fail(next, self, config, { reason: 'preempted', higher })
}

/** Phase 2 outcome: count `accepted` for the current ballot; at a quorum the value is learned. Pure. */
export function onAcceptedReply(
  p: ProposerState,
  self: ProcessId,
  from: ProcessId,
  ballot: Ballot,
  quorum: number,
  config: SimConfig,
): ProposerStep {
  if (p.phase !== 'accepting' || !isCurrent(p, ballot) || p.value === null) return unchanged(p)
  const accepteds = p.accepteds | (1 << from)
  const count = popcount(accepteds)
  const tally = { count, needed: quorum }
  if (count < quorum) return unchanged({ ...p, accepteds }, tally)
  const next: ProposerState = { ...p, accepteds, phase: 'decided' }
  const learned = { ballot, value: p.value }
  return {
    proposer: next,
    broadcast: config.learnerMode === 'decide' ? { type: 'decide', ballot, value: p.value } : null,
    events: [phaseEvent(self, next)],
    timer: 'cancel',
    learned,
    tally,
  }
}

/** The proposer's timer fired: a timeout fails the ballot; a retry starts a higher one. Pure. */
export function onTimer(
  p: ProposerState,
  self: ProcessId,
  purpose: 'timeout' | 'retry',
  config: SimConfig,
): ProposerStep {
  if (purpose === 'retry') {
    if (p.phase !== 'waiting' || p.ownValue === null) return unchanged(p)
    return startBallot(p, self, config, p.ownValue)
  }
  if (p.phase !== 'preparing' && p.phase !== 'accepting') return unchanged(p)
  return fail(p, self, config, { reason: 'timeout', higher: null })
}

/** The process learned a decision from elsewhere: an active proposer stops. Pure. */
export function onLearned(p: ProposerState, self: ProcessId, learned: AcceptedPair): ProposerStep {
  if (p.phase === 'idle' || p.phase === 'decided' || p.phase === 'abandoned') return unchanged(p)
  const next: ProposerState = { ...p, phase: 'decided', value: learned.value }
  return { ...unchanged(next), events: [phaseEvent(self, next)], timer: 'cancel' }
}
