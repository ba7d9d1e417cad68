import type {
  AcceptedPair,
  Ballot,
  Intervention,
  Message,
  ProcessId,
  SimConfig,
  Tick,
  Value,
} from './types.ts'

/** Why a message never arrived. */
export type DropReason = 'loss' | 'user' | 'crash' | 'partition' | 'limit'

/** Proposer phases as shown on the process cards. */
export type ProposerPhase = 'idle' | 'preparing' | 'accepting' | 'waiting' | 'decided' | 'abandoned'

/** The safety rules checked after every step (PAXOS.md). */
export type InvariantRule =
  'agreement' | 'validity' | 'promise-monotonic' | 'no-accept-below-promise' | 'stability'

export type LimitName = 'steps' | 'in-flight' | 'log'

/** The body of an event, discriminated by `kind` (`domain.verb`). */
export type EventBody =
  | { kind: 'run.start'; config: SimConfig; seed: number }
  | { kind: 'proposal.start'; pid: ProcessId; value: Value }
  | { kind: 'msg.send'; msg: Message }
  | { kind: 'msg.deliver'; msg: Message; now: boolean }
  | { kind: 'msg.drop'; msg: Message; reason: DropReason }
  | { kind: 'msg.delay'; msg: Message; byTicks: number }
  | { kind: 'timer.set'; pid: ProcessId; timerId: number; fireAt: Tick; purpose: 'timeout' | 'retry' }
  | { kind: 'timer.fire'; pid: ProcessId; timerId: number; purpose: 'timeout' | 'retry'; now: boolean }
  | { kind: 'proc.crash'; pid: ProcessId }
  | { kind: 'proc.recover'; pid: ProcessId }
  | { kind: 'net.partition'; groups: number[][] }
  | { kind: 'net.heal' }
  | { kind: 'acceptor.promise'; pid: ProcessId; ballot: Ballot; previous: Ballot | null }
  | { kind: 'acceptor.accept'; pid: ProcessId; accepted: AcceptedPair; promised: Ballot | null }
  | { kind: 'acceptor.forget'; pid: ProcessId }
  | {
      kind: 'proposer.phase'
      pid: ProcessId
      phase: ProposerPhase
      ballot: Ballot | null
      value: Value | null
      /** For `accepting`: whose promise the value was adopted from, if any. */
      adoptedFrom: AcceptedPair | null
      /** For `waiting` and `abandoned`: why the ballot failed; for preemption, the higher ballot seen. */
      failure: { reason: 'rejected' | 'timeout' | 'preempted'; higher: Ballot | null } | null
    }
  | { kind: 'learner.decide'; pid: ProcessId; ballot: Ballot; value: Value }
  | { kind: 'value.chosen'; ballot: Ballot; value: Value; acceptors: ProcessId[] }
  | {
      kind: 'invariant.violated'
      rule: InvariantRule
      pids: ProcessId[]
      ballots: Ballot[]
      detail: string
    }
  | { kind: 'intervention.invalid'; action: Intervention; reason: string }
  | { kind: 'limit.reached'; limit: LimitName; value: number }
  | { kind: 'run.quiescent' }

export type EventKind = EventBody['kind']

/** One entry of the event log: the single source of truth for everything on screen. */
export type SimEvent = EventBody & {
  /** Index in the log, from 0. */
  readonly seq: number
  /** The scheduler step this event belongs to (0 = before the first delivery). */
  readonly step: number
  readonly tick: Tick
  /** True when a user intervention (not the scheduler) caused this event. */
  readonly byUser: boolean
  /** Plain-English narration in the lecture's vocabulary. */
  readonly text: string
}

export type EventOf<K extends EventKind> = Extract<SimEvent, { kind: K }>
