import type { DropReason } from '../engine/index.ts'
import { lastAtMost, type LogIndex, type MessageRecord } from './logIndex.ts'
import type { ArrowKind } from './palette.ts'
import { proposerOf } from './proposers.ts'

export type ArrowState = 'delivered' | 'in-flight' | 'dropped'

/**
 * Where the ✓/✗ badge of a reply sits along its drawn shaft, from the tail: near the tail,
 * because replies converge on the proposer and badges near the heads would pile up.
 */
const BADGE_AT = 0.28
const BADGE_MIN_SHAFT_PX = 40

/** Where a lost message's ✕ may sit along its path: never on the lanes, so it reads "never arrived". */
const DROP_FRACTION_MIN = 0.12
const DROP_FRACTION_MAX = 0.8

/** A message as it stands at the cursor, before it is mapped to pixels. */
export interface ArrowAtCursor {
  readonly rec: MessageRecord
  readonly state: ArrowState
  /** `deliverAt` as known at the cursor (a later `msg.delay` has not happened yet). */
  readonly deliverAt: number
  /** Tick at which the drawn line ends on the way to the target: delivery, head or ✕. */
  readonly endTick: number
  /** Fraction of the path drawn (1 when delivered). */
  readonly progress: number
}

/** The message's `deliverAt` as of `cursorStep`. Pure. */
export function deliverAtAt(rec: MessageRecord, cursorStep: number): number {
  let at = rec.deliverAtChanges[0]?.deliverAt ?? rec.sentAt
  for (const c of rec.deliverAtChanges) if (c.step <= cursorStep) at = c.deliverAt
  return at
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v))

/** The state of one message at the cursor (the message must have been sent by then). Pure. */
export function arrowAtCursor(rec: MessageRecord, cursorStep: number, cursorTick: number): ArrowAtCursor {
  const deliverAt = deliverAtAt(rec, cursorStep)
  const span = deliverAt - rec.sentAt
  const end = rec.end && rec.end.step <= cursorStep ? rec.end : null
  if (end?.kind === 'deliver') return { rec, state: 'delivered', deliverAt, endTick: end.tick, progress: 1 }
  if (end) {
    const f = span > 0 ? (end.tick - rec.sentAt) / span : 0
    const progress = clamp(f, DROP_FRACTION_MIN, DROP_FRACTION_MAX)
    return { rec, state: 'dropped', deliverAt, endTick: rec.sentAt + progress * span, progress }
  }
  // In flight: the head grows toward the target and sits exactly on the cursor line.
  const progress = span > 0 ? clamp((cursorTick - rec.sentAt) / span, 0, 1) : 1
  return { rec, state: 'in-flight', deliverAt, endTick: rec.sentAt + progress * span, progress }
}

/** How many messages had been sent by the end of `cursorStep`: ids 1..n are on screen. Pure. */
export function sentCount(index: LogIndex, cursorStep: number): number {
  return lastAtMost(index.messages, cursorStep, (m) => m.sendStep) + 1
}

/**
 * The positions in `index.messages` that may intersect [fromTick, toTick] at the cursor (sent by
 * then, sent no later than `toTick`, sent no earlier than an ordinary span before `fromTick`);
 * user-delayed messages (`index.longIds`) may lie outside. O(log n). Pure.
 */
export function candidateRange(
  index: LogIndex,
  cursorStep: number,
  fromTick: number,
  toTick: number,
): { lo: number; hi: number } {
  const msgs = index.messages
  const hi = Math.min(
    sentCount(index, cursorStep) - 1,
    lastAtMost(msgs, toTick, (m) => m.sentAt),
  )
  const lo = lastAtMost(msgs, fromTick - index.normalSpanTicks - 0.5, (m) => m.sentAt) + 1
  return { lo, hi }
}

/**
 * The messages whose arrows intersect the tick range [fromTick, toTick] at the cursor, in id
 * order. Runs in O(log n + visible): messages are sorted by send tick and no ordinary message
 * spans more than `normalSpanTicks`; the few longer (user-delayed) ones are checked separately.
 */
export function arrowsInView(
  index: LogIndex,
  cursorStep: number,
  cursorTick: number,
  fromTick: number,
  toTick: number,
): ArrowAtCursor[] {
  const msgs = index.messages
  const count = sentCount(index, cursorStep)
  const { lo, hi } = candidateRange(index, cursorStep, fromTick, toTick)
  const out: ArrowAtCursor[] = []
  const visible = (a: ArrowAtCursor): boolean =>
    a.rec.sentAt <= toTick && Math.max(a.endTick, a.deliverAt) >= fromTick
  for (let i = lo; i <= hi; i++) {
    const rec = msgs[i]
    if (!rec) continue
    const a = arrowAtCursor(rec, cursorStep, cursorTick)
    if (visible(a)) out.push(a)
  }
  let extra = false
  for (const id of index.longIds) {
    const rec = msgs[id - 1]
    if (!rec || id > count || (id - 1 >= lo && id - 1 <= hi)) continue
    const a = arrowAtCursor(rec, cursorStep, cursorTick)
    if (visible(a)) {
      out.push(a)
      extra = true
    }
  }
  if (extra) out.sort((a, b) => a.rec.id - b.rec.id)
  return out
}

/** An arrow in pixels, ready to draw. */
export interface ArrowGeom {
  readonly id: number
  readonly from: number
  readonly to: number
  readonly type: string
  readonly kind: ArrowKind
  /** Background chatter (heartbeats): drawn thin, labelled only when focused. */
  readonly quiet: boolean
  readonly state: ArrowState
  /** A message to oneself (zero latency): drawn as a small loop on the lane. */
  readonly self: boolean
  readonly dupOf: number | null
  readonly hue: number | null
  /** Lecture colours: the colour slot of the proposer the message belongs to (see `proposerSlots`). */
  readonly proposerSlot: number | null
  /** Tail (the send). */
  readonly x1: number
  readonly y1: number
  /** End of the drawn line: the delivery point, the in-flight head, or the ✕ of a drop. */
  readonly x2: number
  readonly y2: number
  /** Where the message lands or would have landed. */
  readonly tx: number
  readonly ty: number
  /** Direction of travel in degrees (SVG: clockwise from +x). */
  readonly angle: number
  readonly progress: number
  /** Centre of the ✓ (ACK) or ✗ (REJECT) badge, when the shaft is long enough to carry one. */
  readonly badge: { readonly x: number; readonly y: number } | null
  readonly dropReason: DropReason | null
  readonly label: string
  readonly ariaLabel: string
}

const round1 = (v: number): number => Math.round(v * 10) / 10

const STATE_WORDS: Record<ArrowState, string> = {
  delivered: 'delivered',
  'in-flight': 'in flight',
  dropped: 'lost',
}

/**
 * How close to its target lane a message still in flight is drawn. One due at the cursor's tick but
 * not yet delivered (deliveries in one tick take one step each) would otherwise touch the lane like
 * the delivered one beside it: in `racing-adopt` at step 8, P1 had counted three promises while five
 * arrows reached its lane. It stops this short, its dotted rest touching the lane: not yet arrived.
 */
const ARRIVING_GAP_PX = 14

/** The fraction of an in-flight path to draw: its progress, but never nearer the lane than the gap. */
function short(progress: number, length: number): number {
  if (length <= ARRIVING_GAP_PX * 2) return Math.min(progress, 0.5)
  return Math.min(progress, 1 - ARRIVING_GAP_PX / length)
}

/** Map an arrow to pixels with the given time scale and lane positions. Pure. */
export function arrowGeometry(
  a: ArrowAtCursor,
  x: (tick: number) => number,
  laneY: (pid: number) => number,
  slots: ReadonlyMap<number, number> = new Map(),
  name: (pid: number) => string = (pid) => `P${pid}`,
): ArrowGeom {
  const r = a.rec
  const x1 = x(r.sentAt)
  const y1 = laneY(r.from)
  // A delivered message lands when it was delivered (earlier than deliverAt if delivered "now").
  const tx = x(a.state === 'delivered' ? a.endTick : a.deliverAt)
  const ty = laneY(r.to)
  const drawn = a.state === 'in-flight' ? short(a.progress, Math.hypot(tx - x1, ty - y1)) : a.progress
  const x2 = x1 + (tx - x1) * drawn
  const y2 = y1 + (ty - y1) * drawn
  const angle = (Math.atan2(ty - y1, tx - x1) * 180) / Math.PI
  const kind = r.kind
  const hasBadge = (kind === 'ack' || kind === 'reject') && Math.hypot(x2 - x1, y2 - y1) >= BADGE_MIN_SHAFT_PX
  const badge = hasBadge
    ? { x: round1(x1 + (x2 - x1) * BADGE_AT), y: round1(y1 + (y2 - y1) * BADGE_AT) }
    : null
  const why = r.end?.reason && a.state === 'dropped' ? ` (${r.end.reason})` : ''
  const dup = r.dupOf !== null ? `, duplicate of #${r.dupOf}` : ''
  return {
    id: r.id,
    from: r.from,
    to: r.to,
    type: r.payload.type,
    kind,
    quiet: r.quiet,
    state: a.state,
    self: r.from === r.to,
    dupOf: r.dupOf,
    hue: r.hue,
    proposerSlot: slots.get(proposerOf(kind, r.from, r.to)) ?? null,
    x1: round1(x1),
    y1: round1(y1),
    x2: round1(x2),
    y2: round1(y2),
    tx: round1(tx),
    ty: round1(ty),
    angle: round1(angle),
    progress: Math.round(a.progress * 1000) / 1000,
    badge,
    dropReason: a.state === 'dropped' ? (r.end?.reason ?? null) : null,
    label: r.label,
    ariaLabel: `#${r.id} ${name(r.from)} to ${name(r.to)}: ${r.spokenLabel}, ${STATE_WORDS[a.state]}${why}${dup}. ${r.text}`,
  }
}
