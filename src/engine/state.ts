import { quorumSize } from './config.ts'
import type { ProposerPhase } from './events.ts'
import { streamSeed, type Rng } from './prng.ts'
import type { AcceptedPair, Ballot, Message, ProcessId, SimConfig, Tick, Timer, Value } from './types.ts'

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
  rejects: number
  accepteds: number
  /** Highest round this proposer has seen anywhere, so its next ballot is higher. */
  maxRoundSeen: number
  /** Failed ballots so far, for exponential backoff. */
  attempt: number
  timer: Timer | null
}

/** Learner state: volatile. `tallies` maps `ballot|value` to the bitmask of acceptors heard from. */
export interface LearnerState {
  decided: AcceptedPair | null
  tallies: Record<string, number>
}

export interface ProcState {
  readonly pid: ProcessId
  up: boolean
  acceptor: AcceptorState
  proposer: ProposerState
  learner: LearnerState
}

/** Ghost state for the invariant checker: what really happened, not what any process knows. */
export interface GhostState {
  /** `ballot|value` → bitmask of acceptors that ever accepted it. */
  votes: Record<string, number>
  chosen: AcceptedPair[]
  proposed: Value[]
  /** Highest promise each acceptor ever made (index pid-1). */
  maxPromised: (Ballot | null)[]
  /** Keys of violations already reported, so each is reported once. */
  reported: Record<string, true>
  violations: number
  /** Every learner decision ever made, in order. */
  decisions: { pid: ProcessId; value: Value }[]
}

/** The whole simulator state: plain data, cloned for snapshots. */
export interface SimState {
  readonly config: SimConfig
  readonly seed: number
  readonly quorum: number
  step: number
  tick: Tick
  nextMsgId: number
  nextSeq: number
  nextTimerId: number
  procs: ProcState[]
  inFlight: Message[]
  /** Partition group per process (index pid-1), or null when the network is whole. */
  groups: number[] | null
  rng: { latency: Rng; loss: Rng; duplicate: Rng; backoff: Rng }
  ghost: GhostState
  /** Why the run stopped, once it has. */
  halted: null | 'quiescent' | 'steps' | 'in-flight' | 'log'
}

export function idleProposer(maxRoundSeen = 0): ProposerState {
  return {
    phase: 'idle',
    ballot: null,
    ownValue: null,
    value: null,
    adoptedFrom: null,
    promises: 0,
    highest: null,
    rejects: 0,
    accepteds: 0,
    maxRoundSeen,
    attempt: 0,
    timer: null,
  }
}

export function emptyLearner(): LearnerState {
  return { decided: null, tallies: {} }
}

/** The state before anything happens. Pure. */
export function initialState(config: SimConfig, seed: number): SimState {
  const procs: ProcState[] = []
  for (let i = 1; i <= config.processCount; i++) {
    procs.push({
      pid: i as ProcessId,
      up: true,
      acceptor: { promised: null, accepted: null },
      proposer: idleProposer(),
      learner: emptyLearner(),
    })
  }
  return {
    config,
    seed,
    quorum: quorumSize(config),
    step: 0,
    tick: 0 as Tick,
    nextMsgId: 1,
    nextSeq: 1,
    nextTimerId: 1,
    procs,
    inFlight: [],
    groups: null,
    rng: {
      latency: { state: streamSeed(seed, 'latency') },
      loss: { state: streamSeed(seed, 'loss') },
      duplicate: { state: streamSeed(seed, 'duplicate') },
      backoff: { state: streamSeed(seed, 'backoff') },
    },
    ghost: {
      votes: {},
      chosen: [],
      proposed: [],
      maxPromised: procs.map(() => null),
      reported: {},
      violations: 0,
      decisions: [],
    },
    halted: null,
  }
}

/**
 * Deep copy of a state for snapshots. Ballots, accepted pairs, messages and timers are immutable
 * (replaced, never mutated), so they can be shared between copies and with the event log. With
 * `votes: false` the copy's ghost votes are left empty, for a caller that can rebuild them (the
 * simulator does, from its log: see `votesFromLog`). Pure.
 */
export function cloneState(s: SimState, options: { votes: boolean } = { votes: true }): SimState {
  return {
    ...s,
    procs: s.procs.map((p) => ({
      ...p,
      acceptor: { ...p.acceptor },
      proposer: { ...p.proposer },
      learner: { decided: p.learner.decided, tallies: { ...p.learner.tallies } },
    })),
    inFlight: [...s.inFlight],
    groups: s.groups ? [...s.groups] : null,
    rng: {
      latency: { ...s.rng.latency },
      loss: { ...s.rng.loss },
      duplicate: { ...s.rng.duplicate },
      backoff: { ...s.rng.backoff },
    },
    ghost: {
      votes: options.votes ? { ...s.ghost.votes } : {},
      chosen: [...s.ghost.chosen],
      proposed: [...s.ghost.proposed],
      maxPromised: [...s.ghost.maxPromised],
      reported: { ...s.ghost.reported },
      violations: s.ghost.violations,
      decisions: [...s.ghost.decisions],
    },
  }
}

/** Number of set bits: the size of a quorum bitmask. Pure. */
export function popcount(mask: number): number {
  let n = 0
  let m = mask
  while (m !== 0) {
    m &= m - 1
    n++
  }
  return n
}

/** The process ids in a bitmask, ascending. Pure. */
export function maskToPids(mask: number): ProcessId[] {
  const out: ProcessId[] = []
  for (let i = 1; i < 31; i++) if (mask & (1 << i)) out.push(i as ProcessId)
  return out
}
