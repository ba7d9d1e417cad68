import type { RunEvent } from '../../kernel/module.ts'
import type { MpTypes } from './types.ts'

/**
 * Where each log-grid cell's events sit in a run's log, so a cell's reason reads only its own
 * events (see logGrid.ts `cellWhy`). Kept between the moments of one run and extended by the new
 * events only: the moments' logs are copies of one simulator's log, which only grows, and a fork
 * or a replay replaces its tail with new event objects, so the same object at the end of the part
 * already indexed proves the part is unchanged. Anything else is indexed afresh. The index never
 * changes what is said, only how fast.
 */

type Ev = RunEvent<MpTypes> & { readonly step?: number }

export interface ReasonIndex {
  /** Per `pid|slot`: the positions of that cell's accepts and commits, in order. */
  readonly cells: Map<string, number[]>
  /** Per process: the positions of its crashes, in order (a crash forgets a replica's commits). */
  readonly crashes: Map<number, number[]>
  /** The positions of every leader election, in order. */
  readonly elections: number[]
  /** Per slot: the positions of the observer's `slot.chosen` facts and per-slot agreement violations, in order. */
  readonly chosen: Map<number, number[]>
}

/** The last run indexed: the events indexed (our own copy: the caller's array may be live) and the index. */
let kept: { seen: Ev[]; index: ReasonIndex } | null = null

const push = <K>(map: Map<K, number[]>, key: K, i: number): void => {
  const list = map.get(key)
  if (list) list.push(i)
  else map.set(key, [i])
}

/**
 * The index of `events` (it may cover more: positions at or past `events.length` belong to a
 * later moment of the same run and must be skipped).
 */
export function reasonIndex(events: readonly Ev[]): ReasonIndex {
  const k = kept
  const shared = k ? Math.min(k.seen.length, events.length) : 0
  if (k && (shared === 0 || events[shared - 1] === k.seen[shared - 1])) {
    extend(k.index, k.seen, events)
    return k.index
  }
  const fresh = {
    seen: [],
    index: { cells: new Map(), crashes: new Map(), elections: [], chosen: new Map() },
  }
  extend(fresh.index, fresh.seen, events)
  kept = fresh
  return fresh.index
}

/** Index the events of `events` past the `seen` ones, and remember them as seen. */
function extend(index: ReasonIndex, seen: Ev[], events: readonly Ev[]): void {
  for (let i = seen.length; i < events.length; i++) {
    const e = events[i] as Ev
    seen.push(e)
    if (e.kind === 'acceptor.accept' || e.kind === 'slot.commit') push(index.cells, `${e.pid}|${e.slot}`, i)
    else if (e.kind === 'proc.crash') push(index.crashes, e.pid, i)
    else if (e.kind === 'leader.elected') index.elections.push(i)
    else if (e.kind === 'slot.chosen') push(index.chosen, e.slot, i)
    else if (e.kind === 'invariant.violated' && e.rule === 'slot-agreement') {
      // The observer's violations carry their slot (ghost.ts `MpViolation`); the kernel's type does not.
      const slot = (e as { readonly slot?: number | null }).slot
      if (typeof slot === 'number') push(index.chosen, slot, i)
    }
  }
}
