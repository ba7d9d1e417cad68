import { defaultMpConfig } from './config.ts'
import type { Effect, Step } from '../../kernel/module.ts'
import type { MsgId, ProcessId, Tick } from '../../kernel/types.ts'
import { onMessage } from './handlers.ts'
import { newReplica, type MpProcState, type ReplicaState } from './state.ts'
import type { Ctx } from './step.ts'
import type { Ballot, ClientCmd, MpConfig, MpEvent, MpMsg, MpTypes } from './types.ts'

/**
 * What the handler unit tests (handlers.*.test.ts) share: one input, one state, the exact next
 * state and outbox. Inputs are frozen, so a handler that mutates its input fails.
 */

export const b = (round: number, pid: number): Ballot => ({ round, pid })
export const put = (client: number, seq: number): ClientCmd => ({ op: 'put', client, seq, value: `x${seq}` })

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const v of Object.values(o)) deepFreeze(v)
  }
  return o
}

/** A context whose random draws all return `rand` (clamped to the asked range). */
export const ctx = (self: number, config: MpConfig = defaultMpConfig(), rand = 0): Ctx => ({
  config,
  self: self as ProcessId,
  now: 100 as Tick,
  processCount: config.replicaCount + config.workload.length,
  draw: (_stream, min, max) => Math.max(min, Math.min(max, rand)),
})
export const deliver = (
  s: MpProcState,
  from: number,
  payload: MpMsg,
  config?: MpConfig,
): Step<MpTypes> & { counted: unknown } => {
  const msg = {
    id: 77 as MsgId,
    from: from as ProcessId,
    to: s.pid as ProcessId,
    payload,
    sentAt: 90 as Tick,
    deliverAt: 100 as Tick,
    lost: false,
    dupOf: null,
    seq: 1,
    inReplyTo: null,
    broadcastId: null,
  }
  return onMessage(deepFreeze(s), { msg, ctx: ctx(s.pid, config) })
}
export const sends = (r: Step<MpTypes>): Effect<MpTypes>[] =>
  r.outbox.filter((e) => e.do === 'send' || e.do === 'reply' || e.do === 'broadcast')
/** The stamps the kernel fills when it logs an event (the frequent facts carry their slots: facts.ts). */
const STAMPS = new Set(['seq', 'step', 'tick', 'byUser', 'text'])
/** The facts a handler reported: each body and its pid, without the kernel's stamp slots. */
export const events = (r: Step<MpTypes>): MpEvent[] =>
  r.outbox.flatMap((e) =>
    e.do === 'emit'
      ? [Object.fromEntries(Object.entries(e.event).filter(([k]) => !STAMPS.has(k))) as MpEvent]
      : [],
  )
export const replica = (pid: number, over: Partial<ReplicaState> = {}): ReplicaState => ({
  ...newReplica(pid),
  ...over,
})
export const leader = (over: Partial<ReplicaState> = {}): ReplicaState =>
  replica(1, {
    status: 'leader',
    ballot: b(1, 1),
    leader: 1,
    leaderBallot: b(1, 1),
    maxRound: 1,
    promised: b(1, 1),
    ...over,
  })
