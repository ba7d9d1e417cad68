/**
 * The kernel's own vocabulary: ids, time, messages on the wire, timers, user interventions and the
 * protocol-neutral events of the log. Nothing here knows what a ballot is. Everything is plain
 * data (JSON-safe), so states can be snapshotted, posted to workers and hashed.
 */

/** A process (lane) number, 1-based: P1..Pn. */
export type ProcessId = number & { readonly __brand: 'ProcessId' }
/** A message id, unique within one run, assigned in send order from 1. */
export type MsgId = number & { readonly __brand: 'MsgId' }
/** Simulated time in integer ticks; only moves forward. */
export type Tick = number & { readonly __brand: 'Tick' }

export const pid = (n: number): ProcessId => n as ProcessId
export const msgId = (n: number): MsgId => n as MsgId
export const tick = (n: number): Tick => n as Tick

/** Every protocol payload is discriminated by `type` (labels, colours and keys are per type). */
export interface PayloadBase {
  readonly type: string
}

/**
 * A message on the wire. The kernel fills every field but `payload`. `inReplyTo` and `broadcastId`
 * are facts the handler stated (a `reply` effect, a `broadcast` effect), so nobody downstream has
 * to guess which request a reply answers or which sends form one broadcast.
 */
export interface Message<Msg extends PayloadBase = PayloadBase> {
  readonly id: MsgId
  readonly from: ProcessId
  readonly to: ProcessId
  readonly payload: Msg
  readonly sentAt: Tick
  readonly deliverAt: Tick
  /** Decided at send time by the loss stream: the network will lose it at `deliverAt`. */
  readonly lost: boolean
  /** Set when this message is a network or user duplicate of another. */
  readonly dupOf: MsgId | null
  /** Scheduling order among items due at the same tick. */
  readonly seq: number
  /** The request this message answers (sent by a `reply` effect), or null. */
  readonly inReplyTo: MsgId | null
  /** Shared by every copy of one `broadcast` effect (the id of its first message), or null. */
  readonly broadcastId: MsgId | null
}

/** A pending timer. At most one per (process, key): setting a key again replaces it. */
/** Processes a run at rest still waits on (see `run.quiescent`), each list ascending. */
export interface Unreachable {
  readonly down: ProcessId[]
  readonly cutOff: ProcessId[]
}

export interface Timer<Key extends string = string> {
  readonly id: number
  readonly pid: ProcessId
  readonly key: Key
  readonly fireAt: Tick
  /** Scheduling order among items due at the same tick. */
  readonly seq: number
}

/**
 * How a delivered message counted, as the receiving handler says: toward which tally (a short
 * id such as `promises 1.2`, shared by every delivery counted toward the same quorum), how many
 * so far and how many are needed; or why it was ignored. Null when counting does not apply
 * (requests, notices).
 */
export type Counted =
  { readonly toward: string; readonly count: number; readonly needed: number } | { readonly ignored: string }

/** A user action, recorded in the scenario with the step at which it happened. */
export type Intervention =
  /** A request to a process, handled by the protocol's `onRequest` (Paxos: propose a value). */
  | { readonly type: 'propose'; readonly pid: number; readonly value: string }
  | { readonly type: 'deliver'; readonly msgId: number }
  | { readonly type: 'drop'; readonly msgId: number }
  | { readonly type: 'delay'; readonly msgId: number; readonly ticks: number }
  | { readonly type: 'duplicate'; readonly msgId: number }
  | { readonly type: 'crash'; readonly pid: number }
  | { readonly type: 'recover'; readonly pid: number }
  | { readonly type: 'partition'; readonly groups: readonly (readonly number[])[] }
  | { readonly type: 'heal' }
  /** Fire the process's timer with `key` now, or its earliest timer when no key is given. */
  | { readonly type: 'fire-timer'; readonly pid: number; readonly key?: string }

export interface ScheduledIntervention {
  /**
   * Applied after step `step` has run (step 0: before the first delivery). `deliver` and
   * `fire-timer` are steps themselves: applying one advances the run to step `step + 1`.
   */
  readonly step: number
  readonly action: Intervention
}

/** The network's part of every protocol's config (the protocol adds its own fields beside these). */
export interface NetworkConfig {
  latencyTicksMin: number
  latencyTicksMax: number
  lossPercent: number
  duplicatePercent: number
  /** Limit on scheduler steps in one run. */
  maxSteps: number
}

/** Why a message never arrived. */
export type DropReason = 'loss' | 'user' | 'crash' | 'partition' | 'limit'

export type LimitName = 'steps' | 'in-flight' | 'log'

/**
 * The events the kernel itself writes, whatever the protocol. A protocol adds its own events
 * (each `{ kind: '<domain>.<verb>', … }`); a log is `LogEvent<KernelEvent | ProtocolEvent>`.
 */
export type KernelEvent<Msg extends PayloadBase = PayloadBase, Config = unknown> =
  | { kind: 'run.start'; config: Config; seed: number }
  /**
   * `byHand` is set (only) on the send of a copy the user made (a Duplicate): the network did not
   * copy it, whatever the run's duplication rate. A copy the network made has `msg.dupOf` alone.
   */
  | { kind: 'msg.send'; msg: Message<Msg>; byHand?: true }
  | { kind: 'msg.deliver'; msg: Message<Msg>; now: boolean; counted: Counted | null }
  | { kind: 'msg.drop'; msg: Message<Msg>; reason: DropReason }
  | { kind: 'msg.delay'; msg: Message<Msg>; byTicks: number }
  | { kind: 'timer.set'; pid: ProcessId; timerId: number; fireAt: Tick; key: string }
  | { kind: 'timer.fire'; pid: ProcessId; timerId: number; key: string; now: boolean }
  /**
   * The process disarmed a pending timer (a `timer.cancel` effect; cancelling a key that is not set
   * logs nothing). With `timer.set` and `timer.fire` it tells when every timer stopped, except the
   * two ways the log already says: setting a key again replaces its timer (the new `timer.set`),
   * and a crash disarms all of the process's timers (`proc.crash`).
   */
  | { kind: 'timer.cancel'; pid: ProcessId; timerId: number; key: string; fireAt: Tick }
  | { kind: 'proc.crash'; pid: ProcessId }
  | { kind: 'proc.recover'; pid: ProcessId }
  | { kind: 'net.partition'; groups: number[][] }
  | { kind: 'net.heal' }
  | { kind: 'intervention.invalid'; action: Intervention; reason: string }
  | { kind: 'limit.reached'; limit: LimitName; value: number }
  /**
   * The run ends: nothing is left to deliver and no timer is set, or (`waitingOn`) all that is
   * left is the protocol retrying toward processes it cannot reach: `down`, or `cutOff` by the
   * partition (see the module's `restsOn`).
   */
  | { kind: 'run.quiescent'; waitingOn?: Unreachable }

/**
 * A broken "always" property. Emitted by the protocol's observer (never by handlers: a process
 * cannot see a global invariant), at most once per distinct violation. Protocols may add fields.
 */
export interface ViolationEvent {
  kind: 'invariant.violated'
  /** The id of the `always` property that broke. */
  rule: string
  pids: ProcessId[]
  detail: string
}

/** What every protocol event has: a `domain.verb` kind. */
export interface EventBase {
  kind: string
}

/** The fields the kernel stamps on every event body when it is logged. */
export interface Stamp {
  /** Index in the log, from 0. */
  readonly seq: number
  /** The scheduler step this event belongs to (0 = before the first delivery). */
  readonly step: number
  readonly tick: Tick
  /** True when a user intervention (not the scheduler) caused this event. */
  readonly byUser: boolean
  /** Plain-English narration in the protocol's vocabulary. */
  readonly text: string
}

/** One entry of the event log: the single source of truth for everything on screen. */
export type LogEvent<Body extends EventBase = EventBase> = Body & Stamp

/** An event as logged before its sentence is made: every field but `text` (each kind's own). */
export type Unnarrated<E> = E extends unknown ? Omit<E, 'text'> : never
