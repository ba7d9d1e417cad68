import type { SimEvent } from '../engine/index.ts'
import { eventsThrough } from './runIndex.ts'

export interface MessageCounts {
  readonly total: number
  /** `[type, count]`, most sent first (ties by type). */
  readonly byType: readonly (readonly [string, number])[]
}

const cache = new WeakMap<readonly SimEvent[], Map<number, MessageCounts>>()

/**
 * Messages sent up to the end of step `cursor`, by payload type (network and user duplicates
 * included: they cross the wire too). Any protocol: only `msg.send` is read. Pure (memoized by log
 * and cursor).
 */
export function messageCounts(log: readonly SimEvent[], cursor: number): MessageCounts {
  let byCursor = cache.get(log)
  if (!byCursor) {
    byCursor = new Map()
    cache.set(log, byCursor)
  }
  const hit = byCursor.get(cursor)
  if (hit) return hit
  const counts = new Map<string, number>()
  let total = 0
  const end = eventsThrough(log, cursor)
  for (let i = 0; i < end; i++) {
    const e = log[i] as SimEvent
    if (e.kind !== 'msg.send') continue
    total++
    counts.set(e.msg.payload.type, (counts.get(e.msg.payload.type) ?? 0) + 1)
  }
  const byType = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const value = { total, byType }
  byCursor.set(cursor, value)
  return value
}
