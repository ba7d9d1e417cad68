import { invariantTitle, type EventOf, type SimEvent } from '../engine/index.ts'

/**
 * Indexes over a whole event log, computed once per log array (the store replaces the array
 * whenever it changes, so the array identity is a sound cache key). All functions are pure.
 */

/** A mark on the scrubber. */
export interface RunMark {
  readonly step: number
  readonly kind: 'ballot' | 'chosen' | 'decided' | 'crash' | 'violation'
  readonly label: string
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
  readonly lastStep: number
}

const cache = new WeakMap<readonly SimEvent[], RunIndex>()

const pushStep = (list: number[], step: number): void => {
  if (list[list.length - 1] !== step) list.push(step)
}

function markOf(e: SimEvent): RunMark | null {
  switch (e.kind) {
    case 'proposer.phase':
      return e.phase === 'preparing'
        ? { step: e.step, kind: 'ballot', label: `P${e.pid} starts a ballot` }
        : null
    case 'value.chosen':
      return { step: e.step, kind: 'chosen', label: `value ${e.value} chosen` }
    case 'learner.decide':
      return { step: e.step, kind: 'decided', label: `P${e.pid} decides ${e.value}` }
    case 'proc.crash':
      return { step: e.step, kind: 'crash', label: `P${e.pid} crashes` }
    case 'invariant.violated':
      return { step: e.step, kind: 'violation', label: `Violated: ${invariantTitle(e.rule)}` }
    default:
      return null
  }
}

function build(log: readonly SimEvent[]): RunIndex {
  const steps: number[] = []
  const phaseSteps: number[] = []
  const ballotStarts: number[] = []
  const ballotEnds: number[] = []
  const marks: RunMark[] = []
  const sends = new Map<number, EventOf<'msg.send'>>()
  for (const e of log) {
    pushStep(steps, e.step)
    if (e.kind === 'msg.send') sends.set(e.msg.id, e)
    if (e.kind === 'proposer.phase') {
      pushStep(phaseSteps, e.step)
      if (e.phase === 'preparing') pushStep(ballotStarts, e.step)
      if (e.phase === 'decided' || e.phase === 'waiting' || e.phase === 'abandoned')
        pushStep(ballotEnds, e.step)
    }
    const m = markOf(e)
    const last = marks[marks.length - 1]
    if (m && !(last && last.step === m.step && last.kind === m.kind)) marks.push(m)
  }
  return { steps, phaseSteps, ballotStarts, ballotEnds, marks, sends, lastStep: steps.at(-1) ?? 0 }
}

/** The index of a log, memoized by array identity. Pure (the cache is invisible). */
export function runIndex(log: readonly SimEvent[]): RunIndex {
  let idx = cache.get(log)
  if (!idx) {
    idx = build(log)
    cache.set(log, idx)
  }
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
