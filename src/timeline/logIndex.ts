import type { EventOf, SimEvent } from '../engine/index.ts'
import { logProtocol, messageFace } from './logProtocol.ts'
import { onLaneNote, onModuleMark, onOutcome, onProcess } from './logMarks.ts'
import { onTimerFact } from './timers.ts'
import { emptyIndex, hueOfKey, type LogIndex, type MessageRecord, type MutableRecord } from './logTypes.ts'

export * from './logTypes.ts'

/**
 * The quorum a reply belongs to: replies to the same receiver with the same colour key (Paxos: the
 * ballot) that answer the same request broadcast (the engine's `inReplyTo` and `broadcastId`);
 * a reply-type message that answers no request of this run groups by its own phase. Pure.
 */
function quorumKeyOf(
  idx: LogIndex,
  m: EventOf<'msg.send'>['msg'],
  face: ReturnType<typeof messageFace>,
): string | null {
  if ((face.kind !== 'ack' && face.kind !== 'reject') || face.colourKey === null) return null
  const req: MessageRecord | undefined = m.inReplyTo != null ? idx.messages[m.inReplyTo - 1] : undefined
  const group = req ? `b${req.broadcastId ?? req.dupOf ?? req.id}` : face.phase
  return `${m.to}|${face.colourKey}|${group}`
}

function onSend(idx: LogIndex, e: EventOf<'msg.send'>): void {
  const m = e.msg
  const p = m.payload
  const face = messageFace(idx.module, p)
  const rec: MutableRecord = {
    id: m.id,
    from: m.from,
    to: m.to,
    payload: p,
    dupOf: m.dupOf,
    broadcastId: m.broadcastId ?? null,
    sentAt: m.sentAt,
    sendStep: e.step,
    deliverAtChanges: [{ step: e.step, deliverAt: m.deliverAt }],
    end: null,
    spanEndTick: m.deliverAt,
    replyId: null,
    requestId: null,
    quorumKey: quorumKeyOf(idx, m, face),
    hue: face.colourKey === null ? null : hueOfKey(idx, face.colourKey),
    label: face.label,
    spokenLabel: face.spokenLabel,
    kind: face.kind,
    quiet: face.quiet,
    text: e.text,
  }
  idx.messages[m.id - 1] = rec
  if (rec.quorumKey) {
    const members = idx.quorums.get(rec.quorumKey)
    if (members) members.push(m.id)
    else idx.quorums.set(rec.quorumKey, [m.id])
  }
  if (m.dupOf !== null) idx.copies.set(m.dupOf, [...(idx.copies.get(m.dupOf) ?? []), m.id])
  linkReply(idx, rec, m.inReplyTo)
  noteSpan(idx, rec)
}

/**
 * A reply names the request it answers (`inReplyTo`, stamped by the engine when the handler
 * replied). The first message answering a request is its reply; a network or user copy of that
 * reply, which names the same request, is not linked again.
 */
function linkReply(idx: LogIndex, reply: MutableRecord, inReplyTo: number | null | undefined): void {
  if (inReplyTo == null) return
  const req = idx.messages[inReplyTo - 1] as MutableRecord | undefined
  if (!req || req.id !== inReplyTo || req.replyId !== null) return
  req.replyId = reply.id
  reply.requestId = req.id
}

function noteSpan(idx: LogIndex, rec: MutableRecord): void {
  const endTick = rec.end ? rec.end.tick : rec.spanEndTick
  rec.spanEndTick = Math.max(rec.spanEndTick, endTick)
  idx.maxTick = Math.max(idx.maxTick, rec.spanEndTick)
  if (rec.spanEndTick - rec.sentAt > idx.normalSpanTicks && !idx.longIds.includes(rec.id)) {
    idx.longIds.push(rec.id)
  }
}

function onMessageChange(idx: LogIndex, e: SimEvent): void {
  if (e.kind !== 'msg.deliver' && e.kind !== 'msg.drop' && e.kind !== 'msg.delay') return
  const rec = idx.messages[e.msg.id - 1] as MutableRecord | undefined
  if (!rec) return
  if (e.kind === 'msg.delay') {
    rec.deliverAtChanges.push({ step: e.step, deliverAt: e.msg.deliverAt })
    rec.spanEndTick = Math.max(rec.spanEndTick, e.msg.deliverAt)
  } else {
    const reason = e.kind === 'msg.drop' ? e.reason : null
    rec.end = { kind: e.kind === 'msg.drop' ? 'drop' : 'deliver', step: e.step, tick: e.tick, reason }
    if (e.kind === 'msg.deliver') idx.lastDelivery = { step: e.step, msg: rec }
  }
  noteSpan(idx, rec)
}

/** Add events `idx.eventCount ..` of `log` to the index. Mutates `idx` only. */
function extendIndex(idx: LogIndex, log: readonly SimEvent[]): void {
  for (let i = idx.eventCount; i < log.length; i++) {
    const e = log[i]
    if (!e) continue
    idx.maxTick = Math.max(idx.maxTick, e.tick)
    onTimerFact(idx, e)
    if (e.kind === 'run.start') {
      idx.processCount = idx.module.lanes(e.config).length
      idx.normalSpanTicks = e.config.latencyTicksMax
    } else if (e.kind === 'msg.send') onSend(idx, e)
    else {
      onMessageChange(idx, e)
      onProcess(idx, e)
      onOutcome(idx, e)
      onLaneNote(idx, e)
      onModuleMark(idx, e)
    }
  }
  idx.eventCount = log.length
}

interface CacheEntry {
  last: SimEvent | undefined
  index: LogIndex
}
/** Keyed by the run's first event: a new run (or a replaced log) gets a fresh entry. */
const cache = new WeakMap<SimEvent, CacheEntry>()

/**
 * The index of a log, memoized: a log that grew by appending (same event objects in its prefix,
 * whether the same array or a copy) is extended in O(new events); anything else is rebuilt.
 */
export function indexLog(log: readonly SimEvent[]): LogIndex {
  const first = log[0]
  if (!first) return emptyIndex()
  const hit = cache.get(first)
  if (hit && log.length >= hit.index.eventCount && log[hit.index.eventCount - 1] === hit.last) {
    if (log.length > hit.index.eventCount) {
      extendIndex(hit.index, log)
      hit.last = log[log.length - 1]
    }
    return hit.index
  }
  const index = emptyIndex(logProtocol(log))
  extendIndex(index, log)
  cache.set(first, { last: log[log.length - 1], index })
  return index
}
