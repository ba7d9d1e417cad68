import type { ClientState, MpProcState, ReplicaState } from './state.ts'
import type { Counted, Effect, MpConfig, MpFact, MpMsg, TimerKey } from './types.ts'

/**
 * What a handler may know besides its own state: the config, who it is, the step (for the
 * client-observed history), the id of the message being handled (for `inReplyTo`), and an
 * integer source. The kernel draws `random` from its seeded PRNG stream, so handlers stay pure.
 */
export interface Ctx {
  readonly config: MpConfig
  readonly self: number
  readonly step: number
  /** Id of the message being delivered, or null for a timer or an input. */
  readonly msgId: number | null
  /** A uniform integer in [0, span). */
  readonly random: (span: number) => number
}

/** A handler's result: the next state and the effects to perform. The input state is untouched. */
export interface Step<S extends MpProcState = MpProcState> {
  readonly state: S
  readonly outbox: Effect[]
  readonly facts: MpFact[]
  readonly counted: Counted | null
}

type CowKey = 'accepted' | 'chosen' | 'proposals' | 'votes' | 'reported' | 'batch' | 'sessions'

/**
 * A handler's working copy. The state is copied shallowly once; arrays are copied on first
 * write (`own`), so a handler never mutates anything the caller (or a snapshot) still holds.
 */
export class Draft<S extends MpProcState> {
  readonly state: S
  readonly outbox: Effect[] = []
  readonly facts: MpFact[] = []
  counted: Counted | null = null
  private readonly copied = new Set<CowKey>()

  constructor(
    readonly ctx: Ctx,
    state: S,
  ) {
    this.state = { ...state }
  }

  /** A field of a replica draft that may be written: copied the first time. */
  own<K extends CowKey>(this: Draft<ReplicaState>, key: K): ReplicaState[K] {
    const r = this.state
    if (!this.copied.has(key)) {
      this.copied.add(key)
      const v = r[key]
      ;(r as Record<CowKey, unknown>)[key] = Array.isArray(v) ? v.slice() : { ...v }
    }
    return r[key]
  }

  send(to: number, msg: MpMsg, reply = false): void {
    this.outbox.push({ kind: 'send', to, msg, inReplyTo: reply ? this.ctx.msgId : null })
  }

  /** Send to every replica in `to` (the sender included when listed: "3 ACKs including itself"). */
  broadcast(to: readonly number[], msg: MpMsg): void {
    if (to.length === 1 && to[0] !== undefined) return this.send(to[0], msg)
    if (to.length > 0) this.outbox.push({ kind: 'broadcast', to, msg })
  }

  setTimer(key: TimerKey, delayTicks: number): void {
    this.outbox.push({ kind: 'timer.set', key, delayTicks: Math.max(1, delayTicks) })
  }

  cancelTimer(key: TimerKey): void {
    this.outbox.push({ kind: 'timer.cancel', key })
  }

  fact(f: MpFact): void {
    this.facts.push(f)
  }

  done(): Step<S> {
    return { state: this.state, outbox: this.outbox, facts: this.facts, counted: this.counted }
  }
}

export type ReplicaDraft = Draft<ReplicaState>
export type ClientDraft = Draft<ClientState>

/** Read a slot-indexed array (slot 1 is index 0). Pure. */
export function at<T>(arr: readonly (T | null)[], slot: number): T | null {
  return arr[slot - 1] ?? null
}

/** Write a slot-indexed array in place, padding with nulls. */
export function put<T>(arr: (T | null)[], slot: number, v: T | null): void {
  while (arr.length < slot - 1) arr.push(null)
  arr[slot - 1] = v
}
