import { onAccept, onPrepare } from './acceptor.ts'
import { LIMITS } from './config.ts'
import type { DropReason, EventBody } from './events.ts'
import { checkPromise, recordAccept, recordConflictingNotice, recordDecision } from './invariants.ts'
import { onAcceptedNotice, onDecideNotice } from './learner.ts'
import { ignoredReply, type ReplyNote } from './narration.ts'
import { chancePercent, intBetween, nextU32 } from './prng.ts'
import {
  onAcceptedReply,
  onLearned,
  onPreempted,
  onPromise,
  onReject,
  onTimer,
  type ProposerStep,
} from './proposer.ts'
import type { ProcState, SimState } from './state.ts'
import type { AcceptedPair, Ballot, Message, MsgId, Payload, ProcessId, Tick } from './types.ts'

/**
 * The simulator's side of the protocol: it alone moves messages and fires timers, feeds them to
 * the pure role handlers, and performs their effects. Every observable change is emitted.
 */
export interface World {
  readonly state: SimState
  emit(body: EventBody, note?: ReplyNote | null): void
}

type Tally = { count: number; needed: number } | null

const proc = (w: World, p: ProcessId): ProcState => {
  const found = w.state.procs[p - 1]
  if (!found) throw new Error(`no process P${p}`)
  return found
}

function enqueue(w: World, m: Message): void {
  const s = w.state
  w.emit({ kind: 'msg.send', msg: m })
  if (s.inFlight.length >= LIMITS.inFlightMax) {
    w.emit({ kind: 'limit.reached', limit: 'in-flight', value: LIMITS.inFlightMax })
    w.emit({ kind: 'msg.drop', msg: m, reason: 'limit' })
    return
  }
  s.inFlight.push(m)
}

/** Send one message: latency, loss and duplication are drawn from their own seeded streams. */
export function send(w: World, from: ProcessId, to: ProcessId, payload: Payload): void {
  const s = w.state
  const c = s.config
  const local = from === to
  const id = s.nextMsgId++ as MsgId
  const latency = local ? 0 : intBetween(s.rng.latency, c.latencyTicksMin, c.latencyTicksMax)
  const lost = !local && chancePercent(s.rng.loss, c.lossPercent)
  const sentAt = s.tick
  // Literals rather than object spreads: spreading here was the engine's main hotspot. The key
  // order is part of the log's JSON (and so of its hash): keep it.
  const deliverAt = (sentAt + latency) as Tick
  enqueue(w, { from, to, payload, sentAt, id, deliverAt, lost, dupOf: null, seq: s.nextSeq++ })
  if (local || !chancePercent(s.rng.duplicate, c.duplicatePercent)) return
  // The copy's latency and loss are drawn from the duplication stream (always one draw for loss),
  // so turning duplication up or down never shifts the latency or loss of any other message, and
  // turning loss up never shifts which messages are duplicated.
  const copyLatency = intBetween(s.rng.duplicate, c.latencyTicksMin, c.latencyTicksMax)
  const copyLost = nextU32(s.rng.duplicate) % 100 < c.lossPercent
  const copyId = s.nextMsgId++ as MsgId
  const copyAt = (sentAt + copyLatency) as Tick
  const seq = s.nextSeq++
  enqueue(w, { from, to, payload, sentAt, id: copyId, lost: copyLost, dupOf: id, seq, deliverAt: copyAt })
}

/** A user-made copy of an in-flight message, with a fresh latency. */
export function duplicate(w: World, m: Message): void {
  const s = w.state
  const latency = intBetween(s.rng.latency, s.config.latencyTicksMin, s.config.latencyTicksMax)
  const id = s.nextMsgId++ as MsgId
  enqueue(w, {
    ...m,
    id,
    sentAt: s.tick,
    deliverAt: (s.tick + latency) as Tick,
    lost: false,
    dupOf: m.id,
    seq: s.nextSeq++,
  })
}

function broadcast(w: World, from: ProcessId, payload: Payload, includeSelf: boolean): void {
  for (let to = 1; to <= w.state.config.processCount; to++) {
    if (includeSelf || to !== from) send(w, from, to as ProcessId, payload)
  }
}

/** Remove a message from the wire; returns it, or null when it is not in flight. */
export function takeInFlight(s: SimState, id: number): Message | null {
  const i = s.inFlight.findIndex((m) => m.id === id)
  if (i < 0) return null
  const [m] = s.inFlight.splice(i, 1)
  return m ?? null
}

export function drop(w: World, m: Message, reason: DropReason): void {
  w.emit({ kind: 'msg.drop', msg: m, reason })
}

const partitioned = (s: SimState, a: ProcessId, b: ProcessId): boolean =>
  s.groups !== null && s.groups[a - 1] !== s.groups[b - 1]

/** Deliver a message already taken off the wire (by the scheduler, or `now` by the user). */
export function deliver(w: World, m: Message, now: boolean): void {
  const s = w.state
  const target = proc(w, m.to)
  if (m.lost && !now) return drop(w, m, 'loss')
  if (!target.up) return drop(w, m, 'crash')
  if (partitioned(s, m.from, m.to)) return drop(w, m, 'partition')
  dispatch(w, target, m, now)
}

/**
 * Remember the highest round seen at this process, so its next ballot is higher. Updated in
 * place: the proposer object belongs to the live state alone (snapshots hold copies).
 */
function noteRound(p: ProcState, round: number): void {
  if (round > p.proposer.maxRoundSeen) p.proposer.maxRoundSeen = round
}

/** A reply's tally, or why the proposer did not count it (narration only). */
function counted(p: ProcState, tally: Tally, ballot: Ballot, phase: 1 | 2): ReplyNote {
  return tally ?? { ignored: ignoredReply(p.pid, p.proposer, ballot, phase) }
}

function dispatch(w: World, p: ProcState, m: Message, now: boolean): void {
  const s = w.state
  const pl = m.payload
  const delivered = (note: ReplyNote | null): void => w.emit({ kind: 'msg.deliver', msg: m, now }, note)
  switch (pl.type) {
    case 'prepare': {
      noteRound(p, pl.ballot.round)
      const r = onPrepare(p.acceptor, p.pid, pl.ballot)
      delivered(null)
      p.acceptor = r.acceptor
      if (r.change) {
        w.emit(r.change)
        for (const e of checkPromise(s, p.pid, r.acceptor.promised)) w.emit(e)
      }
      send(w, p.pid, m.from, r.reply)
      return applyProposer(w, p, onPreempted(p.proposer, p.pid, pl.ballot, s.config))
    }
    case 'accept': {
      noteRound(p, pl.ballot.round)
      const before = p.acceptor.promised
      const r = onAccept(p.acceptor, p.pid, pl.ballot, pl.value, s.config.bugs.acceptBelowPromise)
      delivered(null)
      p.acceptor = r.acceptor
      if (r.change && r.acceptor.accepted) {
        w.emit(r.change)
        for (const e of checkPromise(s, p.pid, r.acceptor.promised)) w.emit(e)
        for (const e of recordAccept(s, p.pid, r.acceptor.accepted, before, r.belowPromise)) w.emit(e)
      }
      if (r.reply.type === 'accepted' && s.config.learnerMode === 'all')
        return broadcast(w, p.pid, r.reply, true)
      return send(w, p.pid, m.from, r.reply)
    }
    case 'promise': {
      const r = onPromise(p.proposer, p.pid, m.from, pl.ballot, pl.accepted, s.quorum, s.config)
      delivered(counted(p, r.tally, pl.ballot, 1))
      return applyProposer(w, p, r)
    }
    case 'reject': {
      const r = onReject(p.proposer, p.pid, m.from, pl.ballot, pl.promised, s.quorum, s.config)
      delivered(counted(p, r.tally, pl.ballot, 1))
      return applyProposer(w, p, r)
    }
    case 'accepted': {
      const r = onAcceptedReply(p.proposer, m.from, p.pid, pl.ballot, s.quorum, s.config)
      if (s.config.learnerMode !== 'all') {
        delivered(counted(p, r.tally, pl.ballot, 2))
        return applyProposer(w, p, r)
      }
      const l = onAcceptedNotice(p.learner, m.from, pl.ballot, pl.value, s.quorum)
      // Every process learns from `accepted` here: the learner's count matters, not the proposer's.
      const already = p.learner.decided !== null ? { ignored: `P${p.pid} has already decided` } : null
      delivered(r.tally ?? l.tally ?? already ?? counted(p, null, pl.ballot, 2))
      p.learner = l.learner
      applyProposer(w, p, r)
      if (l.decided) decide(w, p, l.decided)
      return
    }
    case 'decide': {
      const had = p.learner.decided
      const l = onDecideNotice(p.learner, pl.ballot, pl.value)
      delivered(null)
      p.learner = l.learner
      if (had) for (const e of recordConflictingNotice(s, p.pid, had.value, pl)) w.emit(e)
      if (l.decided) decide(w, p, l.decided)
    }
  }
}

/** A learner decides; an active proposer at the same process stops. */
function decide(w: World, p: ProcState, pair: AcceptedPair): void {
  if (p.learner.decided === null) p.learner = { ...p.learner, decided: pair }
  w.emit({ kind: 'learner.decide', pid: p.pid, ballot: pair.ballot, value: pair.value })
  for (const e of recordDecision(w.state, p.pid, pair)) w.emit(e)
  applyProposer(w, p, onLearned(p.proposer, p.pid, pair))
}

/** Perform a proposer step's effects: events, broadcast, timer, learning. */
export function applyProposer(w: World, p: ProcState, r: ProposerStep): void {
  const s = w.state
  p.proposer = r.proposer
  for (const e of r.events) w.emit(e)
  if (r.learned && p.learner.decided === null) decide(w, p, r.learned)
  if (r.broadcast) broadcast(w, p.pid, r.broadcast, r.broadcast.type !== 'decide')
  if (r.timer === 'cancel') p.proposer = { ...p.proposer, timer: null }
  if (r.timer === 'timeout' || r.timer === 'retry') {
    const fireAt = (s.tick + timerDelay(s, r.timer, p.proposer.attempt)) as Tick
    const timer = { id: s.nextTimerId++, pid: p.pid, fireAt, purpose: r.timer, seq: s.nextSeq++ }
    p.proposer = { ...p.proposer, timer }
    w.emit({ kind: 'timer.set', pid: p.pid, timerId: timer.id, fireAt, purpose: r.timer })
  }
}

/** Ticks until a timer fires: the timeout, or the retry policy's (possibly random) delay. */
function timerDelay(s: SimState, purpose: 'timeout' | 'retry', attempt: number): number {
  const c = s.config
  if (purpose === 'timeout') return c.proposerTimeoutTicks
  if (c.retry.policy === 'fixed') return c.retry.delayTicks
  const spanTicks = Math.min(
    c.retry.backoffBaseTicks * 2 ** Math.max(0, attempt - 1),
    c.retry.backoffMaxTicks,
  )
  return 1 + intBetween(s.rng.backoff, 0, Math.max(0, spanTicks - 1))
}

/** Fire a process's pending timer (scheduled, or `now` by the user). */
export function fireTimer(w: World, p: ProcState, now: boolean): void {
  const t = p.proposer.timer
  if (!t) return
  p.proposer = { ...p.proposer, timer: null }
  w.emit({ kind: 'timer.fire', pid: p.pid, timerId: t.id, purpose: t.purpose, now })
  applyProposer(w, p, onTimer(p.proposer, p.pid, t.purpose, w.state.config))
}

export { proc as processOf }
