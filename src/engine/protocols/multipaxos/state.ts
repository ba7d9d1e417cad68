import { emptySlots, type Slots } from './slots.ts'
import type { Ballot, ClientCmd, Cmd, MpConfig, SlotCmd, SlotVote } from './types.ts'

/** A replica. Only `promised` and `accepted` are on stable storage; the rest is lost in a crash. */
export interface ReplicaState {
  readonly role: 'replica'
  readonly pid: number
  /** Stable: the highest ballot promised (Paxos.tla's maxBal). */
  promised: Ballot | null
  /** Stable: per slot , the last vote cast, or null for an empty slot. */
  accepted: Slots<SlotVote>
  /** Volatile from here on. */
  status: 'follower' | 'candidate' | 'leader'
  /** This replica's own ballot while it is a candidate or the leader. */
  ballot: Ballot | null
  /** The replica it believes leads (itself when leading), and that leader's ballot. */
  leader: number | null
  leaderBallot: Ballot | null
  /** Highest round seen anywhere, so the next own ballot is higher. */
  maxRound: number
  /** A leader (or candidate) was heard from since the election timer was last set. */
  heard: boolean
  /** Consecutive failed campaigns, for exponential backoff. */
  attempt: number
  /** Candidate: phase 1 from this slot, promises so far (bitmask), highest vote per slot. */
  fromSlot: number
  promises: number
  reported: Slots<SlotVote>
  /** Leader: the next free slot; per slot  its proposal and the accepts counted. */
  nextSlot: number
  proposals: Slots<Cmd>
  votes: Slots<number>
  /** Leader: `nextSlot` at the previous heartbeat; unchosen slots below it get their accepts resent. */
  beatSlot: number
  /** Leader with batching: proposals waiting to be sent together. */
  batch: SlotCmd[]
  /** Per slot , the command known to be chosen, or null. */
  chosen: Slots<Cmd>
  /** Commit point: every slot up to it is known chosen. */
  commit: number
  /** Every slot up to it has been applied to the register, in order. */
  executed: number
  /** The single register of the key/value store; null until written. */
  register: string | null
  /**
   * At-most-once table: per client (by number), the last sequence number executed and its result.
   * A list, not a record keyed by client: it is copied on every execution, and a record's
   * number keys kept a store of 17 places in every copy (and in every snapshot's).
   */
  sessions: (Session | undefined)[]
}

/** A client's last executed command at a replica: its sequence number and its result. */
export interface Session {
  readonly seq: number
  readonly result: string
}

/** A client's record of one command: what it sent, when, and what came back. */
export interface ClientRecord {
  readonly cmd: ClientCmd
  readonly sentAt: number
  answeredAt: number | null
  result: string | null
}

/** A client. Clients do not lose state in a crash; they only stop while down. */
export interface ClientState {
  readonly role: 'client'
  readonly pid: number
  /** 1-based client number: C1, C2, … */
  readonly client: number
  /** Index of the next scripted operation to send. */
  nextOp: number
  /** The command in progress, or null when idle. */
  pending: ClientCmd | null
  /** Replica the client sends to: the last leader it heard of. */
  target: number
  /**
   * Its commands, by sequence number (slot `seq`). Chunked like a replica's log (`Slots`): a
   * plain array had to be copied whole on every send and answer (a handler never changes the
   * array it was given), which made a long run's clients quadratic.
   */
  history: Slots<ClientRecord>
}

export type MpProcState = ReplicaState | ClientState

/** Lamport's ballot order. Pure. */
export function compareBallots(a: Ballot, b: Ballot): number {
  return a.round !== b.round ? a.round - b.round : a.pid - b.pid
}

/** Ballot order where "none" is below every ballot. Pure. */
export function compareMaybe(a: Ballot | null, b: Ballot | null): number {
  if (a === null) return b === null ? 0 : -1
  if (b === null) return 1
  return compareBallots(a, b)
}

/** `round.pid` as in the lecture, or `none`. Pure. */
export function fmtBallot(b: Ballot | null): string {
  return b === null ? 'none' : `${b.round}.${b.pid}`
}

/** A compact command label: `C1.2:put(a2)`, `C2.1:get`, `noop`. Pure. */
export function fmtCmd(c: Cmd): string {
  if (c.op === 'noop') return 'noop'
  return c.op === 'put' ? `C${c.client}.${c.seq}:put(${c.value})` : `C${c.client}.${c.seq}:get`
}

/** Whether two commands are the same command (same client request, or both no-ops). Pure. */
export function sameCmd(a: Cmd, b: Cmd): boolean {
  if (a.op === 'noop' || b.op === 'noop') return a.op === b.op
  return a.client === b.client && a.seq === b.seq && a.op === b.op
}

/** Majority quorum ⌊n/2⌋+1, counting the replica itself. Pure. */
export const majority = (n: number): number => Math.floor(n / 2) + 1

/**
 * The accepts the leader counts as enough to commit: a majority, or one fewer under the
 * commit-short bug (never fewer than one). The leader counts with it, and the narration and the
 * log grid say it. Pure.
 */
export const acceptsToCommit = (config: MpConfig): number =>
  Math.max(1, majority(config.replicaCount) - (config.bugs.commitOneShort ? 1 : 0))

export const isReplica = (config: MpConfig, pid: number): boolean => pid >= 1 && pid <= config.replicaCount
export const clientPid = (config: MpConfig, client: number): number => config.replicaCount + client
/** Pids 1..n per replica count, made once each: handlers ask for them on every accept and heartbeat. */
const PIDS: (readonly number[])[] = []
export const replicaPids = (config: MpConfig): readonly number[] =>
  (PIDS[config.replicaCount] ??= Object.freeze(Array.from({ length: config.replicaCount }, (_, i) => i + 1)))

/** `P3` for a replica, `C1` for a client. Pure. */
export function processName(config: MpConfig, pid: number): string {
  return isReplica(config, pid) ? `P${pid}` : `C${pid - config.replicaCount}`
}

/** Total processes the kernel must run: replicas then clients. Pure. */
export const processCount = (config: MpConfig): number => config.replicaCount + config.workload.length

/** Number of set bits. Pure. */
export function popcount(mask: number): number {
  let n = 0
  for (let m = mask; m !== 0; m &= m - 1) n++
  return n
}

/** A fresh replica with nothing on stable storage. Pure. */
export function newReplica(pid: number): ReplicaState {
  return {
    role: 'replica',
    pid,
    promised: null,
    accepted: emptySlots(),
    status: 'follower',
    ballot: null,
    leader: null,
    leaderBallot: null,
    maxRound: 0,
    heard: false,
    attempt: 0,
    fromSlot: 1,
    promises: 0,
    reported: emptySlots(),
    nextSlot: 1,
    proposals: emptySlots(),
    votes: emptySlots(),
    beatSlot: 1,
    batch: [],
    chosen: emptySlots(),
    commit: 0,
    executed: 0,
    register: null,
    sessions: [],
  }
}

/**
 * A shallow copy of a replica (a handler's working copy). Written out field by field rather than
 * spread: it runs for every delivery, and a literal gives every copy one shape. Pure.
 */
export function copyReplica(r: ReplicaState): ReplicaState {
  return {
    role: 'replica',
    pid: r.pid,
    promised: r.promised,
    accepted: r.accepted,
    status: r.status,
    ballot: r.ballot,
    leader: r.leader,
    leaderBallot: r.leaderBallot,
    maxRound: r.maxRound,
    heard: r.heard,
    attempt: r.attempt,
    fromSlot: r.fromSlot,
    promises: r.promises,
    reported: r.reported,
    nextSlot: r.nextSlot,
    proposals: r.proposals,
    votes: r.votes,
    beatSlot: r.beatSlot,
    batch: r.batch,
    chosen: r.chosen,
    commit: r.commit,
    executed: r.executed,
    register: r.register,
    sessions: r.sessions,
  }
}

/** A shallow copy of a client (see `copyReplica`). Pure. */
export function copyClient(c: ClientState): ClientState {
  return {
    role: 'client',
    pid: c.pid,
    client: c.client,
    nextOp: c.nextOp,
    pending: c.pending,
    target: c.target,
    history: c.history,
  }
}

/** A replica after a crash and recovery: stable storage kept, everything else fresh. Pure. */
export function recoveredReplica(r: ReplicaState): ReplicaState {
  return {
    ...newReplica(r.pid),
    promised: r.promised,
    accepted: r.accepted,
    maxRound: r.promised?.round ?? 0,
  }
}

/** A client that has not sent anything yet; it knows no leader, so it first talks to P1. Pure. */
export function newClient(config: MpConfig, client: number): ClientState {
  return {
    role: 'client',
    pid: clientPid(config, client),
    client,
    nextOp: 0,
    pending: null,
    target: 1,
    history: emptySlots(),
  }
}

/** Every process's initial state, replicas then clients. Pure. */
export function initialStates(config: MpConfig): MpProcState[] {
  const out: MpProcState[] = replicaPids(config).map(newReplica)
  config.workload.forEach((_, i) => out.push(newClient(config, i + 1)))
  return out
}

/** The value client `client` writes with its `seq`-th command: `a1`, `b3`, … Pure. */
export function writeValue(client: number, seq: number): string {
  return `${String.fromCharCode(96 + client)}${seq}`
}
