import type { Value } from '../engine/index.ts'
import { lastAtMost, type Interval, type LogIndex, type MarkKind, type MarkRecord } from './logIndex.ts'

/** A point mark in pixels: on a lane (`pid`), or across every lane (chosen, violation). */
export interface MarkGeom {
  readonly key: string
  readonly kind: MarkKind
  readonly x: number
  readonly y: number
  readonly pid: number | null
  /** Lane y of every process the mark concerns (the chosen quorum, a violation's processes). */
  readonly laneYs: readonly number[]
  readonly label: string
  readonly ariaLabel: string
  readonly hue: number | null
  /** Lecture colours: the proposer slot of a ballot, adopt or failed-ballot mark. */
  readonly proposerSlot: number | null
}

/** A stretch of time drawn as a band: a process down, or the network partitioned. */
export interface BandGeom {
  readonly key: string
  readonly kind: 'down' | 'partition'
  readonly x1: number
  readonly x2: number
  readonly y1: number
  readonly y2: number
  /** Still going on at the cursor. */
  readonly open: boolean
  readonly pid: number | null
  /** Partition: y of each boundary between neighbouring lanes that lie in different groups. */
  readonly walls: readonly number[]
  /** Partition: the group letter of each lane, by pid − 1. */
  readonly laneGroups: readonly string[]
  readonly label: string
  /** Where the band's label and group tags go: its start, or the view's left edge if that is later. */
  readonly labelX: number
}

const round1 = (v: number): number => Math.round(v * 10) / 10

/** Marks that happened by the cursor within [fromTick, toTick]: O(log n + visible). Pure. */
export function marksInView(
  index: LogIndex,
  cursorStep: number,
  fromTick: number,
  toTick: number,
): MarkRecord[] {
  const marks = index.marks
  const last = lastAtMost(marks, cursorStep, (m) => m.step)
  const lo = lastAtMost(marks, fromTick - 0.5, (m) => m.tick) + 1
  const hi = Math.min(
    last,
    lastAtMost(marks, toTick, (m) => m.tick),
  )
  return marks.slice(lo, hi + 1)
}

/** Map a mark to pixels. Pure. */
export function markGeometry(
  m: MarkRecord,
  x: (tick: number) => number,
  laneY: (pid: number) => number,
  plotTop: number,
  slots: ReadonlyMap<number, number> = new Map(),
): MarkGeom {
  const byProposer = m.kind === 'ballot' || m.kind === 'adopt' || m.kind === 'ballot-failed'
  return {
    key: `${m.kind}-${m.seq}`,
    kind: m.kind,
    x: round1(x(m.tick)),
    y: round1(m.pid === null ? plotTop : laneY(m.pid)),
    pid: m.pid,
    laneYs: m.pids.map((p) => round1(laneY(p))),
    label: m.label,
    ariaLabel: m.text,
    hue: m.hue,
    proposerSlot: byProposer && m.pid !== null ? (slots.get(m.pid) ?? null) : null,
  }
}

/** The part of an interval that exists at the cursor, or null if it had not begun. Pure. */
function atCursor(i: Interval, cursorStep: number, cursorTick: number): { to: number; open: boolean } | null {
  if (i.fromStep > cursorStep) return null
  const closed = i.toStep !== null && i.toStep <= cursorStep
  return { to: closed ? (i.toTick ?? cursorTick) : cursorTick, open: !closed }
}

export interface BandFrame {
  readonly x: (tick: number) => number
  readonly laneY: (pid: number) => number
  readonly laneGap: number
  readonly plotTop: number
  readonly plotBottom: number
  readonly processCount: number
  /** The visible part of the plot, in the same x units. */
  readonly visibleX: readonly [number, number]
  /** A process's name on its lane (`P1`, or a protocol's own such as `C1` for a client). */
  readonly name: (pid: number) => string
}

/** Down intervals and partitions overlapping [fromTick, toTick] at the cursor, in pixels. Pure. */
export function bandsInView(
  index: LogIndex,
  cursorStep: number,
  cursorTick: number,
  fromTick: number,
  toTick: number,
  f: BandFrame,
): BandGeom[] {
  const out: BandGeom[] = []
  const overlapping = (i: Interval, to: number): boolean => i.fromTick <= toTick && to >= fromTick
  index.down.forEach((d, n) => {
    const c = atCursor(d, cursorStep, cursorTick)
    if (!c || !overlapping(d, c.to)) return
    const y = f.laneY(d.pid)
    const half = f.laneGap * 0.32
    out.push({
      key: `down-${n}`,
      kind: 'down',
      x1: round1(f.x(d.fromTick)),
      x2: round1(f.x(c.to)),
      y1: round1(y - half),
      y2: round1(y + half),
      open: c.open,
      pid: d.pid,
      walls: [],
      laneGroups: [],
      label: `${f.name(d.pid)} down`,
      labelX: round1(Math.max(f.x(d.fromTick), f.visibleX[0]) + 6),
    })
  })
  index.partitions.forEach((p, n) => {
    const c = atCursor(p, cursorStep, cursorTick)
    if (!c || !overlapping(p, c.to)) return
    const groupOf = lanesToGroups(p.groups, f.processCount)
    const walls: number[] = []
    for (let pid = 1; pid < f.processCount; pid++) {
      if (groupOf[pid - 1] !== groupOf[pid]) walls.push(round1((f.laneY(pid) + f.laneY(pid + 1)) / 2))
    }
    const names = p.groups.map((g) => `{${g.map(f.name).join(', ')}}`).join(' | ')
    out.push({
      key: `partition-${n}`,
      kind: 'partition',
      x1: round1(f.x(p.fromTick)),
      x2: round1(f.x(c.to)),
      y1: round1(f.plotTop),
      y2: round1(f.plotBottom),
      open: c.open,
      pid: null,
      walls,
      laneGroups: groupOf,
      label: `partition ${names}`,
      labelX: round1(Math.max(f.x(p.fromTick), f.visibleX[0]) + 6),
    })
  })
  return out
}

/** Group letters (A, B, …) per lane. Pure. */
function lanesToGroups(groups: readonly (readonly number[])[], processCount: number): string[] {
  const letters = Array.from({ length: processCount }, () => '')
  groups.forEach((g, i) => g.forEach((p) => (letters[p - 1] = String.fromCharCode(65 + i))))
  return letters
}

/** What a lane header shows about its process at the cursor. */
export interface LaneStatus {
  readonly down: boolean
  readonly decided: Value | null
  /** The ballot the process is running as proposer, and in which phase. */
  readonly running: { readonly text: string; readonly hue: number | null } | null
  /** A protocol module's own status line (`leader 2.1 · c3`), shown as it is; else null. */
  readonly plain?: { readonly text: string; readonly tone: 'idle' | 'running' | 'done' } | null
}

/** The status of process `pid` at the cursor. O(log n) per lane plus its crashes. Pure. */
export function laneStatus(index: LogIndex, pid: number, cursorStep: number): LaneStatus {
  let down = false
  let lastCrashSeq = -1
  for (const d of index.down) {
    if (d.pid !== pid || d.fromStep > cursorStep) continue
    lastCrashSeq = Math.max(lastCrashSeq, d.fromSeq)
    if (d.toStep === null || d.toStep > cursorStep) down = true
  }
  const decisions = index.decisions.get(pid) ?? []
  const d = decisions[lastAtMost(decisions, cursorStep, (r) => r.step)]
  // A crash wipes the learner's volatile state: a decision from before it no longer shows.
  const decided: Value | null = d && d.seq > lastCrashSeq ? d.value : null
  const phases = index.phases.get(pid) ?? []
  const p = phases[lastAtMost(phases, cursorStep, (r) => r.step)]
  // A crash resets the proposer too (without a phase event), so only a later phase counts.
  const active = p && !down && p.seq > lastCrashSeq ? p.running : null
  const hue = active ? index.ballotHues.get(active.colourKey) : undefined
  const running = active && hue !== undefined ? { text: active.text, hue } : null
  return { down, decided, running }
}
