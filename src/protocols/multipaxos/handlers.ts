import { onAccept, onHeartbeat, onPrepare } from './acceptor.ts'
import { issue, onRedirect, onReply, onRetryTimer } from './client.ts'
import { campaign, electionTimeout, onElectionTimer, onPromise, onReject } from './election.ts'
import { flushBatch, onAccepted, onHeartbeatTimer, onRequest } from './leader.ts'
import { onCatchup, onCatchupRequest } from './learn.ts'
import { recoveredReplica, type ClientState, type MpProcState, type ReplicaState } from './state.ts'
import { Draft, type Ctx, type Step } from './step.ts'
import type { ClientOp, MpMsg, TimerKey } from './types.ts'

/**
 * The protocol's entry points, each `(ctx, state, input) → {state, outbox, facts, counted}`.
 * Pure: the input state is never mutated, and randomness comes only from `ctx.random`.
 */

/** Something a user (or a preset's script) asks a process to do. */
export type MpInput = { readonly type: 'campaign' } | { readonly type: 'request'; readonly op: ClientOp }

const replica = (ctx: Ctx, s: ReplicaState): Draft<ReplicaState> => new Draft(ctx, s)
const client = (ctx: Ctx, s: ClientState): Draft<ClientState> => new Draft(ctx, s)

/** At time 0: followers arm their election timers (the initial leader campaigns at once); clients start. */
export function onStart(ctx: Ctx, s: MpProcState): Step {
  if (s.role === 'client') {
    const d = client(ctx, s)
    d.setTimer('next', ctx.config.clientStartTicks)
    return d.done()
  }
  const d = replica(ctx, s)
  d.setTimer('election', ctx.config.initialLeader === s.pid ? 1 : electionTimeout(ctx))
  return d.done()
}

/** Deliver one message. */
export function onMessage(ctx: Ctx, s: MpProcState, from: number, msg: MpMsg): Step {
  if (s.role === 'client') {
    const d = client(ctx, s)
    if (msg.type === 'reply') onReply(d, from, msg.seq, msg.result)
    else if (msg.type === 'redirect') onRedirect(d, msg.seq, msg.leader)
    else d.counted = { ignored: `a client does not handle ${msg.type}` }
    return d.done()
  }
  const d = replica(ctx, s)
  switch (msg.type) {
    case 'request':
      onRequest(d, from, msg.cmd)
      break
    case 'prepare':
      onPrepare(d, from, msg.ballot, msg.fromSlot)
      break
    case 'promise':
      onPromise(d, from, msg.ballot, msg.accepted)
      break
    case 'reject':
      onReject(d, msg.ballot, msg.promised)
      break
    case 'accept':
      onAccept(d, from, msg.ballot, msg.entries, msg.commit)
      break
    case 'accepted':
      onAccepted(d, from, msg.ballot, msg.slots)
      break
    case 'heartbeat':
      onHeartbeat(d, from, msg.ballot, msg.commit)
      break
    case 'catchup-request':
      onCatchupRequest(d, from, msg.fromSlot)
      break
    case 'catchup':
      onCatchup(d, msg.entries)
      break
    default:
      d.counted = { ignored: `a replica does not handle ${msg.type}` }
  }
  return d.done()
}

/** A keyed timer fired. */
export function onTimer(ctx: Ctx, s: MpProcState, key: TimerKey): Step {
  if (s.role === 'client') {
    const d = client(ctx, s)
    if (key === 'next') issue(d)
    if (key === 'retry') onRetryTimer(d)
    return d.done()
  }
  const d = replica(ctx, s)
  if (key === 'election') onElectionTimer(d)
  if (key === 'heartbeat') onHeartbeatTimer(d)
  if (key === 'batch') flushBatch(d)
  return d.done()
}

/**
 * Recovery after a crash (the kernel dropped the process's timers and in-flight messages). A
 * replica keeps its acceptor state (promise and votes) and forgets the rest: it learns the commit
 * point again from the leader and catches up. A client resumes its pending command.
 */
export function onRecover(ctx: Ctx, s: MpProcState): Step {
  if (s.role === 'client') {
    const d = client(ctx, s)
    if (s.pending !== null) d.setTimer('retry', 1)
    else if (s.nextOp < (ctx.config.workload[s.client - 1]?.length ?? 0)) d.setTimer('next', 1)
    return d.done()
  }
  const d = replica(ctx, recoveredReplica(s))
  d.fact({ kind: 'recover' })
  d.setTimer('election', electionTimeout(ctx))
  return d.done()
}

/** A user's request: a replica campaigns now; a client sends a put or a get now. */
export function onInput(ctx: Ctx, s: MpProcState, input: MpInput): Step {
  if (s.role === 'client') {
    const d = client(ctx, s)
    if (input.type === 'request') issue(d, input.op)
    else d.counted = { ignored: 'a client does not campaign' }
    return d.done()
  }
  const d = replica(ctx, s)
  if (input.type === 'campaign' && s.status !== 'leader') campaign(d)
  else
    d.counted = {
      ignored: input.type === 'campaign' ? `P${s.pid} already leads` : 'a replica sends no requests',
    }
  return d.done()
}

/** Whether a user input makes sense for this process now, and if not, why. Pure. */
export function inputProblem(s: MpProcState, input: MpInput): string | null {
  if (s.role === 'client') {
    if (input.type !== 'request') return 'only replicas campaign'
    return s.pending === null ? null : `C${s.client} is still waiting for an answer`
  }
  if (input.type !== 'campaign') return 'only clients send requests'
  return s.status === 'leader' ? `P${s.pid} already leads` : null
}
