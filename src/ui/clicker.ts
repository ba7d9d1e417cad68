import { logProtocol, type AnyProtocol, type SimEvent } from '../engine/index.ts'
import type { Beat } from '../scenarios/scenario.ts'
import { runIndex } from '../store/runIndex.ts'

/**
 * Presenter mode for a clicker: where PageDown and PageUp stop, and what the caption says there.
 * All pure; the stops of a log are memoized by its identity.
 *
 * - `beat`: the lecture's beats only (and the start and the end).
 * - `moment`: every moment of the run: the steps that deliver the same kind of message at the
 *   same tick (P2…P5 receiving a prepare broadcast) are one click; a timer firing is one. With
 *   the lecture's fixed latency a moment is what one of its slides adds, so a clicker alone
 *   shows every delivery of the example, in order. The default.
 * - `step`: every scheduler step (one delivery or one timer firing).
 *
 * Beats are stops at every granularity: a lecture's question is never clicked past unseen.
 */
export type Granularity = 'beat' | 'moment' | 'step'

export const GRANULARITIES: readonly { id: Granularity; label: string }[] = [
  { id: 'beat', label: 'Beats' },
  { id: 'moment', label: 'Moments' },
  { id: 'step', label: 'Steps' },
]

/**
 * What a step does, for grouping: the delivered message's type, a timer, or something else. A
 * process's message to itself is `self`: it changes nothing the room can see (a dot on its own
 * lane), so it joins the moment after it instead of being a click of its own.
 */
function stepKinds(log: readonly SimEvent[]): Map<number, string> {
  const kinds = new Map<number, string>()
  for (const e of log) {
    if (e.step === 0 || kinds.has(e.step)) continue
    if (e.kind === 'msg.deliver')
      kinds.set(e.step, e.msg.from === e.msg.to ? 'self' : `${e.tick}:${e.msg.payload.type}`)
    else if (e.kind === 'timer.fire') kinds.set(e.step, `timer:${e.step}`)
  }
  return kinds
}

/**
 * Moments from one phase start to the next, for a protocol whose face asks for them
 * (`clickerMoments: 'phases'`; Multi-Paxos: a campaign, a new leader, a slot proposed, a slot
 * chosen): its latencies vary, so steps rarely share a tick, and a clicker stepping through every
 * delivery would take hundreds of clicks. The faults the kernel logs (a crash, a recovery, a partition, a heal, a violation) are
 * moments of their own too.
 */
function phaseMoments(log: readonly SimEvent[]): number[] {
  const idx = runIndex(log)
  const stops = new Set<number>(idx.phaseSteps)
  for (const c of idx.upChanges) stops.add(c.step)
  for (const p of idx.partitions) stops.add(p.step)
  for (const v of idx.violations) stops.add(v.step)
  stops.add(idx.lastStep)
  return [...stops].filter((s) => s > 0).sort((a, b) => a - b)
}

/** The last step of each moment, in order (step 0 excluded). */
function momentEnds(log: readonly SimEvent[]): number[] {
  if (logProtocol(log).app.clickerMoments === 'phases') return phaseMoments(log)
  const steps = runIndex(log).steps.filter((s) => s > 0)
  const kinds = stepKinds(log)
  const ends: number[] = []
  steps.forEach((s, i) => {
    const next = steps[i + 1]
    const kind = kinds.get(s) ?? `other:${s}`
    if (kind === 'self' && next !== undefined) return
    if (next === undefined || (kinds.get(next) ?? `other:${next}`) !== kind) ends.push(s)
  })
  return ends
}

const momentCache = new WeakMap<readonly SimEvent[], number[]>()

function cachedMomentEnds(log: readonly SimEvent[]): number[] {
  let ends = momentCache.get(log)
  if (!ends) {
    ends = momentEnds(log)
    momentCache.set(log, ends)
  }
  return ends
}

/** Where the clicker stops, ascending, from 0 to the end of the run. */
export function clickerStops(
  log: readonly SimEvent[],
  beats: readonly Beat[] | undefined,
  granularity: Granularity,
): number[] {
  const end = runIndex(log).lastStep
  const base =
    granularity === 'step' ? runIndex(log).steps : granularity === 'moment' ? cachedMomentEnds(log) : []
  const all = new Set<number>([0, end, ...base])
  for (const b of beats ?? []) if (b.step <= end) all.add(b.step)
  return [...all].sort((a, b) => a - b)
}

/** The first stop after the cursor (the end if none). */
export function nextClick(stops: readonly number[], cursor: number): number {
  return stops.find((s) => s > cursor) ?? stops[stops.length - 1] ?? cursor
}

/** The last stop before the cursor (0 if none). */
export function previousClick(stops: readonly number[], cursor: number): number {
  let found = 0
  for (const s of stops) if (s < cursor) found = s
  return found
}

/** The moment the cursor is in (a beat ends one early): from its first step through the cursor. */
function momentAt(
  log: readonly SimEvent[],
  beats: readonly Beat[] | undefined,
  cursor: number,
): [number, number] {
  let from = 1
  for (const end of [...cachedMomentEnds(log), ...(beats ?? []).map((b) => b.step)])
    if (end < cursor && end + 1 > from) from = end + 1
  return [Math.min(from, cursor), cursor]
}

/**
 * How much one of the kernel's facts says about the run; the caption tells the most telling
 * events. A protocol's own events are rated by its module (`narration.salience`).
 */
const KERNEL_WEIGHT: Partial<Record<string, number>> = {
  'invariant.violated': 9,
  'proc.crash': 7,
  'proc.recover': 7,
  'net.partition': 7,
  'net.heal': 7,
  'limit.reached': 5,
  'msg.drop': 4,
  'timer.fire': 3,
  'msg.deliver': 2,
}

/** The kernel's other facts: never told in a caption (and not the module's to rate). */
const KERNEL_UNTOLD = new Set([
  'run.start',
  'msg.delay',
  'timer.set',
  'timer.cancel',
  'intervention.invalid',
  'run.quiescent',
])

function weightOf(module: AnyProtocol, e: SimEvent): number {
  // A reject is the acceptor's whole answer: as telling as a promise or an accept.
  if (e.kind === 'msg.send') return module.messages[e.msg.payload.type]?.role === 'reject' ? 4 : 0
  // A message to a process that is down is lost as a matter of course: no news.
  if (e.kind === 'msg.drop' && e.reason === 'crash') return 2
  const kernel = KERNEL_WEIGHT[e.kind]
  if (kernel !== undefined) return kernel
  return KERNEL_UNTOLD.has(e.kind) ? 0 : module.narration.salience(e)
}

/**
 * The most telling event of each step in [from, to], and with it any other telling event of a
 * kind that is some step's most telling: a value chosen at the step of the accept that made the
 * quorum must not hide that accept when the neighbouring steps' accepts are told.
 */
function keyEvents(
  log: readonly SimEvent[],
  from: number,
  to: number,
  weight: (e: SimEvent) => number,
): SimEvent[] {
  const best = new Map<number, SimEvent>()
  const inMoment = log.filter((e) => e.step >= from && e.step <= to && weight(e) > 0)
  for (const e of inMoment) {
    const had = best.get(e.step)
    if (!had || weight(e) > weight(had)) best.set(e.step, e)
  }
  const told = new Set([...best.values()])
  const kinds = new Set([...told].map((e) => e.kind))
  return inMoment.filter((e) => told.has(e) || (kinds.has(e.kind) && weight(e) >= 4))
}

const PID = /^P\d+('s)?$/
/** A running count: the `3` of "(P3 now knows 3 of 5 processes have learned)" (followed by "of"). */
const COUNT = /^\(?\d+$/
const isCount = (words: readonly string[], i: number): boolean =>
  COUNT.test(words[i] as string) && words[i + 1] === 'of'

/** A sentence to tell, and where its first event is in the moment (for telling in log order). */
interface Told {
  readonly text: string
  /** Where the first of its events is in the moment's log order. */
  readonly at: number
  /** Where the last is (a folded sentence tells several events); `at` when it tells one. */
  readonly last?: number
}

/** The word positions where `a` and `b` differ, or null when they differ in length. */
function differences(a: readonly string[], b: readonly string[]): number[] | null {
  return a.length === b.length ? a.flatMap((w, i) => (w === b[i] ? [] : [i])) : null
}

/**
 * Whether `words` joins the group that begins with `first`: they differ in one process name
 * only, or (when that name is not the subject) also in a running count, told as the group's last.
 */
function joins(first: readonly string[], words: readonly string[]): boolean {
  const diff = differences(first, words)
  if (!diff) return false
  const names = diff.filter((i) => PID.test(words[i] as string) && PID.test(first[i] as string))
  const counts = diff.filter((i) => isCount(words, i) && isCount(first, i))
  return (
    names.length === 1 &&
    names.length + counts.length === diff.length &&
    (counts.length === 0 || names[0] !== 0)
  )
}

/**
 * Sentences that differ only in one process name fold into one: "P2 now promises … . So do P3
 * and P4." when the name is the subject, else the names joined in place ("P4's and P5's"), with
 * the last sentence's count: "P3 receives P1's and P2's learned 10 (P3 now knows 3 of 5 processes
 * have learned)."
 */
function fold(items: readonly Told[]): Told[] {
  const out: Told[][] = []
  for (const item of items) {
    const last = out[out.length - 1]
    if (last && joins((last[0] as Told).text.split(' '), item.text.split(' '))) last.push(item)
    else out.push([item])
  }
  return out.map((group) => {
    const at = Math.min(...group.map((t) => t.at))
    const last = Math.max(...group.map((t) => t.last ?? t.at))
    if (group.length === 1) return group[0] as Told
    const texts = group.map((t) => t.text.split(' '))
    const base = [...(texts.at(-1) as string[])]
    const where = base.findIndex((w, i) => PID.test(w) && texts.some((t) => t[i] !== w))
    const names = texts.map((t) => t[where] as string)
    const list = (xs: string[]): string =>
      xs.length === 1 ? (xs[0] as string) : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`
    const head = (group[0] as Told).text
    if (where === 0)
      return { at, last, text: `${head} So ${names.length > 2 ? 'do' : 'does'} ${list(names.slice(1))}.` }
    base[where] = list(names)
    return { at, last, text: base.join(' ') }
  })
}

/** At most this many sentences in a caption: it is read from the back of a hall. */
const CAPTION_SENTENCES = 2

/**
 * What happened in the moment that ends at the cursor, in at most two sentences: the most
 * telling events (a value chosen, a phase change, a promise or a reject), folded where they
 * repeat for several processes.
 */
export function momentNarration(
  log: readonly SimEvent[],
  beats: readonly Beat[] | undefined,
  cursor: number,
): string {
  const [from, to] = momentAt(log, beats, cursor)
  const module = logProtocol(log)
  const weight = (e: SimEvent): number => weightOf(module, e)
  const events = keyEvents(log, from, to, weight)
  const top = Math.max(0, ...events.map(weight))
  // Only the telling kinds (a delivery never hides a promise), the most telling first, in log
  // order. A phase-long moment (see phaseMoments) tells first what its last step does: it is what
  // the diagram has just drawn. (A moment of one tick's deliveries is one event told for many.)
  const cursorFirst = module.app.clickerMoments === 'phases'
  const rank = (e: SimEvent): number => weight(e) + (cursorFirst && e.step === to && weight(e) >= 4 ? 10 : 0)
  const telling = events.map((e, at) => ({ e, at })).filter(({ e }) => weight(e) >= Math.min(top, 4))
  // A protocol whose runs never go quiet (a module with a `limitNote`: Multi-Paxos's heartbeats)
  // stops at its step limit as a matter of course, one click after the lecture's closing note:
  // that click tells the story's last events (every replica executes the last command), not the
  // limit, unless nothing else happened (a duel that never ends stops at its limit, and says so).
  const story = module.app.limitNote ? telling.filter(({ e }) => e.kind !== 'limit.reached') : telling
  const kept = (story.length > 0 ? story : telling).sort((a, b) => rank(b.e) - rank(a.e))
  // A module's event sentences may end without a period; in a caption they follow each other.
  const told = fold(kept.map(({ e, at }) => ({ at, text: /[.!?]$/.test(e.text) ? e.text : `${e.text}.` })))
  const shown = told.slice(0, CAPTION_SENTENCES)
  // The most telling are chosen; they are told in the order they happened (an accept before the
  // value it makes chosen), except where the moment's own step is told first (see above).
  if (!cursorFirst) shown.sort((a, b) => a.at - b.at)
  // Told out of order, an earlier sentence reads as what came next ("P2 is leader … P2 tells C1
  // it is not the leader"): say that it came first; and a folded one ("P2 executes slot 1. So does
  // P5.") that began before the first sentence's event and ended after it, that it was around then.
  const first = (shown[0] as Told).at
  return shown
    .map((t, i) => {
      if (i === 0 || t.at >= first) return t.text
      return (t.last ?? t.at) < first ? `Just before: ${t.text}` : `Meanwhile, ${t.text}`
    })
    .join(' ')
}

export interface Caption {
  readonly kind: 'story' | 'beat' | 'step'
  readonly text: string
  /** The beat shown, when `kind` is 'beat'. */
  readonly beat?: Beat
}

/**
 * The presenter's caption at the cursor: the scenario's story at the start, a beat at its own
 * step, else what has just happened. A beat's question is never left on screen once the run has
 * moved past it (the diagram would already show the answer).
 */
export function captionAt(
  log: readonly SimEvent[],
  beats: readonly Beat[] | undefined,
  story: string | undefined,
  cursor: number,
): Caption {
  const beat = (beats ?? []).find((b) => b.step === cursor)
  if (beat) return { kind: 'beat', text: beat.text, beat }
  if (cursor === 0) return { kind: 'story', text: story ?? '' }
  return { kind: 'step', text: momentNarration(log, beats, cursor) }
}

/** A beat that asks is a "Think" (the student answers first); one that tells is a "Note". */
export function beatTag(text: string): 'Think' | 'Note' {
  return text.trim().endsWith('?') ? 'Think' : 'Note'
}
