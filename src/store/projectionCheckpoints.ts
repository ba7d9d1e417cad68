/**
 * The replay behind `project`: one event at a time into a mutable state, plus per-log checkpoints
 * of that state so a projection at any cursor replays at most K events (plus its own step) instead
 * of the whole prefix of the log.
 */
import {
  compareBallots,
  type EventOf,
  type Message,
  type SimConfig,
  type SimEvent,
  type TimerPurpose,
} from '../engine/index.ts'
import type { ProcField, ProcView } from './projection.ts'

/** The world as the panels see it, while replaying. */
export interface ReplayState {
  procs: ProcView[]
  /** In-flight messages by id, in insertion order (the order ties sort in). */
  wire: Map<number, Message>
  violations: EventOf<'invariant.violated'>[]
  chosen: EventOf<'value.chosen'>[]
  partition: number[][] | null
}

function newProc(pid: number): ProcView {
  return {
    pid,
    up: true,
    promised: null,
    accepted: null,
    phase: 'idle',
    ballot: null,
    value: null,
    ownValue: null,
    adoptedFrom: null,
    promises: [],
    rejects: [],
    accepteds: [],
    decided: null,
    timer: null,
    changed: [],
  }
}

export function freshState(config: SimConfig | null): ReplayState {
  const procs: ProcView[] = []
  for (let p = 1; p <= (config?.processCount ?? 0); p++) procs.push(newProc(p))
  return { procs, wire: new Map(), violations: [], chosen: [], partition: null }
}

const addPid = (list: number[], p: number): number[] =>
  list.includes(p) ? list : [...list, p].sort((a, b) => a - b)

/**
 * A reply counted toward a tally of the proposer, as the engine says it did (`counted`): the
 * tally's name comes first in `toward` (`promises 1.1`, `accepteds 1.1`, `rejects 1.1`).
 */
function countReply(v: ProcView, e: EventOf<'msg.deliver'>): ProcField | null {
  const c = e.counted
  if (!c || !('toward' in c)) return null
  const tally = c.toward.slice(0, c.toward.indexOf(' '))
  if (tally === 'promises' || tally === 'accepteds') {
    v[tally] = addPid(v[tally], e.msg.from)
    return tally
  }
  if (tally === 'rejects') v.rejects = addPid(v.rejects, e.msg.from)
  return null
}

function applyPhase(v: ProcView, e: EventOf<'proposer.phase'>): void {
  if (e.phase === 'preparing') {
    v.promises = []
    v.rejects = []
    v.accepteds = []
    v.ownValue = e.value
    v.adoptedFrom = null
  }
  if (e.phase === 'accepting') v.rejects = []
  if (e.phase === 'decided' || e.phase === 'abandoned') v.timer = null
  v.phase = e.phase
  v.ballot = e.ballot
  // A proposer that learns a decision from elsewhere reports the decided value with its own,
  // failed ballot: the card must keep the value that ballot carried (the decision is `decided`).
  if (e.phase !== 'decided') v.value = e.value
  if (e.adoptedFrom) v.adoptedFrom = e.adoptedFrom
}

/** Apply one event to the process views; returns the changed process and field, if any. */
function applyToProcs(procs: ProcView[], e: SimEvent): [ProcView, ProcField] | null {
  const at = (pid: number): ProcView | undefined => procs[pid - 1]
  switch (e.kind) {
    case 'proc.crash': {
      const v = at(e.pid)
      if (!v) return null
      Object.assign(v, {
        ...newProc(e.pid),
        promised: v.promised,
        accepted: v.accepted,
        up: false,
        changed: v.changed,
      })
      return [v, 'up']
    }
    case 'proc.recover': {
      const v = at(e.pid)
      if (v) v.up = true
      return v ? [v, 'up'] : null
    }
    case 'acceptor.promise': {
      const v = at(e.pid)
      if (v) v.promised = e.ballot
      return v ? [v, 'promised'] : null
    }
    case 'acceptor.accept': {
      const v = at(e.pid)
      if (!v) return null
      const below = e.promised !== null && compareBallots(e.accepted.ballot, e.promised) < 0
      v.promised = below ? e.promised : e.accepted.ballot
      v.accepted = e.accepted
      return [v, 'accepted']
    }
    case 'acceptor.forget': {
      const v = at(e.pid)
      if (v) Object.assign(v, { promised: null, accepted: null })
      return v ? [v, 'accepted'] : null
    }
    case 'proposer.phase': {
      const v = at(e.pid)
      if (v) applyPhase(v, e)
      return v ? [v, 'phase'] : null
    }
    case 'learner.decide': {
      const v = at(e.pid)
      if (v && v.decided === null) v.decided = { ballot: e.ballot, value: e.value }
      return v ? [v, 'decided'] : null
    }
    case 'timer.set': {
      const v = at(e.pid)
      if (v) v.timer = { fireAt: e.fireAt, purpose: e.key as TimerPurpose }
      return null
    }
    case 'timer.fire': {
      const v = at(e.pid)
      if (v) v.timer = null
      return null
    }
    case 'msg.deliver': {
      const v = at(e.msg.to)
      const field = v ? countReply(v, e) : null
      return v && field ? [v, field] : null
    }
    default:
      return null
  }
}

/** Apply one event; fields it changes are listed in `changed` when it belongs to `currentStep`. */
export function applyEvent(s: ReplayState, e: SimEvent, currentStep: number): void {
  if (e.kind === 'msg.send' || e.kind === 'msg.delay') s.wire.set(e.msg.id, e.msg)
  else if (e.kind === 'msg.deliver' || e.kind === 'msg.drop') s.wire.delete(e.msg.id)
  else if (e.kind === 'invariant.violated') s.violations.push(e)
  else if (e.kind === 'value.chosen') s.chosen.push(e)
  else if (e.kind === 'net.partition') s.partition = e.groups
  else if (e.kind === 'net.heal') s.partition = null
  const changed = applyToProcs(s.procs, e)
  if (changed && e.step === currentStep && !changed[0].changed.includes(changed[1])) {
    changed[0].changed.push(changed[1])
  }
}

/**
 * Events between checkpoints. A projection replays at most K events past its checkpoint (plus the
 * rest of its own step): 512 events cost some tens of µs, far inside a 16 ms frame, and building a
 * checkpoint costs one snapshot per 512 events. Memory per checkpoint: the process views (≤ 9 ×
 * ~300 B) and the in-flight message references (typically tens; at most LIMITS.inFlightMax = 2,000
 * × 8 B = 16 KB). A 100,000-event run keeps ~196 checkpoints: a few hundred KB typically, ~3 MB even
 * with the wire full the whole run. K = 256 would halve the replay but double the memory.
 */
export const CHECKPOINT_EVERY = 512
const K = CHECKPOINT_EVERY

/** The replay state after the first `pos` events. Frozen: restoring copies it. */
interface Checkpoint {
  readonly pos: number
  /** `log[pos − 1]`: tells whether a log shares the prefix this checkpoint was built from. */
  readonly anchor: SimEvent | undefined
  readonly procs: readonly Readonly<ProcView>[]
  readonly wire: readonly Message[]
  readonly violations: number
  readonly chosen: number
  readonly partition: number[][] | null
}

interface LogCheckpoints {
  readonly config: SimConfig | null
  /** Checkpoint i is at i × K. */
  readonly list: Checkpoint[]
  /** The violations and chosen values before the last checkpoint, once per log (checkpoints count). */
  readonly violations: EventOf<'invariant.violated'>[]
  readonly chosen: EventOf<'value.chosen'>[]
}

/**
 * Keyed by the run's first event, like `indexLog`: a log that grew by appending (the same event
 * objects in its prefix, in the same or a copied array) extends the checkpoints; a fork (a shared
 * prefix, then other events) keeps those before the fork; a new run gets a fresh entry.
 */
const cache = new WeakMap<SimEvent, LogCheckpoints>()

// Ballots, pairs, timers and `decided` are replaced, never mutated, by the replay: only the arrays
// (which `changed.push` mutates) need their own copies.
const copyProc = (v: Readonly<ProcView>): ProcView => ({
  ...v,
  promises: [...v.promises],
  rejects: [...v.rejects],
  accepteds: [...v.accepteds],
  changed: [...v.changed],
})

function snapshot(s: ReplayState, pos: number, anchor: SimEvent | undefined): Checkpoint {
  return Object.freeze({
    pos,
    anchor,
    procs: Object.freeze(s.procs.map((v) => Object.freeze(copyProc(v)))),
    wire: Object.freeze([...s.wire.values()]),
    violations: s.violations.length,
    chosen: s.chosen.length,
    partition: s.partition,
  })
}

/** A mutable copy of a checkpoint; `shared` appends to the log's lists (only when extending them). */
function restore(entry: LogCheckpoints, cp: Checkpoint, shared: boolean): ReplayState {
  return {
    procs: cp.procs.map(copyProc),
    wire: new Map(cp.wire.map((m) => [m.id, m])),
    violations: shared ? entry.violations : entry.violations.slice(0, cp.violations),
    chosen: shared ? entry.chosen : entry.chosen.slice(0, cp.chosen),
    partition: cp.partition,
  }
}

function entryFor(first: SimEvent): LogCheckpoints {
  const hit = cache.get(first)
  if (hit) return hit
  const config = first.kind === 'run.start' ? first.config : null
  const entry = { config, list: [snapshot(freshState(config), 0, undefined)], violations: [], chosen: [] }
  cache.set(first, entry)
  return entry
}

const belongs = (cp: Checkpoint, log: readonly SimEvent[]): boolean =>
  cp.pos === 0 || (cp.pos <= log.length && log[cp.pos - 1] === cp.anchor)

/** Build checkpoints up to number `want` (≤ log.length / K) from the last one. */
function extend(entry: LogCheckpoints, log: readonly SimEvent[], want: number): void {
  const { list } = entry
  const s = restore(entry, list[list.length - 1] as Checkpoint, true)
  for (let j = list.length; j <= want; j++) {
    for (let i = (j - 1) * K; i < j * K; i++) applyEvent(s, log[i] as SimEvent, -1)
    list.push(snapshot(s, j * K, log[j * K - 1]))
  }
}

/**
 * A fresh, mutable replay state after the first `from` events, for the largest checkpoint
 * `from ≤ pos`; checkpoints are built lazily, only as far as `pos`. Cost: O(procs + in-flight) plus,
 * the first time a position is reached, O(events since the last checkpoint built).
 */
export function stateBefore(log: readonly SimEvent[], pos: number): { state: ReplayState; from: number } {
  const first = log[0]
  if (!first) return { state: freshState(null), from: 0 }
  const entry = entryFor(first)
  const { list } = entry
  const want = Math.floor(Math.max(0, Math.min(pos, log.length)) / K)
  let i = Math.min(want, list.length - 1)
  while (i > 0 && !belongs(list[i] as Checkpoint, log)) i--
  if (i < want) {
    // Checkpoints after i, if any, came from another log that shares this one's prefix up to i.
    if (list.length > i + 1) {
      const keep = list[i] as Checkpoint
      list.length = i + 1
      entry.violations.length = keep.violations
      entry.chosen.length = keep.chosen
    }
    extend(entry, log, want)
  }
  const cp = list[want] as Checkpoint
  return { state: restore(entry, cp, false), from: cp.pos }
}
