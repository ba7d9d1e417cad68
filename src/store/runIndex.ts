import {
  logProtocol,
  ruleTitle,
  type AnyProtocol,
  type EventOf,
  type ScrubMark,
  type SimEvent,
} from '../engine/index.ts'

/**
 * Indexes over a whole event log, computed once per log array (the store replaces the array
 * whenever it changes, so the array identity is a sound cache key). As a run streams in, the store
 * makes each new log by appending a batch to the previous one (`concat`): the index of the longer
 * log then extends the previous index with the new events only, so loading a long run costs time
 * linear in its length, not quadratic. The lists are append-only and shared along one such chain
 * (an index handed out earlier sees the later entries appended; the cache entry of the shorter log
 * is dropped, so asking for it again builds it afresh). Pure to callers.
 */

/** A mark on the scrubber. */
export interface RunMark {
  readonly step: number
  readonly kind: 'ballot' | 'chosen' | 'decided' | 'crash' | 'violation'
  readonly label: string
}

/** A value the protocol reports chosen, with the sentence of the event that says so. */
export interface ChosenValue {
  readonly step: number
  readonly value: string
  readonly text: string
}

export interface RunIndex {
  /** The distinct steps of the log, ascending. */
  readonly steps: readonly number[]
  /** Steps where some proposer changes phase. */
  readonly phaseSteps: readonly number[]
  /** Steps where a ballot starts (phase 1 begins). */
  readonly ballotStarts: readonly number[]
  /** Steps where a ballot ends: it succeeds (decided) or is abandoned/fails. */
  readonly ballotEnds: readonly number[]
  readonly marks: readonly RunMark[]
  /** The `msg.send` of each message id. */
  readonly sends: ReadonlyMap<number, EventOf<'msg.send'>>
  /** Per message id, the positions in the log of its send, delays, delivery or drop, in order. */
  readonly messageEvents: ReadonlyMap<number, readonly number[]>
  /** Every violation the observer reported, in log order. */
  readonly violations: readonly EventOf<'invariant.violated'>[]
  /** Every value chosen (a quorum accepted it), in log order, as the protocol module reports it. */
  readonly chosen: readonly ChosenValue[]
  /** Crashes and recoveries, in log order. */
  readonly upChanges: readonly { readonly step: number; readonly pid: number; readonly up: boolean }[]
  /** Partitions (their groups) and heals (null), in log order. */
  readonly partitions: readonly {
    readonly step: number
    readonly groups: readonly (readonly number[])[] | null
  }[]
  readonly lastStep: number
}

const cache = new WeakMap<readonly SimEvent[], RunIndex>()

const pushStep = (list: number[], step: number): void => {
  if (list[list.length - 1] !== step) list.push(step)
}

/** A fault the kernel logs, or a violation, as a mark on the scrubber; else null. */
function kernelMarkOf(module: AnyProtocol, e: SimEvent): RunMark | null {
  switch (e.kind) {
    case 'proc.crash':
      return { step: e.step, kind: 'crash', label: `P${e.pid} crashes` }
    case 'invariant.violated':
      return { step: e.step, kind: 'violation', label: `Violated: ${ruleTitle(module, e.rule)}` }
    default:
      return null
  }
}

const RUN_MARK_OF_SCRUB: Record<ScrubMark['kind'], RunMark['kind']> = {
  attempt: 'ballot',
  progress: 'chosen',
  decide: 'decided',
}

/** A protocol module's own mark on the scrubber (a ballot, a campaign, a chosen value, a decision), or null. */
function moduleMarkOf(module: AnyProtocol, config: unknown, e: SimEvent): RunMark | null {
  const m = module.app.scrubMark(e, config)
  return m && { step: e.step, kind: RUN_MARK_OF_SCRUB[m.kind], label: m.label }
}

/** The mutable lists behind an index, extended event by event, and the run's protocol. */
interface Builder {
  readonly module: AnyProtocol
  readonly config: unknown
  readonly steps: number[]
  readonly phaseSteps: number[]
  readonly ballotStarts: number[]
  readonly ballotEnds: number[]
  readonly marks: RunMark[]
  readonly sends: Map<number, EventOf<'msg.send'>>
  readonly messageEvents: Map<number, number[]>
  readonly violations: EventOf<'invariant.violated'>[]
  readonly chosen: ChosenValue[]
  readonly upChanges: { step: number; pid: number; up: boolean }[]
  readonly partitions: { step: number; groups: readonly (readonly number[])[] | null }[]
}

const emptyBuilder = (log: readonly SimEvent[]): Builder => {
  const first = log[0]
  return {
    module: logProtocol(log),
    config: first?.kind === 'run.start' ? first.config : null,
    steps: [],
    phaseSteps: [],
    ballotStarts: [],
    ballotEnds: [],
    marks: [],
    sends: new Map(),
    messageEvents: new Map(),
    violations: [],
    chosen: [],
    upChanges: [],
    partitions: [],
  }
}

/** Note the kernel's facts a panel reads at any cursor (the run's messages, faults, verdicts). */
function noteFacts(b: Builder, e: SimEvent, i: number): void {
  switch (e.kind) {
    case 'msg.send':
    case 'msg.delay':
    case 'msg.deliver':
    case 'msg.drop': {
      const list = b.messageEvents.get(e.msg.id)
      if (list) list.push(i)
      else b.messageEvents.set(e.msg.id, [i])
      return
    }
    case 'invariant.violated':
      return void b.violations.push(e)
    case 'proc.crash':
    case 'proc.recover':
      return void b.upChanges.push({ step: e.step, pid: e.pid, up: e.kind === 'proc.recover' })
    case 'net.partition':
      return void b.partitions.push({ step: e.step, groups: e.groups })
    case 'net.heal':
      return void b.partitions.push({ step: e.step, groups: null })
    default: {
      // A value chosen is the protocol's fact (Paxos's `value.chosen`): its module says so.
      const value = b.module.app.chosenValue(e)
      if (value !== null) b.chosen.push({ step: e.step, value, text: e.text })
    }
  }
}

/** Add the events `log[from..]` to the lists. */
function extend(b: Builder, log: readonly SimEvent[], from: number): void {
  const { module, config, steps, phaseSteps, ballotStarts, ballotEnds, marks, sends } = b
  const app = module.app
  for (let i = from; i < log.length; i++) {
    const e = log[i] as SimEvent
    pushStep(steps, e.step)
    if (e.kind === 'msg.send') sends.set(e.msg.id, e)
    noteFacts(b, e, i)
    // The protocol module says where its phases and rounds (a ballot; a slot's commit) are.
    if (app.phaseStart(e)) pushStep(phaseSteps, e.step)
    if (app.roundStart(e)) pushStep(ballotStarts, e.step)
    if (app.roundEnd(e)) pushStep(ballotEnds, e.step)
    const m = kernelMarkOf(module, e) ?? moduleMarkOf(module, config, e)
    const last = marks[marks.length - 1]
    if (m && !(last && last.step === m.step && last.kind === m.kind)) marks.push(m)
  }
}

const indexOf = (b: Builder): RunIndex => ({
  steps: b.steps,
  phaseSteps: b.phaseSteps,
  ballotStarts: b.ballotStarts,
  ballotEnds: b.ballotEnds,
  marks: b.marks,
  sends: b.sends,
  messageEvents: b.messageEvents,
  violations: b.violations,
  chosen: b.chosen,
  upChanges: b.upChanges,
  partitions: b.partitions,
  lastStep: b.steps.at(-1) ?? 0,
})

/** The index of `log` built from scratch, in one pass. Pure. */
export function buildRunIndex(log: readonly SimEvent[]): RunIndex {
  const b = emptyBuilder(log)
  extend(b, log, 0)
  return indexOf(b)
}

/** The most recently indexed log and its lists, which a log extending it may continue. */
let latest: { log: readonly SimEvent[]; builder: Builder } | null = null

/** True when `log` begins with all of `prev` (it was made by appending to it). */
function extendsLog(log: readonly SimEvent[], prev: readonly SimEvent[]): boolean {
  const n = prev.length
  return n > 0 && log.length >= n && log[0] === prev[0] && log[n - 1] === prev[n - 1]
}

/** The index of a log, memoized by array identity and extended as the log grows. Pure to callers. */
export function runIndex(log: readonly SimEvent[]): RunIndex {
  const cached = cache.get(log)
  if (cached) return cached
  let builder: Builder
  if (latest && extendsLog(log, latest.log)) {
    builder = latest.builder
    extend(builder, log, latest.log.length)
    // The shorter log's index now holds later entries too: forget it, so it is rebuilt if asked.
    cache.delete(latest.log)
  } else {
    builder = emptyBuilder(log)
    extend(builder, log, 0)
  }
  latest = { log, builder }
  const idx = indexOf(builder)
  cache.set(log, idx)
  return idx
}

/** How many events belong to steps ≤ `step` (the log is ordered by step). Binary search; pure. */
export function eventsThrough(log: readonly SimEvent[], step: number): number {
  let lo = 0
  let hi = log.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((log[mid] as SimEvent).step <= step) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The index of the first event of `step`'s batch (events of steps < `step`). Pure. */
export function eventsBefore(log: readonly SimEvent[], step: number): number {
  return eventsThrough(log, step - 1)
}

/** How many entries of a list in step order happened at steps ≤ `step`. Binary search; pure. */
export function countThrough(list: readonly { readonly step: number }[], step: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((list[mid] as { step: number }).step <= step) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The violations reported at steps ≤ `step`. Pure. */
export const violationsThrough = (
  log: readonly SimEvent[],
  step: number,
): readonly EventOf<'invariant.violated'>[] => {
  const v = runIndex(log).violations
  return v.slice(0, countThrough(v, step))
}

/** The values chosen at steps ≤ `step`. Pure. */
export const chosenThrough = (log: readonly SimEvent[], step: number): readonly ChosenValue[] => {
  const c = runIndex(log).chosen
  return c.slice(0, countThrough(c, step))
}

/** The processes down at the end of step `step`, ascending. Pure. */
export function downThrough(log: readonly SimEvent[], step: number): number[] {
  const changes = runIndex(log).upChanges
  const down = new Set<number>()
  for (let i = 0, n = countThrough(changes, step); i < n; i++) {
    const c = changes[i] as { pid: number; up: boolean }
    if (c.up) down.delete(c.pid)
    else down.add(c.pid)
  }
  return [...down].sort((a, b) => a - b)
}

/** The partition groups at the end of step `step`, or null when the network is whole. Pure. */
export function partitionThrough(
  log: readonly SimEvent[],
  step: number,
): readonly (readonly number[])[] | null {
  const p = runIndex(log).partitions
  const n = countThrough(p, step)
  return n === 0 ? null : (p[n - 1] as { groups: readonly (readonly number[])[] | null }).groups
}
