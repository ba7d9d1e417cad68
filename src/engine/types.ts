/**
 * Core types of the Synod engine. Everything here is plain data (JSON-safe) so that state can be
 * snapshotted, sent to and from workers, and hashed. Vocabulary follows the lecture and Lamport.
 */

/** A process number, 1-based: P1..Pn. */
export type ProcessId = number & { readonly __brand: 'ProcessId' }
/** A message id, unique within one run, assigned in send order from 1. */
export type MsgId = number & { readonly __brand: 'MsgId' }
/** Simulated time in integer ticks; only moves forward. */
export type Tick = number & { readonly __brand: 'Tick' }

export const pid = (n: number): ProcessId => n as ProcessId
export const msgId = (n: number): MsgId => n as MsgId
export const tick = (n: number): Tick => n as Tick

/** A proposal value as typed by a user ("10", "A"). */
export type Value = string

/**
 * A ballot `(round, pid)` shown as `round.pid`, e.g. `3.2`. Totally ordered by round, then pid.
 * With the `duplicateBallots` bug, pid is 0 and ballots are bare round numbers that can collide.
 */
export interface Ballot {
  readonly round: number
  readonly pid: number
}

/** What an acceptor has accepted: the lecture's (n_a, v_a), Paxos.tla's (maxVBal, maxVal). */
export interface AcceptedPair {
  readonly ballot: Ballot
  readonly value: Value
}

/** The deliberately broken variants of PAXOS.md, one toggle each. */
export interface BugToggles {
  /** The proposer ignores values reported in promises and proposes its own. */
  ignorePriorValues: boolean
  /** The acceptor accepts `accept(n, v)` even when n < promised. */
  acceptBelowPromise: boolean
  /** The acceptor forgets `promised` and `accepted` when it crashes (no stable storage). */
  amnesiaOnCrash: boolean
  /** Quorums of ⌊n/2⌋, too small to intersect. */
  smallQuorum: boolean
  /** Ballots are bare round numbers, so two proposers can use the same ballot. */
  duplicateBallots: boolean
}

export type RetryPolicy = 'none' | 'fixed' | 'backoff'

export interface RetryConfig {
  policy: RetryPolicy
  /** `fixed`: wait this long after a failed ballot before retrying. */
  delayTicks: number
  /** `backoff`: the first retry waits a random 0..baseTicks-1; each further failure doubles it. */
  backoffBaseTicks: number
  /** `backoff`: cap on the doubled waiting span. */
  backoffMaxTicks: number
}

/**
 * How learners hear about accepts: `decide` (acceptors answer the proposer, which broadcasts
 * `decide` once it has a quorum) or `all` (acceptors send `accepted` to every learner).
 */
export type LearnerMode = 'decide' | 'all'

export interface SimConfig {
  processCount: number
  latencyTicksMin: number
  latencyTicksMax: number
  lossPercent: number
  duplicatePercent: number
  /** A proposer abandons a ballot that has not succeeded after this many ticks. */
  proposerTimeoutTicks: number
  retry: RetryConfig
  learnerMode: LearnerMode
  bugs: BugToggles
  /** Limit on scheduler steps in one run. */
  maxSteps: number
}

export type MsgType = 'prepare' | 'promise' | 'reject' | 'accept' | 'accepted' | 'decide'

/** The payload of a message, by type. */
export type Payload =
  | { readonly type: 'prepare'; readonly ballot: Ballot }
  | { readonly type: 'promise'; readonly ballot: Ballot; readonly accepted: AcceptedPair | null }
  | {
      readonly type: 'reject'
      readonly ballot: Ballot
      readonly phase: 1 | 2
      readonly promised: Ballot
    }
  | { readonly type: 'accept'; readonly ballot: Ballot; readonly value: Value }
  | { readonly type: 'accepted'; readonly ballot: Ballot; readonly value: Value }
  | { readonly type: 'decide'; readonly ballot: Ballot; readonly value: Value }

export interface Message {
  readonly id: MsgId
  readonly from: ProcessId
  readonly to: ProcessId
  readonly payload: Payload
  readonly sentAt: Tick
  readonly deliverAt: Tick
  /** Decided at send time by the loss stream: the network will lose it at `deliverAt`. */
  readonly lost: boolean
  /** Set when this message is a network or user duplicate of another. */
  readonly dupOf: MsgId | null
  /** Scheduling order among items due at the same tick. */
  readonly seq: number
}

export type TimerPurpose = 'timeout' | 'retry'

export interface Timer {
  readonly id: number
  readonly pid: ProcessId
  readonly fireAt: Tick
  readonly purpose: TimerPurpose
  /** Scheduling order among items due at the same tick. */
  readonly seq: number
}

/** A user action, recorded in the scenario with the step at which it happened. */
export type Intervention =
  | { readonly type: 'propose'; readonly pid: number; readonly value: Value }
  | { readonly type: 'deliver'; readonly msgId: number }
  | { readonly type: 'drop'; readonly msgId: number }
  | { readonly type: 'delay'; readonly msgId: number; readonly ticks: number }
  | { readonly type: 'duplicate'; readonly msgId: number }
  | { readonly type: 'crash'; readonly pid: number }
  | { readonly type: 'recover'; readonly pid: number }
  | { readonly type: 'partition'; readonly groups: readonly (readonly number[])[] }
  | { readonly type: 'heal' }
  | { readonly type: 'fire-timer'; readonly pid: number }

export interface ScheduledIntervention {
  /**
   * Applied after step `step` has run (step 0: before the first delivery). `deliver` and
   * `fire-timer` are steps themselves: applying one advances the run to step `step + 1`.
   */
  readonly step: number
  readonly action: Intervention
}

/** The inputs that fully determine a run. */
export interface RunInput {
  readonly seed: number
  readonly config: SimConfig
  readonly interventions: readonly ScheduledIntervention[]
}
