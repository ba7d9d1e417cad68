import { acceptFact } from './facts.ts'
import { hearLeader, stepDown } from './election.ts'
import { learnCommitPoint } from './learn.ts'
import { compareMaybe } from './state.ts'
import { slotGet, slotSet } from './slots.ts'
import type { ReplicaDraft } from './step.ts'
import type { Ballot, MpMsg, SlotCmd, SlotVote } from './types.ts'

/**
 * The acceptor side of every replica, over all slots at once: one promise covers every slot from
 * the candidate's first uncommitted slot on, and accepts are per slot. `promised` and the votes
 * are on stable storage. A lower ballot gets a reject naming the higher promise (preemption).
 */

/** Raise the promise to `ballot` (never lower it). */
function promise(d: ReplicaDraft, ballot: Ballot): void {
  const r = d.state
  if (compareMaybe(ballot, r.promised) <= 0) return
  d.fact({ kind: 'acceptor.promise', ballot, previous: r.promised })
  r.promised = ballot
}

/** Phase 1b: promise `ballot` for every slot from `fromSlot` on, reporting the votes there. */
export function onPrepare(d: ReplicaDraft, from: number, ballot: Ballot, fromSlot: number): void {
  const r = d.state
  r.maxRound = Math.max(r.maxRound, ballot.round)
  const promised = r.promised
  if (promised !== null && compareMaybe(ballot, promised) < 0) {
    d.reply({ type: 'reject', ballot, promised })
    return
  }
  promise(d, ballot)
  const accepted: SlotVote[] = []
  for (let slot = Math.max(1, fromSlot); slot <= r.accepted.size; slot++) {
    const v = slotGet(r.accepted, slot)
    if (v) accepted.push(v)
  }
  d.reply({ type: 'promise', ballot, fromSlot, accepted })
  if (from === r.pid) return
  // Lamport: a proposer abandons its ballot once its own acceptor promised a higher one.
  if (r.status !== 'follower' && compareMaybe(ballot, r.ballot) > 0) return stepDown(d, ballot)
  if (r.status === 'follower') {
    r.leader = ballot.pid
    r.leaderBallot = ballot
    r.heard = true
  }
}

/** Phase 2b: accept the leader's commands unless a higher ballot was promised; learn its commit point. */
export function onAccept(
  d: ReplicaDraft,
  from: number,
  ballot: Ballot,
  entries: readonly SlotCmd[],
  commit: number,
): void {
  const r = d.state
  r.maxRound = Math.max(r.maxRound, ballot.round)
  const promised = r.promised
  if (promised !== null && compareMaybe(ballot, promised) < 0) {
    d.reply({ type: 'reject', ballot, promised })
    return
  }
  promise(d, ballot)
  const answer = acceptAnswer(ballot, entries)
  for (let i = 0; i < entries.length; i++) {
    const vote = answer.votes[i] as SlotVote
    r.accepted = slotSet(r.accepted, vote.slot, vote)
    d.fact(acceptFact(vote.slot, ballot, vote.cmd))
  }
  d.reply(answer.reply)
  if (from === r.pid) return
  hearLeader(d, ballot)
  learnCommitPoint(d, from, ballot, commit)
}

/**
 * An accept message's votes and its `accepted` answer, the same at every acceptor: made once per
 * message and shared, as the broadcast shares the message itself (every replica is handed the
 * same `ballot` and `entries` objects). The log keeps every answer and each replica keeps its
 * votes for the rest of the run, so five copies of each were a few percent of what the collector
 * copies. Immutable, and equal whoever made them: sharing changes no state's or log's JSON. Pure.
 */
function acceptAnswer(ballot: Ballot, entries: readonly SlotCmd[]): AcceptAnswer {
  for (let i = 0; i < RECENT.length; i++) {
    const a = RECENT[i] as AcceptAnswer
    if (a.entries === entries && a.ballot === ballot) return a
  }
  const votes = entries.map((e): SlotVote => ({ slot: e.slot, ballot, cmd: e.cmd }))
  const answer: AcceptAnswer = {
    ballot,
    entries,
    votes,
    reply: { type: 'accepted', ballot, slots: entries.map((e) => e.slot) },
  }
  RECENT[next] = answer
  next = (next + 1) % RECENT.length
  return answer
}

interface AcceptAnswer {
  readonly ballot: Ballot
  readonly entries: readonly SlotCmd[]
  readonly votes: readonly SlotVote[]
  readonly reply: MpMsg
}

/**
 * The answers to the last few accept messages: the deliveries of one broadcast interleave with
 * those of other accepts in flight (two clients keep slots open at once). Keeping the last answer
 * alone left a finished bench run's live heap as it was (11.4 MB); the last eight take 0.35 MB
 * off it.
 */
const RECENT: AcceptAnswer[] = new Array<AcceptAnswer>(8).fill(
  Object.freeze({
    ballot: Object.freeze({ round: 0, pid: 0 }),
    entries: Object.freeze([]),
    votes: Object.freeze([]),
    reply: Object.freeze({ type: 'accepted', ballot: Object.freeze({ round: 0, pid: 0 }), slots: [] }),
  }),
)
/** Where the next answer goes in `RECENT` (the oldest is replaced). */
let next = 0

/** A heartbeat: a live leader at `ballot` with commit point `commit`; a stale one is told the higher ballot. */
export function onHeartbeat(d: ReplicaDraft, from: number, ballot: Ballot, commit: number): void {
  const r = d.state
  const promised = r.promised
  if (promised !== null && compareMaybe(ballot, promised) < 0) {
    d.reply({ type: 'reject', ballot, promised })
    return
  }
  hearLeader(d, ballot)
  learnCommitPoint(d, from, ballot, commit)
}
