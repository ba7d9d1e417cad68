import type { RunEvent, Step } from '../../kernel/module.ts'
import type { Message, MsgId, ProcessId, Tick } from '../../kernel/types.ts'
import { newGhost, observe, type MpGhost, type MpViolation } from './ghost.ts'
import { init, onCrash, onMessage, onRecover, onRequest, onStart, onTimer } from './handlers.ts'
import { isReplica, processCount, type ClientState, type MpProcState, type ReplicaState } from './state.ts'
import type { Ctx } from './step.ts'
import type { ClientOp, MpConfig, MpEvent, MpMsg, MpTypes, TimerKey } from './types.ts'

/** Mulberry32: a tiny seeded integer source, so the harness needs nothing from the kernel. */
function rng(seed: number): (min: number, max: number) => number {
  let a = seed >>> 0 || 1
  return (min, max) => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    const u = (t ^ (t >>> 14)) >>> 0
    return max <= min ? min : min + Math.floor((u / 0x1_0000_0000) * (max - min + 1))
  }
}

/** What a test asks a process to do: campaign (a replica) or send a command (a client). */
export type MpInput = { readonly type: 'campaign' } | { readonly type: 'request'; readonly op: ClientOp }

/**
 * A small deterministic network for unit and property tests of the protocol alone: seeded
 * latency and loss, crashes (timers and messages to the process are lost), partitions, keyed
 * timers, self-messages with zero latency. The scheduler takes the earliest due delivery or timer,
 * ties by scheduling order. It feeds every fact to the invariant checker.
 */

export interface Wire {
  readonly id: number
  readonly from: number
  readonly to: number
  readonly msg: MpMsg
  readonly deliverAt: number
  readonly seq: number
  readonly lost: boolean
  readonly inReplyTo: number | null
}

export interface HarnessOptions {
  readonly seed?: number
  readonly latency?: readonly [number, number]
  readonly lossPercent?: number
}

interface TimerEntry {
  readonly fireAt: number
  readonly seq: number
}

export class Harness {
  states: MpProcState[]
  up: boolean[]
  inFlight: Wire[] = []
  timers: Map<TimerKey, TimerEntry>[]
  groups: number[] | null = null
  tick = 0
  step = 0
  readonly ghost: MpGhost = newGhost()
  readonly violations: MpViolation[] = []
  readonly facts: { step: number; pid: number; fact: MpEvent }[] = []
  /** A kernel-shaped log: deliveries, timer firings and protocol events, each with its step. */
  readonly events: (RunEvent<MpTypes> & { step: number })[] = []
  readonly sent: Record<string, number> = {}
  private nextSeq = 1
  private nextId = 1
  private readonly rng: {
    latency: ReturnType<typeof rng>
    loss: ReturnType<typeof rng>
    protocol: ReturnType<typeof rng>
  }
  private readonly latency: readonly [number, number]
  private readonly lossPercent: number

  constructor(
    readonly config: MpConfig,
    options: HarnessOptions = {},
  ) {
    const seed = options.seed ?? 1
    this.rng = { latency: rng(seed * 3 + 1), loss: rng(seed * 5 + 2), protocol: rng(seed * 7 + 3) }
    this.latency = options.latency ?? [8, 12]
    this.lossPercent = options.lossPercent ?? 0
    this.states = Array.from({ length: processCount(config) }, (_, i) => init(this.ctx(i + 1)))
    this.up = this.states.map(() => true)
    this.timers = this.states.map(() => new Map())
    this.states.forEach((s) => this.apply(s.pid, null, onStart(s, { ctx: this.ctx(s.pid) })))
  }

  replica(pid: number): ReplicaState {
    const s = this.states[pid - 1]
    if (s?.role !== 'replica') throw new Error(`P${pid} is not a replica`)
    return s
  }

  client(n: number): ClientState {
    const s = this.states[this.config.replicaCount + n - 1]
    if (s?.role !== 'client') throw new Error(`C${n} is not a client`)
    return s
  }

  private ctx(pid: number): Ctx {
    return {
      config: this.config,
      self: pid as ProcessId,
      now: this.tick as Tick,
      processCount: this.states?.length ?? processCount(this.config),
      draw: (_stream, min, max) => this.rng.protocol(min, max),
    }
  }

  /** Perform a handler's outbox in order, as the kernel does; `handled` is the message being handled. */
  private apply(pid: number, handled: Wire | null, r: Step<MpTypes>): void {
    this.states[pid - 1] = r.state
    for (const e of r.outbox) {
      if (e.do === 'send') this.send(pid, e.to, e.msg, null)
      else if (e.do === 'reply' && handled) this.send(pid, handled.from, e.msg, handled.id)
      else if (e.do === 'broadcast') {
        const all = this.states.map((s) => s.pid)
        const to = e.to === 'all' ? all : e.to === 'others' ? all.filter((p) => p !== pid) : e.to
        for (const p of to) this.send(pid, p, e.msg, null)
      } else if (e.do === 'timer.set')
        this.timers[pid - 1]?.set(e.key, { fireAt: this.tick + e.afterTicks, seq: this.nextSeq++ })
      else if (e.do === 'timer.cancel') this.timers[pid - 1]?.delete(e.key)
      else if (e.do === 'emit') this.observe(e.event)
    }
  }

  private observe(event: MpEvent): void {
    this.facts.push({ step: this.step, pid: event.pid, fact: event })
    this.events.push({ ...event, step: this.step })
    for (const c of observe(this.ghost, this.config, event)) {
      if (c.kind === 'invariant.violated') this.violations.push(c)
      else this.facts.push({ step: this.step, pid: c.pid, fact: c })
    }
  }

  private send(from: number, to: number, msg: MpMsg, inReplyTo: number | null): void {
    const local = from === to
    const [min, max] = this.latency
    const latency = local ? 0 : this.rng.latency(min, max)
    const lost = !local && this.rng.loss(0, 99) < this.lossPercent
    this.sent[msg.type] = (this.sent[msg.type] ?? 0) + 1
    const id = this.nextId++
    this.inFlight.push({
      id,
      from,
      to,
      msg,
      deliverAt: this.tick + latency,
      seq: this.nextSeq++,
      lost,
      inReplyTo,
    })
  }

  /** The next due item: a message or a timer of a live process. */
  private nextDue(): { wire: Wire } | { pid: number; key: TimerKey; at: TimerEntry } | null {
    let best: Wire | null = null
    for (const m of this.inFlight)
      if (!best || m.deliverAt < best.deliverAt || (m.deliverAt === best.deliverAt && m.seq < best.seq))
        best = m
    let timer: { pid: number; key: TimerKey; at: TimerEntry } | null = null
    this.timers.forEach((map, i) => {
      if (!this.up[i]) return
      for (const [key, at] of map) {
        if (!timer || at.fireAt < timer.at.fireAt || (at.fireAt === timer.at.fireAt && at.seq < timer.at.seq))
          timer = { pid: i + 1, key, at }
      }
    })
    const t = timer as { pid: number; key: TimerKey; at: TimerEntry } | null
    if (
      t &&
      (!best || t.at.fireAt < best.deliverAt || (t.at.fireAt === best.deliverAt && t.at.seq < best.seq))
    )
      return t
    return best ? { wire: best } : null
  }

  /** One scheduler step; false when nothing is left to do. */
  next(): boolean {
    const due = this.nextDue()
    if (!due) return false
    this.step++
    if ('wire' in due) {
      this.tick = Math.max(this.tick, due.wire.deliverAt)
      this.inFlight.splice(this.inFlight.indexOf(due.wire), 1)
      this.deliver(due.wire)
    } else {
      this.tick = Math.max(this.tick, due.at.fireAt)
      this.timers[due.pid - 1]?.delete(due.key)
      const s = this.states[due.pid - 1]
      const fire = {
        kind: 'timer.fire' as const,
        pid: due.pid as ProcessId,
        timerId: 0,
        key: due.key,
        now: false,
      }
      this.events.push({ ...fire, step: this.step })
      if (s) this.apply(due.pid, null, onTimer(s, { key: due.key, ctx: this.ctx(due.pid) }))
    }
    return true
  }

  private deliver(w: Wire): void {
    const s = this.states[w.to - 1]
    if (!s || w.lost || !this.up[w.to - 1] || this.cut(w.from, w.to)) return
    const msg: Message<MpMsg> = {
      id: w.id as MsgId,
      from: w.from as ProcessId,
      to: w.to as ProcessId,
      payload: w.msg,
      sentAt: 0 as Tick,
      deliverAt: w.deliverAt as Tick,
      lost: false,
      dupOf: null,
      seq: w.seq,
      inReplyTo: w.inReplyTo as MsgId | null,
      broadcastId: null,
    }
    const r = onMessage(s, { msg, ctx: this.ctx(w.to) })
    this.events.push({ kind: 'msg.deliver', msg, now: false, counted: r.counted, step: this.step })
    this.apply(w.to, w, r)
  }

  private cut(a: number, b: number): boolean {
    return this.groups !== null && this.groups[a - 1] !== this.groups[b - 1]
  }

  run(maxSteps = 5_000): this {
    for (let i = 0; i < maxSteps && this.next(); i++);
    return this
  }

  runUntil(done: (h: Harness) => boolean, maxSteps = 5_000): boolean {
    for (let i = 0; i < maxSteps; i++) {
      if (done(this)) return true
      if (!this.next()) return done(this)
    }
    return done(this)
  }

  crash(pid: number): void {
    const s = this.states[pid - 1]
    if (!s || !this.up[pid - 1]) return
    this.up[pid - 1] = false
    this.states[pid - 1] = onCrash(s).state
    this.timers[pid - 1]?.clear()
    this.inFlight = this.inFlight.filter((m) => m.to !== pid)
  }

  recover(pid: number): void {
    const s = this.states[pid - 1]
    if (!s || this.up[pid - 1]) return
    this.up[pid - 1] = true
    this.apply(pid, null, onRecover(s, { ctx: this.ctx(pid) }))
  }

  /** Split the processes into groups (lists of pids); unlisted ones join the first group. */
  partition(groups: readonly (readonly number[])[]): void {
    this.groups = this.states.map((s) =>
      Math.max(
        0,
        groups.findIndex((g) => g.includes(s.pid)),
      ),
    )
  }

  heal(): void {
    this.groups = null
  }

  /** Remove in-flight messages matching `pred`; returns how many. */
  drop(pred: (w: Wire) => boolean): number {
    const before = this.inFlight.length
    this.inFlight = this.inFlight.filter((w) => !pred(w))
    return before - this.inFlight.length
  }

  /** A network duplicate of an in-flight message, with a fresh latency. */
  duplicate(id: number): void {
    const w = this.inFlight.find((m) => m.id === id)
    if (!w || w.from === w.to) return
    const latency = this.rng.latency(this.latency[0], this.latency[1])
    this.inFlight.push({
      ...w,
      id: this.nextId++,
      deliverAt: this.tick + latency,
      seq: this.nextSeq++,
      lost: false,
    })
  }

  /** Deliver an in-flight message now, ahead of its turn (a reordering); counts as a step. */
  deliverNow(id: number): void {
    const w = this.inFlight.find((m) => m.id === id)
    if (!w) return
    this.step++
    this.inFlight.splice(this.inFlight.indexOf(w), 1)
    this.deliver({ ...w, lost: false })
  }

  input(pid: number, input: MpInput): void {
    const s = this.states[pid - 1]
    const value = input.type === 'campaign' ? 'campaign' : input.op
    if (s && this.up[pid - 1]) this.apply(pid, null, onRequest(s, { value, ctx: this.ctx(pid) }))
  }

  leaders(): number[] {
    return this.states
      .filter((s, i) => s.role === 'replica' && s.status === 'leader' && this.up[i])
      .map((s) => s.pid)
  }

  /** All clients have every scripted command answered. */
  clientsDone(): boolean {
    return this.states.every(
      (s) =>
        s.role !== 'client' ||
        (s.pending === null && s.nextOp >= (this.config.workload[s.client - 1]?.length ?? 0)),
    )
  }

  isReplica(pid: number): boolean {
    return isReplica(this.config, pid)
  }
}
