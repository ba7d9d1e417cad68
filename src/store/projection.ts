import {
  quorumSize,
  type AcceptedPair,
  type Ballot,
  type EventOf,
  type Message,
  type ProposerPhase,
  type SimConfig,
  type SimEvent,
  type Tick,
  type TimerPurpose,
  type Value,
} from '../engine/index.ts'
import { indexLog } from '../timeline/logIndex.ts'
import { applyEvent, freshState, stateBefore, type ReplayState } from './projectionCheckpoints.ts'

/** A field of a process card that can change in a step (for highlighting). */
export type ProcField = 'up' | 'promised' | 'accepted' | 'phase' | 'promises' | 'accepteds' | 'decided'

/** One process as the cards show it, at the cursor. */
export interface ProcView {
  readonly pid: number
  up: boolean
  promised: Ballot | null
  accepted: AcceptedPair | null
  phase: ProposerPhase
  ballot: Ballot | null
  /** The value the proposer is asked to propose (phase 1) or proposes (phase 2). */
  value: Value | null
  ownValue: Value | null
  adoptedFrom: AcceptedPair | null
  /** Who has promised / rejected / accepted the current ballot (pids, ascending). */
  promises: number[]
  rejects: number[]
  accepteds: number[]
  decided: AcceptedPair | null
  timer: { fireAt: Tick; purpose: TimerPurpose } | null
  /** Fields changed by the events of the cursor's step. */
  changed: ProcField[]
}

/** Everything the panels show, derived from the events up to the cursor. */
export interface Projection {
  readonly config: SimConfig | null
  readonly quorum: number
  readonly procs: readonly ProcView[]
  /** In-flight messages, the next to arrive first. */
  readonly inFlight: readonly Message[]
  readonly violations: readonly EventOf<'invariant.violated'>[]
  readonly chosen: readonly EventOf<'value.chosen'>[]
  /** Partition groups, or null when the network is whole. */
  readonly partition: readonly (readonly number[])[] | null
  /** The events of the cursor's step. */
  readonly current: readonly SimEvent[]
}

/** The panels' view of a replay state; `current` is the cursor's step. */
function toProjection(log: readonly SimEvent[], s: ReplayState, current: readonly SimEvent[]): Projection {
  const first = log[0]
  const config = first?.kind === 'run.start' ? first.config : null
  return {
    config,
    quorum: config ? quorumSize(config) : 0,
    procs: s.procs,
    inFlight: [...s.wire.values()].sort(byArrival),
    violations: s.violations,
    chosen: s.chosen,
    partition: s.partition,
    current,
  }
}

const byArrival = (a: Message, b: Message): number => a.deliverAt - b.deliverAt || a.seq - b.seq

/**
 * The reference: replay the first `upto` events from the start, O(upto). `project` must equal it at
 * every `upto` (see the property test). Pure.
 */
export function projectByReplay(log: readonly SimEvent[], upto: number): Projection {
  const first = log[0]
  const s = freshState(first?.kind === 'run.start' ? first.config : null)
  const end = Math.min(upto, log.length)
  const currentStep = end > 0 ? (log[end - 1] as SimEvent).step : -1
  let currentFrom = end
  for (let i = 0; i < end; i++) {
    const e = log[i] as SimEvent
    if (e.step === currentStep && currentFrom === end) currentFrom = i
    applyEvent(s, e, currentStep)
  }
  return toProjection(log, s, log.slice(currentFrom, end))
}

/** The first index in `[0, end)` with a step ≥ `step` (else `end`), in a log sorted by step. */
function firstOfStep(log: readonly SimEvent[], end: number, step: number): number {
  let lo = 0
  let hi = end
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((log[mid] as SimEvent).step < step) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Replay the first `upto` events of the log into the panels' view of the world, from the nearest
 * checkpoint at or before the cursor's step (so `changed` still sees only the step's own events):
 * O(K + the step's events + in-flight + procs), whatever the run's length. Pure for callers.
 */
export function project(log: readonly SimEvent[], upto: number): Projection {
  const end = Math.max(0, Math.min(upto, log.length))
  if (end === 0) return projectByReplay(log, 0)
  const currentStep = (log[end - 1] as SimEvent).step
  const currentFrom = firstOfStep(log, end, currentStep)
  const { state, from } = stateBefore(log, currentFrom)
  for (let i = from; i < end; i++) applyEvent(state, log[i] as SimEvent, currentStep)
  return toProjection(log, state, log.slice(currentFrom, end))
}

let memo: { log: readonly SimEvent[]; upto: number; value: Projection } | null = null

/** `project` with a one-entry cache, so every panel shares one replay per cursor move. */
export function projectCached(log: readonly SimEvent[], upto: number): Projection {
  if (memo && memo.log === log && memo.upto === upto) return memo.value
  const value = project(log, upto)
  memo = { log, upto, value }
  return value
}

/** Where a message stands at the cursor. Pure. */
export type MessageStatus =
  | { readonly state: 'unsent' }
  | { readonly state: 'in-flight'; readonly msg: Message }
  | { readonly state: 'delivered'; readonly msg: Message; readonly step: number }
  | { readonly state: 'dropped'; readonly msg: Message; readonly step: number; readonly reason: string }

/**
 * Where message `id` stands after the first `upto` events: the last of its send, delays, delivery
 * or drop before `upto`. The log index lists the steps those happen in, so only those steps are
 * scanned: O(log n + their events) instead of O(upto). Equals `messageStatusByReplay`. Pure.
 */
export function messageStatus(log: readonly SimEvent[], upto: number, id: number): MessageStatus {
  const end = Math.max(0, Math.min(upto, log.length))
  const rec = indexLog(log).messages[id - 1]
  if (!rec || rec.id !== id || end === 0) return { state: 'unsent' }
  const steps = [rec.sendStep, ...rec.deliverAtChanges.map((c) => c.step), ...(rec.end ? [rec.end.step] : [])]
  for (const step of [...new Set(steps)].sort((a, b) => b - a)) {
    for (let i = Math.min(firstOfStep(log, log.length, step + 1), end) - 1; i >= 0; i--) {
      const e = log[i] as SimEvent
      if (e.step < step) break
      if (e.kind === 'msg.deliver' && e.msg.id === id) return { state: 'delivered', msg: e.msg, step: e.step }
      if (e.kind === 'msg.drop' && e.msg.id === id)
        return { state: 'dropped', msg: e.msg, step: e.step, reason: e.reason }
      if ((e.kind === 'msg.send' || e.kind === 'msg.delay') && e.msg.id === id)
        return { state: 'in-flight', msg: e.msg }
    }
  }
  return { state: 'unsent' }
}

/** The reference for `messageStatus`: a scan of the whole prefix, O(upto). Pure. */
export function messageStatusByReplay(log: readonly SimEvent[], upto: number, id: number): MessageStatus {
  let status: MessageStatus = { state: 'unsent' }
  const end = Math.min(upto, log.length)
  for (let i = 0; i < end; i++) {
    const e = log[i] as SimEvent
    if (e.kind !== 'msg.send' && e.kind !== 'msg.deliver' && e.kind !== 'msg.drop' && e.kind !== 'msg.delay')
      continue
    if (e.msg.id !== id) continue
    if (e.kind === 'msg.deliver') status = { state: 'delivered', msg: e.msg, step: e.step }
    else if (e.kind === 'msg.drop') status = { state: 'dropped', msg: e.msg, step: e.step, reason: e.reason }
    else status = { state: 'in-flight', msg: e.msg }
  }
  return status
}
