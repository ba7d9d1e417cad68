import type { Context, Delivery, Effect } from '../../kernel/module.ts'
import type { Counted, ProcessId } from '../../kernel/types.ts'
import { copyClient, copyReplica, type ClientState, type MpProcState, type ReplicaState } from './state.ts'
import type { MpEventBody, MpMsg, MpTypes, TimerKey } from './types.ts'

/** What a handler may know besides its own state (the kernel's context). */
export type Ctx = Context<MpTypes>

/** The one random stream the protocol draws from: election timeouts and backoff delays. */
export const RANDOM_STREAM = 'election'

/** A uniform integer in [0, span) from the protocol's seeded stream. */
export const random = (ctx: Ctx, span: number): number => ctx.draw(RANDOM_STREAM, 0, Math.max(1, span) - 1)

type CowKey = 'batch' | 'sessions'

/**
 * Where drafts collect their effects. An array grown by `push` from empty gets room for 17
 * entries at once (about 190 bytes), for the one to five effects a handler usually has; on every
 * delivery that was a tenth of what a long run allocated besides its log. So effects are written
 * here, and `done` copies them into an outbox of exactly their number. One draft at a time
 * (handlers run one after another and never nest); a second draft made while one is open keeps
 * its own array, so correctness never depends on it.
 */
const SCRATCH: Effect<MpTypes>[] = []
let scratchBusy = false

/**
 * A handler's working copy. The state is copied shallowly once; arrays are copied on first
 * write (`own`), so a handler never mutates anything the caller (or a snapshot) still holds.
 * Effects go to the outbox in the order they happen: that is the order of the log. `done`
 * returns the draft itself, which has the fields of a `Delivery` (no second object per call).
 */
export class Draft<S extends MpProcState> {
  readonly state: S
  outbox: Effect<MpTypes>[]
  counted: Counted | null = null
  private effects = 0
  private ownBatch = false
  private ownSessions = false

  constructor(
    readonly ctx: Ctx,
    state: S,
  ) {
    this.state = (state.role === 'replica' ? copyReplica(state) : copyClient(state)) as S
    this.outbox = scratchBusy ? [] : SCRATCH
    scratchBusy = true
  }

  private add(fx: Effect<MpTypes>): void {
    this.outbox[this.effects++] = fx
  }

  /** A field of a replica draft that may be written: copied the first time. */
  own<K extends CowKey>(this: Draft<ReplicaState>, key: K): ReplicaState[K] {
    const r = this.state
    if (key === 'batch' && !this.ownBatch) {
      this.ownBatch = true
      r.batch = r.batch.slice()
    } else if (key === 'sessions' && !this.ownSessions) {
      this.ownSessions = true
      r.sessions = r.sessions.slice()
    }
    return r[key]
  }

  send(to: number, msg: MpMsg): void {
    this.add({ do: 'send', to: to as ProcessId, msg })
  }

  /** Answer the message being handled (the log records which request it answers). */
  reply(msg: MpMsg): void {
    this.add({ do: 'reply', msg })
  }

  /** Send to every listed process (the sender included when listed: "3 ACKs including itself"). */
  broadcast(to: readonly number[], msg: MpMsg): void {
    if (to.length === 1 && to[0] !== undefined) return this.send(to[0], msg)
    if (to.length > 0) this.add({ do: 'broadcast', to: to as readonly ProcessId[], msg })
  }

  setTimer(key: TimerKey, afterTicks: number): void {
    this.add({ do: 'timer.set', key, afterTicks: Math.max(1, afterTicks) })
  }

  cancelTimer(key: TimerKey): void {
    this.add({ do: 'timer.cancel', key })
  }

  /**
   * Log a protocol event made by this process. Every caller passes a fresh literal, so it is
   * stamped with `pid` in place (last, as a spread would put it) rather than copied.
   */
  fact(f: MpEventBody): void {
    const event = f as MpEventBody & { pid: number }
    event.pid = this.ctx.self
    this.add({ do: 'emit', event })
  }

  /** The handler's result: this draft, its outbox now exactly its effects (see `SCRATCH`). */
  done(): Delivery<MpTypes> {
    if (this.outbox === SCRATCH) {
      this.outbox = SCRATCH.slice(0, this.effects)
      // Let go of the effects (the kernel holds the copy only while it performs it).
      for (let i = 0; i < this.effects; i++) SCRATCH[i] = NO_EFFECT
      scratchBusy = false
    }
    return this
  }
}

/** What the scratch holds where it holds nothing: a valid effect, so its elements keep one kind. */
const NO_EFFECT: Effect<MpTypes> = Object.freeze({ do: 'timer.cancel', key: 'next' })

export type ReplicaDraft = Draft<ReplicaState>
export type ClientDraft = Draft<ClientState>

export { slotGet as at } from './slots.ts'
