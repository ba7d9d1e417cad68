import { intBetween, chancePercent, streamSeed, type Rng } from '../../engine/prng.ts'
import { newGhost, observe, type MpGhost, type MpViolation } from './ghost.ts'
import { onInput, onMessage, onRecover, onStart, onTimer, type MpInput } from './handlers.ts'
import { initialStates, isReplica, type ClientState, type MpProcState, type ReplicaState } from './state.ts'
import type { Ctx, Step } from './step.ts'
import type { MpConfig, MpFact, MpMsg, TimerKey } from './types.ts'

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
  readonly facts: { step: number; pid: number; fact: MpFact }[] = []
  readonly sent: Record<string, number> = {}
  private nextSeq = 1
  private nextId = 1
  private readonly rng: { latency: Rng; loss: Rng; protocol: Rng }
  private readonly latency: readonly [number, number]
  private readonly lossPercent: number

  constructor(
    readonly config: MpConfig,
    options: HarnessOptions = {},
  ) {
    const seed = options.seed ?? 1
    this.rng = {
      latency: { state: streamSeed(seed, 'latency') },
      loss: { state: streamSeed(seed, 'loss') },
      protocol: { state: streamSeed(seed, 'backoff') },
    }
    this.latency = options.latency ?? [8, 12]
    this.lossPercent = options.lossPercent ?? 0
    this.states = initialStates(config)
    this.up = this.states.map(() => true)
    this.timers = this.states.map(() => new Map())
    this.states.forEach((s) => this.apply(s.pid, null, onStart(this.ctx(s.pid, null), s)))
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

  private ctx(pid: number, msgId: number | null): Ctx {
    return {
      config: this.config,
      self: pid,
      step: this.step,
      msgId,
      random: (span) => intBetween(this.rng.protocol, 0, Math.max(0, span - 1)),
    }
  }

  private apply(pid: number, _msgId: number | null, r: Step): void {
    this.states[pid - 1] = r.state
    for (const f of r.facts) {
      this.facts.push({ step: this.step, pid, fact: f })
      this.violations.push(...observe(this.ghost, this.config, pid, f))
    }
    for (const e of r.outbox) {
      if (e.kind === 'send') this.send(pid, e.to, e.msg, e.inReplyTo)
      else if (e.kind === 'broadcast') for (const to of e.to) this.send(pid, to, e.msg, null)
      else if (e.kind === 'timer.set')
        this.timers[pid - 1]?.set(e.key, { fireAt: this.tick + e.delayTicks, seq: this.nextSeq++ })
      else this.timers[pid - 1]?.delete(e.key)
    }
  }

  private send(from: number, to: number, msg: MpMsg, inReplyTo: number | null): void {
    const local = from === to
    const [min, max] = this.latency
    const latency = local ? 0 : intBetween(this.rng.latency, min, max)
    const lost = !local && chancePercent(this.rng.loss, this.lossPercent)
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
      if (s) this.apply(due.pid, null, onTimer(this.ctx(due.pid, null), s, due.key))
    }
    return true
  }

  private deliver(w: Wire): void {
    const s = this.states[w.to - 1]
    if (!s || w.lost || !this.up[w.to - 1] || this.cut(w.from, w.to)) return
    this.apply(w.to, w.id, onMessage(this.ctx(w.to, w.id), s, w.from, w.msg))
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
    this.up[pid - 1] = false
    this.timers[pid - 1]?.clear()
    this.inFlight = this.inFlight.filter((m) => m.to !== pid)
  }

  recover(pid: number): void {
    const s = this.states[pid - 1]
    if (!s || this.up[pid - 1]) return
    this.up[pid - 1] = true
    this.apply(pid, null, onRecover(this.ctx(pid, null), s))
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
    const latency = intBetween(this.rng.latency, this.latency[0], this.latency[1])
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
    if (s && this.up[pid - 1]) this.apply(pid, null, onInput(this.ctx(pid, null), s, input))
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
