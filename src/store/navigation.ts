import { logProtocol, type SimEvent } from '../engine/index.ts'
import { runIndex } from './runIndex.ts'

/**
 * Where the stepping controls take the cursor. A cursor is a scheduler step; every function
 * takes the whole log and the current cursor and returns the new cursor. All pure.
 */

/** The first entry of an ascending list above `x`, or null. */
function after(list: readonly number[], x: number): number | null {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((list[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return list[lo] ?? null
}

/** The last entry of an ascending list below `x`, or null. */
function before(list: readonly number[], x: number): number | null {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((list[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return lo > 0 ? (list[lo - 1] as number) : null
}

/** The end of the run (the last step in the log). */
export const lastStep = (log: readonly SimEvent[]): number => runIndex(log).lastStep

/** One scheduler step forward (the next step that has events). */
export function stepForward(log: readonly SimEvent[], cursor: number): number {
  return after(runIndex(log).steps, cursor) ?? Math.max(cursor, lastStep(log))
}

/** One scheduler step back. */
export function stepBack(log: readonly SimEvent[], cursor: number): number {
  return before(runIndex(log).steps, cursor) ?? 0
}

/** To the end of the current phase: the next step where some proposer changes phase. */
export function phaseForward(log: readonly SimEvent[], cursor: number): number {
  return after(runIndex(log).phaseSteps, cursor) ?? lastStep(log)
}

/** Back to the previous phase change. */
export function phaseBack(log: readonly SimEvent[], cursor: number): number {
  return before(runIndex(log).phaseSteps, cursor) ?? 0
}

/** One whole round: until the current ballot succeeds, fails or is abandoned. */
export function roundForward(log: readonly SimEvent[], cursor: number): number {
  return after(runIndex(log).ballotEnds, cursor) ?? lastStep(log)
}

/** Back to the start of the current round (the latest ballot start before the cursor). */
export function roundBack(log: readonly SimEvent[], cursor: number): number {
  return before(runIndex(log).ballotStarts, cursor) ?? 0
}

/**
 * Run until decided: the first step after the cursor at which every process that is up has
 * decided; failing that, the next step where any process decides; failing that, the end.
 */
export function untilDecided(log: readonly SimEvent[], cursor: number): number {
  const first = log[0]
  const module = logProtocol(log)
  const n = first?.kind === 'run.start' ? module.lanes(first.config).length : 0
  // A protocol whose processes do not each decide one value has no decisions: run to the end.
  const decisions = module.app.decisions
  const deciderIn = (e: SimEvent): number | null => (decisions ? decisions.decider(e) : null)
  const up = new Array<boolean>(n + 1).fill(true)
  const decided = new Array<boolean>(n + 1).fill(false)
  let firstDecide: number | null = null
  const allDecided = (): boolean => up.every((u, p) => p === 0 || !u || decided[p])
  for (let i = 0; i < log.length; i++) {
    const e = log[i] as SimEvent
    const decider = deciderIn(e)
    if (e.kind === 'proc.crash') {
      up[e.pid] = false
      decided[e.pid] = false
    } else if (e.kind === 'proc.recover') up[e.pid] = true
    else if (decider !== null) decided[decider] = true
    if (e.step <= cursor) continue
    const endOfStep = (log[i + 1]?.step ?? Infinity) !== e.step
    if (decider !== null && firstDecide === null) firstDecide = e.step
    if (endOfStep && firstDecide !== null && allDecided()) return e.step
  }
  return firstDecide ?? lastStep(log)
}

/** Clamp a cursor into the run. */
export function clampCursor(log: readonly SimEvent[], cursor: number): number {
  return Math.max(0, Math.min(Math.round(cursor), lastStep(log)))
}
