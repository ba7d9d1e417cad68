import type { Delivery, RequestForm, Step } from '../../kernel/module.ts'
import type { Message } from '../../kernel/types.ts'
import { onAccept, onHeartbeat, onPrepare } from './acceptor.ts'
import {
  CLIENT_REQUEST_HELP,
  issue,
  onRedirect,
  onReply,
  onRetryTimer,
  parseClientRequest,
} from './client.ts'
import { campaign, electionTimeout, onElectionTimer, onPromise, onReject } from './election.ts'
import { flushBatch, onAccepted, onHeartbeatTimer, onRequest as onClientRequest } from './leader.ts'
import { onCatchup, onCatchupRequest } from './learn.ts'
import {
  isReplica,
  newClient,
  newReplica,
  recoveredReplica,
  type ClientState,
  type MpProcState,
  type ReplicaState,
} from './state.ts'
import { Draft, type Ctx } from './step.ts'
import type { MpMsg, MpTypes, TimerKey } from './types.ts'

/**
 * The protocol's entry points in the kernel's shapes: `(state, input) → { state, outbox }`.
 * Pure: the given state is never mutated, and randomness comes only from `ctx.draw`.
 */

const replica = (ctx: Ctx, s: ReplicaState): Draft<ReplicaState> => new Draft(ctx, s)
const client = (ctx: Ctx, s: ClientState): Draft<ClientState> => new Draft(ctx, s)

/** A process at the start of a run: replicas P1..Pn, then clients C1..Cc. Pure. */
export function init(ctx: Ctx): MpProcState {
  const c = ctx.config
  return isReplica(c, ctx.self) ? newReplica(ctx.self) : newClient(c, ctx.self - c.replicaCount)
}

/** At time 0: followers arm their election timers (the initial leader campaigns at once); clients start. */
export function onStart(s: MpProcState, { ctx }: { readonly ctx: Ctx }): Step<MpTypes> {
  if (s.role === 'client') {
    const d = client(ctx, s)
    if ((ctx.config.workload[s.client - 1]?.length ?? 0) > 0) d.setTimer('next', ctx.config.clientStartTicks)
    return d.done()
  }
  const d = replica(ctx, s)
  d.setTimer('election', ctx.config.initialLeader === s.pid ? 1 : electionTimeout(ctx))
  return d.done()
}

/** Deliver one message. */
export function onMessage(
  s: MpProcState,
  { msg, ctx }: { readonly msg: Message<MpMsg>; readonly ctx: Ctx },
): Delivery<MpTypes> {
  const from = msg.from
  const m = msg.payload
  if (s.role === 'client') {
    const d = client(ctx, s)
    if (m.type === 'reply') onReply(d, from, m.seq, m.result)
    else if (m.type === 'redirect') onRedirect(d, from, m.seq, m.leader)
    else d.counted = { ignored: `a client does not handle ${m.type}` }
    return d.done()
  }
  const d = replica(ctx, s)
  if (m.type === 'request') onClientRequest(d, from, m.cmd)
  else if (m.type === 'prepare') onPrepare(d, from, m.ballot, m.fromSlot)
  else if (m.type === 'promise') onPromise(d, from, m.ballot, m.accepted)
  else if (m.type === 'reject') onReject(d, m.ballot, m.promised)
  else if (m.type === 'accept') onAccept(d, from, m.ballot, m.entries, m.commit)
  else if (m.type === 'accepted') onAccepted(d, from, m.ballot, m.slots)
  else if (m.type === 'heartbeat') onHeartbeat(d, from, m.ballot, m.commit)
  else if (m.type === 'catchup-request') onCatchupRequest(d, m.fromSlot)
  else if (m.type === 'catchup') onCatchup(d, m.entries)
  else d.counted = { ignored: `a replica does not handle ${m.type}` }
  return d.done()
}

/** A keyed timer fired. */
export function onTimer(
  s: MpProcState,
  { key, ctx }: { readonly key: TimerKey; readonly ctx: Ctx },
): Step<MpTypes> {
  if (s.role === 'client') {
    const d = client(ctx, s)
    if (key === 'next') issue(d)
    if (key === 'retry') onRetryTimer(d)
    return d.done()
  }
  const d = replica(ctx, s)
  if (key === 'election' || key === 'backoff') onElectionTimer(d)
  if (key === 'heartbeat') onHeartbeatTimer(d)
  if (key === 'batch') flushBatch(d)
  return d.done()
}

/** A crash: a replica keeps only its acceptor state (stable storage); a client keeps everything. */
export function onCrash(s: MpProcState): Step<MpTypes> {
  return { state: s.role === 'replica' ? recoveredReplica(s) : s, outbox: [] }
}

/**
 * Recovery: a replica learns the commit point again from the leader and catches up; it arms its
 * election timer. A client resumes its pending command, or its script.
 */
export function onRecover(s: MpProcState, { ctx }: { readonly ctx: Ctx }): Step<MpTypes> {
  if (s.role === 'client') {
    const d = client(ctx, s)
    if (s.pending !== null) d.setTimer('retry', 1)
    else if (s.nextOp < (ctx.config.workload[s.client - 1]?.length ?? 0)) d.setTimer('next', 1)
    return d.done()
  }
  const d = replica(ctx, recoveredReplica(s))
  d.fact({ kind: 'replica.recover' })
  d.setTimer('election', electionTimeout(ctx))
  return d.done()
}

/**
 * A user's request (the `propose` intervention): at a client, `put`, `put <value>` or `get` sends
 * that command now (`requestProblem` refuses any other text first); at a replica, the value is not
 * read: it suspects the leader and campaigns now.
 */
export function onRequest(
  s: MpProcState,
  { value, ctx }: { readonly value: string; readonly ctx: Ctx },
): Step<MpTypes> {
  if (s.role === 'client') {
    const d = client(ctx, s)
    // A scenario saved before requests were checked may hold other text: it was a put then.
    issue(d, parseClientRequest(value) ?? { op: 'put' })
    return d.done()
  }
  const d = replica(ctx, s)
  if (s.status !== 'leader') campaign(d)
  return d.done()
}

/** Why this process cannot take a request now (or this one, when `value` is given), or null. Pure. */
export function requestProblem(s: MpProcState, value?: string): string | null {
  if (s.role === 'client') {
    if (s.pending !== null) return `C${s.client} is still waiting for an answer`
    if (value !== undefined && parseClientRequest(value) === null)
      return `C${s.client} takes ${CLIENT_REQUEST_HELP}`
    return null
  }
  return s.status === 'leader' ? `P${s.pid} already leads` : null
}

/** What a request means at this process, for the app's actions panel. Pure. */
export function requestForm(s: MpProcState): RequestForm {
  if (s.role === 'client')
    return {
      kind: 'text',
      label: 'Command',
      placeholder: 'put, put x5 or get',
      help: `Type ${CLIENT_REQUEST_HELP}.`,
    }
  return { kind: 'button', label: 'Start an election (phase 1)', value: 'campaign' }
}
