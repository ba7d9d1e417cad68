import {
  LIMITS,
  paxos,
  type AnyProtocol,
  type DropReason,
  type Payload,
  type SimEvent,
  type Value,
} from '../engine/index.ts'
import { BALLOT_HUE_COUNT, type ArrowKind } from './palette.ts'

/** How and when a message left the wire. */
export interface MessageEnd {
  readonly kind: 'deliver' | 'drop'
  readonly step: number
  readonly tick: number
  readonly reason: DropReason | null
}

/** One message of the run: its `msg.send` joined with its delay, delivery or drop by id. */
export interface MessageRecord {
  readonly id: number
  readonly from: number
  readonly to: number
  readonly payload: Payload
  readonly dupOf: number | null
  /** Shared by the copies of one broadcast (the engine's fact), or null. */
  readonly broadcastId: number | null
  readonly sentAt: number
  readonly sendStep: number
  /** `deliverAt` as it changed over the run: the send, then each `msg.delay`, in step order. */
  readonly deliverAtChanges: readonly { readonly step: number; readonly deliverAt: number }[]
  readonly end: MessageEnd | null
  /** The farthest tick this arrow reaches at any cursor (for view culling). */
  readonly spanEndTick: number
  /** The reply that answered this request, or the request this reply answers. */
  readonly replyId: number | null
  readonly requestId: number | null
  /** Replies to the same request broadcast (same receiver, same colour key) share this key (a quorum). */
  readonly quorumKey: string | null
  /** The colour of its colour key (Paxos: its ballot), or null for a message without one. */
  readonly hue: number | null
  readonly label: string
  /** The label as a screen reader should say it (the module's words where `label` has a symbol). */
  readonly spokenLabel: string
  /** How it is drawn, from what the module says the message type means. */
  readonly kind: ArrowKind
  /** Background chatter (heartbeats): drawn thin and unlabelled unless focused. */
  readonly quiet: boolean
  /** The narration of the send, for screen readers. */
  readonly text: string
}

export type MarkKind =
  'ballot' | 'adopt' | 'ballot-failed' | 'decide' | 'chosen' | 'violation' | 'crash' | 'recover'

/** A point event drawn on a lane (pid) or across all lanes (pid null). */
export interface MarkRecord {
  readonly kind: MarkKind
  readonly seq: number
  readonly step: number
  readonly tick: number
  readonly pid: number | null
  /** Lanes the mark concerns (a violation's processes, a chosen value's acceptors). */
  readonly pids: readonly number[]
  readonly label: string
  readonly text: string
  readonly hue: number | null
}

/** A stretch of time, open (`to* === null`) until the closing event. */
export interface Interval {
  readonly fromStep: number
  readonly fromTick: number
  toStep: number | null
  toTick: number | null
}
export interface DownInterval extends Interval {
  readonly pid: number
  /** Log position of the crash, to order it against other events of the same step. */
  readonly fromSeq: number
}
export interface PartitionInterval extends Interval {
  readonly groups: readonly (readonly number[])[]
}

/** How and when a timer stopped counting down. */
export interface TimerEnd {
  readonly kind: 'fire' | 'cancel' | 'replaced' | 'crash'
  readonly step: number
  readonly tick: number
}

/** One timer the module names (`narration.timerCountdown`), from its `timer.set` to its end. */
export interface TimerRecord {
  readonly pid: number
  readonly key: string
  readonly setStep: number
  readonly setTick: number
  readonly fireAt: number
  /** Null while it is pending at the end of the log so far. */
  readonly end: TimerEnd | null
  readonly label: string
  readonly text: string
  readonly quiet: boolean
}

/**
 * A proposer's phase change as the module notes it for the lane headers (`AppFace.laneNote`): the
 * ballot it now runs, in words with its colour key, or null when it runs none.
 */
export interface PhaseRecord {
  readonly seq: number
  readonly step: number
  readonly running: { readonly text: string; readonly colourKey: string } | null
}

/**
 * Everything the diagram needs, precomputed once per log and extended in place as the log grows,
 * so that per-cursor work is a few binary searches plus the visible items.
 */
export interface LogIndex {
  /** The protocol module that wrote the log: its words label and colour the diagram. */
  module: AnyProtocol
  eventCount: number
  processCount: number
  /** Messages by id − 1: sorted by send step and by send tick. */
  readonly messages: MessageRecord[]
  /** Ids of messages that spanned more than `normalSpanTicks` (user delays): checked separately. */
  readonly longIds: number[]
  normalSpanTicks: number
  readonly marks: MarkRecord[]
  readonly down: DownInterval[]
  readonly partitions: PartitionInterval[]
  readonly phases: Map<number, PhaseRecord[]>
  /** Each process's decisions (the module's lane notes), in order. */
  readonly decisions: Map<number, { readonly seq: number; readonly step: number; readonly value: Value }[]>
  readonly ballotHues: Map<string, number>
  readonly quorums: Map<string, number[]>
  /** The duplicates of each message that has any. */
  readonly copies: Map<number, number[]>
  /** The largest tick anything in the log reaches. */
  maxTick: number
  /** The message delivered most recently, to link the replies its handler sends in the same step. */
  lastDelivery: { step: number; msg: MessageRecord } | null
  /** The run's config (from `run.start`), for the module's words about timers. */
  config: unknown
  /** Timers the module names, in `timer.set` order (see timers.ts). */
  readonly timers: TimerRecord[]
  /** The pending ones by `pid|key` while the index is built. */
  readonly openTimers: Map<string, TimerRecord>
}

/** An index entry while it is being built (the exported shapes are read-only). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }
export type MutableRecord = Mutable<MessageRecord> & {
  deliverAtChanges: { step: number; deliverAt: number }[]
}

export const emptyIndex = (module: AnyProtocol = paxos): LogIndex => ({
  module,
  eventCount: 0,
  processCount: 0,
  messages: [],
  longIds: [],
  normalSpanTicks: LIMITS.latencyTicksMax,
  marks: [],
  down: [],
  partitions: [],
  phases: new Map(),
  decisions: new Map(),
  ballotHues: new Map(),
  quorums: new Map(),
  copies: new Map(),
  maxTick: 0,
  lastDelivery: null,
  config: null,
  timers: [],
  openTimers: new Map(),
})

/** The hue of a colour key (a module's `colourKey`): the next palette slot at its first appearance. */
export function hueOfKey(idx: LogIndex, key: string): number {
  let hue = idx.ballotHues.get(key)
  if (hue === undefined) {
    hue = idx.ballotHues.size % BALLOT_HUE_COUNT
    idx.ballotHues.set(key, hue)
  }
  return hue
}

/** Index of the last element with `key(el) <= value` in an array sorted by key, or −1. Pure. */
export function lastAtMost<T>(arr: readonly T[], value: number, key: (el: T) => number): number {
  let lo = 0
  let hi = arr.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const el = arr[mid] as T
    if (key(el) <= value) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** The tick of the cursor: the tick of the last event with step ≤ `cursorStep` (0 before any). Pure. */
export function tickAtStep(log: readonly SimEvent[], cursorStep: number): number {
  const i = lastAtMost(log, cursorStep, (e) => e.step)
  return i < 0 ? 0 : (log[i]?.tick ?? 0)
}
