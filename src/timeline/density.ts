import { candidateRange, deliverAtAt, sentCount } from './arrows.ts'
import type { LogIndex, MarkKind, MarkRecord, MessageRecord } from './logIndex.ts'

/**
 * Level of detail. A view that holds more arrows than anyone can tell apart (a 9-process run with
 * every message duplicated puts hundreds in one default-zoom window, and fitting a long run puts
 * the whole run there) is drawn as *traffic*: per lane and per few pixels of time, how many
 * messages that lane sent or received, as a heat strip. The DOM stays a handful of paths whatever
 * the run, so no render can grow with the run. Zooming in brings the arrows back.
 */

/** More arrows than this in view are drawn as traffic (about 9 DOM nodes per arrow). */
export const DETAIL_ARROWS_MAX = 300
/** More lane marks than this in view are thinned: one per lane and MARK_BIN_PX, most important first. */
export const DETAIL_MARKS_MAX = 120
/** Width of one traffic cell, in content pixels (aligned to content x, so a pan keeps the cells). */
export const DENSITY_BIN_PX = 6
const MARK_BIN_PX = 28
const LEVELS = 5

export type DensityTone = 'traffic' | 'reject'

/** All cells of one tone and level, as one path of rectangles. */
export interface DensityPath {
  readonly key: string
  readonly tone: DensityTone
  /** 1 (a few messages) … 5 (the busiest cell in view). */
  readonly level: number
  readonly d: string
}

export interface Density {
  /** Messages in view, drawn as traffic instead of arrows. */
  readonly messages: number
  /** Of those, still in flight at the cursor. */
  readonly inFlight: number
  readonly paths: readonly DensityPath[]
}

export interface DensityFrame {
  readonly x: (tick: number) => number
  readonly laneY: (pid: number) => number
  readonly laneGap: number
  readonly processCount: number
}

/**
 * The traffic in [fromTick, toTick] at the cursor, or null when it holds at most
 * DETAIL_ARROWS_MAX arrows (draw them). O(log n) when few messages can be in view, else
 * O(messages in view) with no allocation per message. Pure.
 */
export function densityInView(
  index: LogIndex,
  cursorStep: number,
  cursorTick: number,
  fromTick: number,
  toTick: number,
  f: DensityFrame,
): Density | null {
  const msgs = index.messages
  const { lo, hi } = candidateRange(index, cursorStep, fromTick, toTick)
  if (hi - lo + 1 + index.longIds.length <= DETAIL_ARROWS_MAX) return null
  const first = Math.floor(f.x(fromTick) / DENSITY_BIN_PX)
  const bins = Math.max(1, Math.floor(f.x(toTick) / DENSITY_BIN_PX) - first + 1)
  const lanes = Math.max(1, f.processCount)
  const total = new Uint32Array(bins * lanes)
  const rejects = new Uint32Array(bins * lanes)
  // x is linear (x(t) = t × pxPerTick): one multiplication per point, not a call.
  const binsPerTick = (f.x(1) - f.x(0)) / DENSITY_BIN_PX
  const note = (tick: number, pid: number, reject: boolean): void => {
    const b = Math.floor(tick * binsPerTick) - first
    if (b < 0 || b >= bins || pid < 1 || pid > lanes) return
    const i = (pid - 1) * bins + b
    total[i] = (total[i] ?? 0) + 1
    if (reject) rejects[i] = (rejects[i] ?? 0) + 1
  }
  let visible = 0
  let inFlight = 0
  const visit = (rec: MessageRecord): void => {
    const end = rec.end && rec.end.step <= cursorStep ? rec.end : null
    // As `arrowsInView`: a delivered arrow ends where it landed, others reach their target tick.
    const changes = rec.deliverAtChanges
    const planned = changes.length === 1 ? (changes[0]?.deliverAt ?? 0) : deliverAtAt(rec, cursorStep)
    const reach = end?.kind === 'deliver' ? end.tick : Math.max(planned, end?.tick ?? 0)
    if (rec.sentAt > toTick || reach < fromTick) return
    visible++
    const reject = rec.kind === 'reject'
    note(rec.sentAt, rec.from, reject)
    if (end?.kind === 'deliver') note(end.tick, rec.to, reject)
    else if (!end) inFlight++
  }
  for (let i = lo; i <= hi; i++) {
    const rec = msgs[i]
    if (rec) visit(rec)
  }
  const count = sentCount(index, cursorStep)
  for (const id of index.longIds) {
    const rec = msgs[id - 1]
    if (rec && id <= count && (id - 1 < lo || id - 1 > hi)) visit(rec)
  }
  if (visible <= DETAIL_ARROWS_MAX) return null
  return { messages: visible, inFlight, paths: cellPaths(total, rejects, bins, first, f) }
}

/** Cells as rectangles on their lanes, neighbours of equal tone and level merged. Pure. */
function cellPaths(
  total: Uint32Array,
  rejects: Uint32Array,
  bins: number,
  first: number,
  f: DensityFrame,
): DensityPath[] {
  let max = 0
  for (const c of total) max = Math.max(max, c)
  const scale = Math.log1p(max)
  const h = Math.round(Math.min(f.laneGap * 0.55, 30))
  const parts = new Map<string, string[]>()
  const styleOf = (i: number): string | null => {
    const c = total[i] ?? 0
    if (c === 0) return null
    const level = Math.min(LEVELS, 1 + Math.floor(((LEVELS - 1) * Math.log1p(c)) / scale + 0.5))
    return `${(rejects[i] ?? 0) * 2 > c ? 'reject' : 'traffic'}-${level}`
  }
  for (let lane = 0; lane < total.length / bins; lane++) {
    const y = Math.round(f.laneY(lane + 1) - h / 2)
    let b = 0
    while (b < bins) {
      const key = styleOf(lane * bins + b)
      let e = b + 1
      while (e < bins && key !== null && styleOf(lane * bins + e) === key) e++
      if (key !== null) {
        const w = (e - b) * DENSITY_BIN_PX
        const rect = `M${(first + b) * DENSITY_BIN_PX} ${y}h${w}v${h}h${-w}z`
        const list = parts.get(key)
        if (list) list.push(rect)
        else parts.set(key, [rect])
      }
      b = e
    }
  }
  return [...parts.entries()].sort().map(([key, rects]) => {
    const [tone, level] = key.split('-')
    return { key, tone: tone as DensityTone, level: Number(level), d: rects.join('') }
  })
}

const MARK_PRIORITY: Record<MarkKind, number> = {
  violation: 7,
  chosen: 6,
  decide: 5,
  crash: 4,
  recover: 3,
  adopt: 2,
  'ballot-failed': 1,
  ballot: 0,
}

/**
 * At most DETAIL_MARKS_MAX marks: when more are in view, the most important one per lane (or
 * across the lanes) in each MARK_BIN_PX of time, then the most important overall, in log order.
 * `hidden` says how many were left out. Pure.
 */
export function thinMarks(
  marks: readonly MarkRecord[],
  x: (tick: number) => number,
): { marks: readonly MarkRecord[]; hidden: number } {
  if (marks.length <= DETAIL_MARKS_MAX) return { marks, hidden: 0 }
  const best = new Map<string, MarkRecord>()
  for (const m of marks) {
    const key = `${m.pid ?? 0}|${Math.floor(x(m.tick) / MARK_BIN_PX)}`
    const held = best.get(key)
    if (!held || MARK_PRIORITY[m.kind] > MARK_PRIORITY[held.kind]) best.set(key, m)
  }
  const kept = [...best.values()]
    .sort((a, b) => MARK_PRIORITY[b.kind] - MARK_PRIORITY[a.kind] || a.seq - b.seq)
    .slice(0, DETAIL_MARKS_MAX)
    .sort((a, b) => a.seq - b.seq)
  return { marks: kept, hidden: marks.length - kept.length }
}
