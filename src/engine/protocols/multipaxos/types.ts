import type { ProtocolTypes } from '../../kernel/module.ts'
import type { NetworkConfig } from '../../kernel/types.ts'
import type { MpGhost } from './ghost.ts'
import type { MpProcState } from './state.ts'

/**
 * Multi-Paxos as taught after single-decree Paxos: one replicated log per replica, roles merged
 * (every replica is an acceptor, a learner and a potential leader), a stable leader that runs
 * phase 1 once for all slots from its first uncommitted slot, then one phase-2 round trip per
 * command. Clients send write/read commands of a single-register key/value store.
 *
 * Everything here is plain JSON-safe data, so states can be snapshotted, hashed and compared.
 * Process ids: replicas are 1..n (P1..Pn), clients follow as n+1..n+c (C1..Cc).
 */

/** A ballot `(round, pid)`, shown `round.pid`; totally ordered by round, then pid. */
export interface Ballot {
  readonly round: number
  readonly pid: number
}

/** A command in a log slot: a client's write or read, or a no-op that fills a hole. */
export type Cmd =
  | { readonly op: 'noop' }
  | { readonly op: 'put'; readonly client: number; readonly seq: number; readonly value: string }
  | { readonly op: 'get'; readonly client: number; readonly seq: number }

export type ClientCmd = Exclude<Cmd, { op: 'noop' }>

/** An acceptor's vote for one slot: the lecture's (n_a, v_a) per slot. */
export interface SlotVote {
  readonly slot: number
  readonly ballot: Ballot
  readonly cmd: Cmd
}

/** A slot and the command proposed (or known chosen) for it. */
export interface SlotCmd {
  readonly slot: number
  readonly cmd: Cmd
}

/** Messages, by type. Replies name the message they answer through the outbox's `inReplyTo`. */
export type MpMsg =
  | { readonly type: 'request'; readonly cmd: ClientCmd }
  | { readonly type: 'reply'; readonly client: number; readonly seq: number; readonly result: string }
  | {
      readonly type: 'redirect'
      readonly client: number
      readonly seq: number
      readonly leader: number | null
    }
  | { readonly type: 'prepare'; readonly ballot: Ballot; readonly fromSlot: number }
  | {
      readonly type: 'promise'
      readonly ballot: Ballot
      readonly fromSlot: number
      /** Per slot ≥ fromSlot, the highest-ballot command this acceptor accepted. */
      readonly accepted: readonly SlotVote[]
    }
  | { readonly type: 'reject'; readonly ballot: Ballot; readonly promised: Ballot }
  | {
      readonly type: 'accept'
      readonly ballot: Ballot
      /** One slot without batching; several with batching. */
      readonly entries: readonly SlotCmd[]
      /** The leader's commit point: every slot up to it is chosen. */
      readonly commit: number
    }
  | { readonly type: 'accepted'; readonly ballot: Ballot; readonly slots: readonly number[] }
  | { readonly type: 'heartbeat'; readonly ballot: Ballot; readonly commit: number }
  | { readonly type: 'catchup-request'; readonly fromSlot: number }
  | { readonly type: 'catchup'; readonly entries: readonly SlotCmd[] }

export type MpMsgType = MpMsg['type']

/** Keyed timers: a process has at most one pending timer per key. */
export type TimerKey = 'election' | 'backoff' | 'heartbeat' | 'batch' | 'retry' | 'next'

/** The deliberately broken variants, one toggle each. */
export interface MpBugs {
  /** A new leader skips phase 1 and reuses its own old log. */
  skipPhase1: boolean
  /** A new leader ignores the commands reported in promises. */
  ignorePromiseValues: boolean
  /** The leader commits with one accept fewer than a majority. */
  commitOneShort: boolean
  /** Replicas do not deduplicate client retries by (client id, sequence number). */
  noDedup: boolean
  /** The leader answers reads from its own state, without a lease or a log round. */
  leaderLocalRead: boolean
}

/** One client's script: the operations it sends, in order, one at a time. */
export type ClientOp = 'put' | 'get'

/** The whole config of a run: the kernel's network part plus the protocol's own fields. */
export interface MpConfig extends NetworkConfig {
  /** Replicas (acceptors + learners + potential leaders), 3..9. */
  replicaCount: number
  /** The operations each client sends in order; its length is the number of clients. */
  workload: readonly (readonly ClientOp[])[]
  /** Ticks before a client sends its first command (time for the first leader to be elected). */
  clientStartTicks: number
  /** Ticks a client waits between an answer and its next command. */
  clientThinkTicks: number
  /** A client resends its command (to the next replica) after this many ticks without a reply. */
  clientRetryTicks: number
  /** The replica that campaigns at once; the others wait for their election timeout. */
  initialLeader: number | null
  /** The leader sends a heartbeat this often. */
  heartbeatTicks: number
  /** A follower that heard nothing from a leader for this long campaigns (phase 1). */
  electionTimeoutTicks: number
  /** Randomized exponential backoff after preemption; off: retry after a fixed delay (ping-pong). */
  backoff: boolean
  /** Without backoff: the fixed delay before a preempted replica campaigns again. */
  retryTicks: number
  /** With backoff: the first retry waits 1..base ticks; each further failure doubles the span. */
  backoffBaseTicks: number
  backoffMaxTicks: number
  /** Accepts for several slots travel in one message: at most this many (1 = no batching). */
  batchSize: number
  /** With batching: the leader sends a partial batch after this many ticks. */
  batchTicks: number
  bugs: MpBugs
}

/**
 * The protocol's own log events (`domain.verb`), each naming the process that made it. Handlers
 * emit them; the observer (ghost.ts) checks the invariants from them.
 */
export type MpEventBody =
  | {
      readonly kind: 'leader.campaign'
      readonly ballot: Ballot
      readonly fromSlot: number
      readonly skipped: boolean
      /** The leader it stopped trusting, or null when it knew none. */
      readonly suspected: number | null
    }
  | {
      readonly kind: 'leader.elected'
      readonly ballot: Ballot
      readonly reproposed: readonly SlotVote[]
      readonly noops: readonly number[]
    }
  | {
      readonly kind: 'leader.preempted'
      readonly ballot: Ballot
      readonly higher: Ballot | null
      readonly retryTicks: number
    }
  | { readonly kind: 'acceptor.promise'; readonly ballot: Ballot; readonly previous: Ballot | null }
  | { readonly kind: 'acceptor.accept'; readonly slot: number; readonly ballot: Ballot; readonly cmd: Cmd }
  | { readonly kind: 'slot.propose'; readonly slot: number; readonly ballot: Ballot; readonly cmd: Cmd }
  | {
      readonly kind: 'slot.commit'
      readonly slot: number
      readonly cmd: Cmd
      readonly via: 'quorum' | 'leader' | 'catch-up'
    }
  | {
      readonly kind: 'slot.execute'
      readonly slot: number
      readonly cmd: Cmd
      readonly applied: boolean
      readonly result: string
    }
  | {
      readonly kind: 'leader.local-read'
      readonly client: number
      readonly command: number
      readonly result: string
    }
  | {
      readonly kind: 'client.send'
      readonly client: number
      readonly cmd: ClientCmd
      readonly retry: boolean
      /** The replica it is sent to. */
      readonly to: number
      /** A resend after this replica's redirect named `to` as the leader; null otherwise. */
      readonly redirectedBy: number | null
    }
  /** `command` is the client's sequence number (not `seq`: the log stamps every event with its own `seq`). */
  | {
      readonly kind: 'client.answer'
      readonly client: number
      readonly command: number
      readonly result: string
    }
  | { readonly kind: 'replica.recover' }

/** A handler's event as logged: the body plus the process that made it. */
export type MpEvent =
  | (MpEventBody & { readonly pid: number })
  /** Concluded by the observer: a majority of acceptors accepted one command in one slot (ghost truth). */
  | {
      readonly kind: 'slot.chosen'
      readonly pid: number
      readonly slot: number
      readonly ballot: Ballot
      readonly cmd: Cmd
      readonly acceptors: readonly number[]
    }

/** The protocol's associated types, as the kernel's module interface wants them. */
export interface MpTypes extends ProtocolTypes {
  readonly Msg: MpMsg
  readonly Proc: MpProcState
  readonly TimerKey: TimerKey
  readonly Config: MpConfig
  readonly Event: MpEvent
  readonly Ghost: MpGhost
}
