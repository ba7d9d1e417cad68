import type { SimEvent } from '../engine/index.ts'
import { eventsThrough } from './runIndex.ts'

export interface MessageCounts {
  readonly total: number
  /** `[type, count]`, most sent first (ties by type). */
  readonly byType: readonly (readonly [string, number])[]
}

/** Events between two kept running counts: a count reads at most this many events. */
export const COUNT_CHECKPOINT_EVENTS = 2048

/** The running counts of one log: `checkpoints[k]` counts the first `k × COUNT_CHECKPOINT_EVENTS` events. */
interface LogCounts {
  readonly checkpoints: { readonly total: number; readonly counts: ReadonlyMap<string, number> }[]
  readonly byCursor: Map<number, MessageCounts>
}

const cache = new WeakMap<readonly SimEvent[], LogCounts>()

/** Adds the sends of `log[from, to)` into `counts`; returns how many there were. */
function countSends(log: readonly SimEvent[], from: number, to: number, counts: Map<string, number>): number {
  let total = 0
  for (let i = from; i < to; i++) {
    const e = log[i] as SimEvent
    if (e.kind !== 'msg.send') continue
    total++
    counts.set(e.msg.payload.type, (counts.get(e.msg.payload.type) ?? 0) + 1)
  }
  return total
}

/**
 * Messages sent up to the end of step `cursor`, by payload type (network and user duplicates
 * included: they cross the wire too). Any protocol: only `msg.send` is read. Pure (memoized by log
 * and cursor). A count starts from the running count kept every `COUNT_CHECKPOINT_EVENTS` events,
 * so a scrub over a 58,000-event run reads a few thousand events per cursor, not all before it.
 */
export function messageCounts(log: readonly SimEvent[], cursor: number): MessageCounts {
  let kept = cache.get(log)
  if (!kept) {
    kept = { checkpoints: [{ total: 0, counts: new Map() }], byCursor: new Map() }
    cache.set(log, kept)
  }
  const hit = kept.byCursor.get(cursor)
  if (hit) return hit
  const end = eventsThrough(log, cursor)
  const { checkpoints } = kept
  const k = Math.floor(end / COUNT_CHECKPOINT_EVENTS)
  while (checkpoints.length <= k) {
    const last = checkpoints[checkpoints.length - 1] as LogCounts['checkpoints'][number]
    const from = (checkpoints.length - 1) * COUNT_CHECKPOINT_EVENTS
    const counts = new Map(last.counts)
    const total = last.total + countSends(log, from, from + COUNT_CHECKPOINT_EVENTS, counts)
    checkpoints.push({ total, counts })
  }
  const base = checkpoints[k] as LogCounts['checkpoints'][number]
  const counts = new Map(base.counts)
  const total = base.total + countSends(log, k * COUNT_CHECKPOINT_EVENTS, end, counts)
  const byType = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const value = { total, byType }
  kept.byCursor.set(cursor, value)
  return value
}
