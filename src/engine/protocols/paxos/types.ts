/**
 * Single-decree Paxos as taught in the lecture: its messages, per-process state (acceptor,
 * proposer, learner), config, log events and ghost state. Vocabulary follows the lecture and
 * Lamport. Plain data throughout.
 */
import type { ProtocolTypes } from '../../kernel/module.ts'
import type { NetworkConfig, ProcessId, ViolationEvent } from '../../kernel/types.ts'

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

/** The deliberately broken variants (docs/PAXOS.md), one toggle each. */
export interface BugToggles {
  /** The proposer ignores values reported in promises and proposes its own. */
  ignorePriorValues: boolean
  /** The acceptor accepts `accept(n, v)` even when n < promised. */
  acceptBelowPromise: boolean
  /** The acceptor forgets `promised` and `accepted` when it crashes (no stable storage). */
  amnesiaOnCrash: boolean
  /**
   * Quorums too small to intersect: the broken variant that may run q1 + q2 ≤ n. Without `q1`
   * and `q2` (format 1), both quorums are ⌊n/2⌋.
   */
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

export interface SimConfig extends NetworkConfig {
  processCount: number
  /** A proposer abandons a ballot that has not succeeded after this many ticks. */
  proposerTimeoutTicks: number
  retry: RetryConfig
  learnerMode: LearnerMode
  bugs: BugToggles
  /**
   * Flexible Paxos: the phase-1 quorum size (promises a proposer needs), 1..processCount. Absent:
   * a majority (so configs without it, every format-1 link included, run exactly as before).
   */
  q1?: number
  /** The phase-2 quorum size (accepts that choose a value), 1..processCount. Absent: a majority. */
  q2?: number
}

export type MsgType = 'prepare' | 'promise' | 'reject' | 'accept' | 'accepted' | 'decide' | 'learned'

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
  /** A learner's acknowledgement of `decide`: it knows this decision (its own, as it stands). */
  | { readonly type: 'learned'; readonly ballot: Ballot; readonly value: Value }

/**
 * A process's timers: the proposer's two (give up on a ballot, or retry after a failed one) and
 * the decider's `inform` (re-send `decide` to every process that has not acknowledged it).
 */
export type TimerPurpose = 'timeout' | 'retry' | 'inform'

/** Proposer phases as shown on the process cards. */
export type ProposerPhase = 'idle' | 'preparing' | 'accepting' | 'waiting' | 'decided' | 'abandoned'

/** The safety rules checked after every step (the `always` properties). */
export type InvariantRule =
  'agreement' | 'validity' | 'promise-monotonic' | 'no-accept-below-promise' | 'stability'

/** Why a proposer's ballot failed; for preemption, the higher ballot seen. */
export interface Failure {
  readonly reason: 'rejected' | 'timeout' | 'preempted'
  readonly higher: Ballot | null
}

/** Paxos's own log events. */
export type PaxosEvent =
  | { kind: 'proposal.start'; pid: ProcessId; value: Value }
  | { kind: 'acceptor.promise'; pid: ProcessId; ballot: Ballot; previous: Ballot | null }
  | { kind: 'acceptor.accept'; pid: ProcessId; accepted: AcceptedPair; promised: Ballot | null }
  | { kind: 'acceptor.forget'; pid: ProcessId }
  /** A recovered acceptor's state as read back from stable storage (what it really kept). */
  | { kind: 'acceptor.restore'; pid: ProcessId; promised: Ballot | null; accepted: AcceptedPair | null }
  | {
      kind: 'proposer.phase'
      pid: ProcessId
      phase: ProposerPhase
      ballot: Ballot | null
      value: Value | null
      /** For `accepting`: whose promise the value was adopted from, if any. */
      adoptedFrom: AcceptedPair | null
      /** The value the user asked this proposer to propose (narration: "its own value"). */
      ownValue: Value | null
      /**
       * For `accepting` under the ignore-prior-values bug: the highest accepted pair the counted
       * promises reported, which the proposer ignored, and who reported it (else null).
       */
      ignored: { readonly pair: AcceptedPair; readonly from: ProcessId } | null
      /** For `waiting` and `abandoned`: why the ballot failed. */
      failure: Failure | null
    }
  | { kind: 'learner.decide'; pid: ProcessId; ballot: Ballot; value: Value }
  /**
   * A recovered process read its decision back from stable storage; `waiting` lists the processes
   * it, as the decider, has still to hear an acknowledgement from (empty when it is not the decider
   * or everyone has acknowledged).
   */
  | { kind: 'learner.restore'; pid: ProcessId; decided: AcceptedPair; waiting: ProcessId[] }
  /**
   * `all` mode: a decider heard the `decide` of a decider that outranks it (`to`) and leaves the
   * re-sending of `value` to that one.
   */
  | { kind: 'learner.handover'; pid: ProcessId; to: ProcessId; value: Value }
  | { kind: 'value.chosen'; ballot: Ballot; value: Value; acceptors: ProcessId[] }
  | PaxosViolation

/** A violation names the ballots involved, for the diagram's highlight. */
export interface PaxosViolation extends ViolationEvent {
  rule: InvariantRule
  ballots: Ballot[]
}

/** Acceptor state: lives on stable storage and survives crashes (unless the amnesia bug is on). */
export interface AcceptorState {
  promised: Ballot | null
  accepted: AcceptedPair | null
}

/** Proposer progress: volatile, lost on crash. Quorum members are bitmasks over process ids. */
export interface ProposerState {
  phase: ProposerPhase
  ballot: Ballot | null
  /** The value the user asked this process to propose. */
  ownValue: Value | null
  /** The value sent in phase 2 (own or adopted). */
  value: Value | null
  adoptedFrom: AcceptedPair | null
  promises: number
  /** Highest-ballot accepted pair reported by the promises so far. */
  highest: AcceptedPair | null
  /** Who reported `highest` (0: nobody), so the narration can name it. */
  highestFrom: number
  rejects: number
  accepteds: number
  /** Highest round this proposer has seen anywhere, so its next ballot is higher. */
  maxRoundSeen: number
  /** Failed ballots so far, for exponential backoff. */
  attempt: number
}

/**
 * Learner state. The decision is on stable storage (it survives a crash), and so is `informed`,
 * the decider's record of who has acknowledged it. `tallies` (`ballot|value` → bitmask of
 * acceptors heard from, `all` mode) is volatile.
 */
export interface LearnerState {
  decided: AcceptedPair | null
  tallies: Record<string, number>
  /**
   * Only at the decider (the process whose proposer saw a quorum accept): the bitmask of processes
   * known to have learned the decision, itself included. 0 at every other process.
   */
  informed: number
  /**
   * Only at a decider: the processes that answered its `decide` with another value (they decided
   * differently, which only a broken variant allows). It stops telling them, and never counts them
   * as having learned its value.
   */
  disagreed: number
}

/** One process plays all three roles. */
export interface PaxosProc {
  acceptor: AcceptorState
  proposer: ProposerState
  learner: LearnerState
}

/** Ghost state for the invariant checker: what really happened, not what any process knows. */
export interface GhostState {
  /** The quorum size, fixed for the run. */
  readonly quorum: number
  /** `ballot|value` → bitmask of acceptors that ever accepted it. */
  votes: Record<string, number>
  chosen: AcceptedPair[]
  proposed: Value[]
  /** Highest promise each acceptor ever made (index pid-1). */
  maxPromised: (Ballot | null)[]
  /** Keys of violations already reported, so each is reported once. */
  reported: Record<string, true>
  /** Every learner decision ever made, in order. */
  decisions: { pid: ProcessId; value: Value }[]
}

/** The types Paxos declares to the kernel. */
export interface PaxosTypes extends ProtocolTypes {
  readonly Msg: Payload
  readonly Proc: PaxosProc
  readonly TimerKey: TimerPurpose
  readonly Config: SimConfig
  readonly Event: PaxosEvent
  readonly Ghost: GhostState
}
