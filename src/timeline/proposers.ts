import type { LogIndex } from './logIndex.ts'
import type { ArrowKind } from './palette.ts'

/**
 * Lecture colours give each proposer one colour for the whole run. Slots go by the order in which
 * processes first act as proposers, so the first two proposers always get the two most distinct
 * colours (blue, then orange) whatever their ids. O(processes). Pure.
 */
export function proposerSlots(index: LogIndex): ReadonlyMap<number, number> {
  const slots = new Map<number, number>()
  for (const pid of index.phases.keys()) slots.set(pid, slots.size)
  return slots
}

/** The proposer a message belongs to: the sender of a request or decide, the receiver of a reply. Pure. */
export function proposerOf(kind: ArrowKind, from: number, to: number): number {
  return kind === 'ack' || kind === 'reject' ? to : from
}
