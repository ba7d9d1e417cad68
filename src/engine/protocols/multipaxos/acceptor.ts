import { acceptFact } from './facts.ts'
import { hearLeader, stepDown } from './election.ts'
import { learnCommitPoint } from './learn.ts'
import { compareMaybe } from './state.ts'
import { slotGet, slotSet } from './slots.ts'
import type { ReplicaDraft } from './step.ts'
import type { Ballot, SlotCmd, SlotVote } from './types.ts'

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
  for (const e of entries) {
    r.accepted = slotSet(r.accepted, e.slot, { slot: e.slot, ballot, cmd: e.cmd })
    d.fact(acceptFact(e.slot, ballot, e.cmd))
  }
  d.reply({ type: 'accepted', ballot, slots: entries.map((e) => e.slot) })
  if (from === r.pid) return
  hearLeader(d, ballot)
  learnCommitPoint(d, from, ballot, commit)
}

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
