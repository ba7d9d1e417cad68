import {
  msgDeliver,
  msgDrop,
  msgCopyByHand,
  msgSend,
  timerCancel as timerCancelBody,
  timerFire as timerFireBody,
  timerSet as timerSetBody,
} from './bodies.ts'
import { LIMITS } from './limits.ts'
import { removeAt, timerIndex } from './lists.ts'
import type { Context, Effect, Outbox, ProtocolModule, ProtocolTypes, RunEvent } from './module.ts'
import { chancePercent, intBetween, nextU32, type Rng } from './prng.ts'
import type { KernelState, ProcRecord } from './state.ts'
import type { Counted, DropReason, Message, MsgId, ProcessId, Tick } from './types.ts'

/**
 * The kernel's side of a run: it alone moves messages and fires timers, feeds them to the
 * protocol's pure handlers, and performs their outboxes. Every observable change is logged
 * through `emit`; a subclass decides what logging means (the simulator narrates and keeps a
 * log; the explorer keeps only what its goal needs).
 */
export abstract class World<T extends ProtocolTypes> {
  private readonly ctx: {
    self: ProcessId
    now: Tick
    config: T['Config']
    processCount: number
    draw: Context<T>['draw']
  }

  /** A world over `state`, or over a fresh run's state when given a config and seed. */
  constructor(
    readonly module: ProtocolModule<T>,
    public state: KernelState<T>,
  ) {
    this.ctx = {
      self: 0 as ProcessId,
      now: 0 as Tick,
      config: state.config,
      processCount: module.lanes(state.config).length,
      draw: (stream, min, max) => {
        const rng = this.state.rng[stream] as Rng | undefined
        if (!rng) throw new Error(`protocol ${this.module.id} drew from undeclared stream ${stream}`)
        return intBetween(rng, min, max)
      },
    }
  }

  /** Append one event body to the log (the caller passes a fresh object; see ARCHITECTURE.md). */
  protected abstract record(body: RunEvent<T>): void

  /** Log an event, then let the observer see it and log what it concludes (indexed loop: no iterator per event). */
  emit(body: RunEvent<T>): void {
    this.record(body)
    const s = this.state
    const concluded = this.module.observer.observe(s.ghost, body, s)
    for (let i = 0; i < concluded.length; i++) {
      const e = concluded[i] as RunEvent<T>
      if (e.kind === 'invariant.violated') s.violations++
      this.record(e)
    }
  }

  /** The handler context for process `self`, now. Handlers must not keep it: it is reused. */
  context(self: ProcessId): Context<T> {
    this.ctx.self = self
    this.ctx.now = this.state.tick
    return this.ctx
  }

  /** The inputs of `onMessage` and `onTimer`, reused like the context (one per call was garbage). */
  readonly messageInput: { msg: Message<T['Msg']>; ctx: Context<T> } = {
    msg: null as unknown as Message<T['Msg']>,
    ctx: null as unknown as Context<T>,
  }
  readonly timerInput: { key: T['TimerKey']; ctx: Context<T> } = {
    key: '' as T['TimerKey'],
    ctx: null as unknown as Context<T>,
  }

  /** Perform a handler's effects in order, on behalf of `p` (answering `handled`, if any). */
  perform(p: ProcRecord<T>, outbox: Outbox<T>, handled: Message<T['Msg']> | null): void {
    for (let i = 0; i < outbox.length; i++) this.effect(p, outbox[i] as Effect<T>, handled)
  }

  private effect(p: ProcRecord<T>, fx: Effect<T>, handled: Message<T['Msg']> | null): void {
    switch (fx.do) {
      case 'send':
        send(this, p.pid, fx.to, fx.msg, null, null)
        return
      case 'reply':
        if (!handled) throw new Error(`protocol ${this.module.id} replied outside onMessage`)
        send(this, p.pid, handled.from, fx.msg, handled.id, null)
        return
      case 'broadcast':
        return broadcast(this, p.pid, fx, fx.replying && handled ? handled : null)
      case 'timer.set':
        return setTimer(this, p.pid, fx.key, fx.afterTicks)
      case 'timer.cancel':
        return cancelTimer(this, p.pid, fx.key)
      case 'emit':
        return this.emit(fx.event)
    }
  }
}

/** Put a message on the wire; `byHand`: a copy the user made (its send says so). */
function enqueue<T extends ProtocolTypes>(w: World<T>, m: Message<T['Msg']>, byHand = false): void {
  const s = w.state
  w.emit(byHand ? msgCopyByHand(m) : msgSend(m))
  if (s.inFlight.length >= LIMITS.inFlightMax) {
    w.emit({ kind: 'limit.reached', limit: 'in-flight', value: LIMITS.inFlightMax })
    w.emit(msgDrop(m, 'limit'))
    return
  }
  s.inFlight.push(m)
}

/** Send one message: latency, loss and duplication are drawn from their own seeded streams. */
export function send<T extends ProtocolTypes>(
  w: World<T>,
  from: ProcessId,
  to: ProcessId,
  payload: T['Msg'],
  inReplyTo: MsgId | null,
  broadcastId: MsgId | null,
): MsgId {
  const s = w.state
  const c = s.config
  const r = s.rng as Record<'latency' | 'loss' | 'duplicate', Rng>
  const local = from === to
  const id = s.nextMsgId++ as MsgId
  const latency = local ? 0 : intBetween(r.latency, c.latencyTicksMin, c.latencyTicksMax)
  const lost = !local && chancePercent(r.loss, c.lossPercent)
  const sentAt = s.tick
  // Literals rather than object spreads: spreading here was the engine's main hotspot. The key
  // order is part of the log's JSON (and so of its hash): keep it.
  const deliverAt = (sentAt + latency) as Tick
  const seq = s.nextSeq++
  enqueue(w, { from, to, payload, sentAt, id, deliverAt, lost, dupOf: null, seq, inReplyTo, broadcastId })
  if (local || !chancePercent(r.duplicate, c.duplicatePercent)) return id
  // The copy's latency and loss are drawn from the duplication stream (always one draw for loss),
  // so turning duplication up or down never shifts the latency or loss of any other message, and
  // turning loss up never shifts which messages are duplicated.
  const copyLatency = intBetween(r.duplicate, c.latencyTicksMin, c.latencyTicksMax)
  const copyLost = nextU32(r.duplicate) % 100 < c.lossPercent
  const copyId = s.nextMsgId++ as MsgId
  const copyAt = (sentAt + copyLatency) as Tick
  const copySeq = s.nextSeq++
  enqueue(w, {
    from,
    to,
    payload,
    sentAt,
    id: copyId,
    lost: copyLost,
    dupOf: id,
    seq: copySeq,
    deliverAt: copyAt,
    inReplyTo,
    broadcastId,
  })
  return id
}

/** One send per process of the audience, in pid order, sharing the first message's id as `broadcastId`. */
function broadcast<T extends ProtocolTypes>(
  w: World<T>,
  from: ProcessId,
  fx: Extract<Effect<T>, { do: 'broadcast' }>,
  answering: Message<T['Msg']> | null,
): void {
  const n = w.state.procs.length
  // The first send takes the next id: every copy of this broadcast carries it. Plain loops, no
  // closure: this runs for most sends.
  const bid = w.state.nextMsgId as MsgId
  const reply = answering !== null ? answering.id : null
  const asker = answering !== null ? answering.from : 0
  if (fx.to === 'all' || fx.to === 'others') {
    for (let to = 1; to <= n; to++) {
      if (fx.to === 'others' && to === from) continue
      send(w, from, to as ProcessId, fx.msg, to === asker ? reply : null, bid)
    }
  } else
    for (let i = 0; i < fx.to.length; i++) {
      const to = fx.to[i] as ProcessId
      send(w, from, to, fx.msg, to === asker ? reply : null, bid)
    }
}

/** A user-made copy of an in-flight message, with a fresh latency. */
export function duplicate<T extends ProtocolTypes>(w: World<T>, m: Message<T['Msg']>): void {
  const s = w.state
  const latency = intBetween(s.rng.latency as Rng, s.config.latencyTicksMin, s.config.latencyTicksMax)
  const id = s.nextMsgId++ as MsgId
  enqueue(
    w,
    {
      ...m,
      id,
      sentAt: s.tick,
      deliverAt: (s.tick + latency) as Tick,
      lost: false,
      dupOf: m.id,
      seq: s.nextSeq++,
    },
    true,
  )
}

/** Remove a message from the wire; returns it, or null when it is not in flight. */
export function takeInFlight<T extends ProtocolTypes>(
  s: KernelState<T>,
  id: number,
): Message<T['Msg']> | null {
  const i = s.inFlight.findIndex((m) => m.id === id)
  if (i < 0) return null
  const [m] = s.inFlight.splice(i, 1)
  return m ?? null
}

export function drop<T extends ProtocolTypes>(w: World<T>, m: Message<T['Msg']>, reason: DropReason): void {
  w.emit(msgDrop(m, reason))
}

export function processOf<T extends ProtocolTypes>(s: KernelState<T>, p: ProcessId): ProcRecord<T> {
  const found = s.procs[p - 1]
  if (!found) throw new Error(`no process P${p}`)
  return found
}

/** Deliver a message already taken off the wire (by the scheduler, or `now` by the user). */
export function deliver<T extends ProtocolTypes>(w: World<T>, m: Message<T['Msg']>, now: boolean): void {
  const s = w.state
  const target = processOf(s, m.to)
  if (m.lost && !now) return drop(w, m, 'loss')
  if (!target.up) return drop(w, m, 'crash')
  if (s.groups !== null && s.groups[m.from - 1] !== s.groups[m.to - 1]) return drop(w, m, 'partition')
  const input = w.messageInput
  input.msg = m
  input.ctx = w.context(target.pid)
  const r = w.module.onMessage(target.local, input)
  target.local = r.state
  const counted: Counted | null = r.counted
  w.emit(msgDeliver(m, now, counted))
  w.perform(target, r.outbox, m)
}

/** (Re)arm timer `key` of process `pid`; logged. */
function setTimer<T extends ProtocolTypes>(
  w: World<T>,
  pid: ProcessId,
  key: T['TimerKey'],
  afterTicks: number,
): void {
  const s = w.state
  const i = timerIndex(s.timers, pid, key)
  if (i >= 0) removeAt(s.timers, i)
  const fireAt = (s.tick + afterTicks) as Tick
  const timer = { id: s.nextTimerId++, pid, key, fireAt, seq: s.nextSeq++ }
  s.timers.push(timer)
  w.emit(timerSetBody(pid, timer.id, fireAt, key))
}

/** Disarm timer `key` of process `pid`: logged when one was pending (a no-op otherwise). */
function cancelTimer<T extends ProtocolTypes>(w: World<T>, pid: ProcessId, key: T['TimerKey']): void {
  const s = w.state
  const i = timerIndex(s.timers, pid, key)
  if (i < 0) return
  const t = s.timers[i]
  removeAt(s.timers, i)
  if (t) w.emit(timerCancelBody(pid, t.id, key, t.fireAt))
}

/** The timer of `pid` with `key`, or its earliest one when no key is given. */
export function timerOf<T extends ProtocolTypes>(s: KernelState<T>, pid: number, key?: string) {
  let best: KernelState<T>['timers'][number] | null = null
  for (const t of s.timers) {
    if (t.pid !== pid || (key !== undefined && t.key !== key)) continue
    if (!best || t.fireAt < best.fireAt || (t.fireAt === best.fireAt && t.seq < best.seq)) best = t
  }
  return best
}

/** Fire a pending timer (scheduled, or `now` by the user). */
export function fireTimer<T extends ProtocolTypes>(
  w: World<T>,
  t: KernelState<T>['timers'][number],
  now: boolean,
): void {
  const s = w.state
  removeAt(s.timers, s.timers.indexOf(t))
  const p = processOf(s, t.pid)
  w.emit(timerFireBody(t.pid, t.id, t.key, now))
  const input = w.timerInput
  input.key = t.key
  input.ctx = w.context(p.pid)
  const r = w.module.onTimer(p.local, input)
  p.local = r.state
  w.perform(p, r.outbox, null)
}
