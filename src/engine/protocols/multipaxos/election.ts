import { others, sendAccepts } from './leader.ts'
import { compareBallots, compareMaybe, fmtBallot, majority, popcount, replicaPids } from './state.ts'
import { emptySlots, slotSet } from './slots.ts'
import { at, random, type Ctx, type ReplicaDraft } from './step.ts'
import type { Ballot, Cmd, SlotCmd, SlotVote } from './types.ts'

/**
 * Leader election: a replica that suspects the leader runs phase 1 for all slots from its first
 * uncommitted slot; a quorum of promises makes it leader, and it re-proposes the highest-ballot
 * command reported for each slot and fills the holes with no-ops. A preempted candidate or leader
 * waits before trying again: a random, growing backoff (so duels end), or a fixed delay (so two
 * replicas can preempt each other forever: the ping-pong livelock).
 */

/**
 * Ticks a preempted replica waits before it may campaign again. With backoff: long enough to hear
 * a working leader's next heartbeat, plus a random span that doubles after each failure. Without:
 * a fixed delay, shorter than a heartbeat, which is what lets two candidates ping-pong.
 */
export function retryDelay(ctx: Ctx, attempt: number): number {
  const c = ctx.config
  if (!c.backoff) return c.retryTicks
  const span = Math.min(c.backoffBaseTicks * 2 ** Math.max(0, attempt - 1), c.backoffMaxTicks)
  return c.heartbeatTicks + c.latencyTicksMax + random(ctx, Math.max(1, span))
}

/** A follower's suspicion timeout; randomized (up to half again) when backoff is on, as in Raft. */
export function electionTimeout(ctx: Ctx): number {
  const c = ctx.config
  return (
    c.electionTimeoutTicks +
    (c.backoff ? random(ctx, Math.max(1, Math.floor(c.electionTimeoutTicks / 2))) : 0)
  )
}

/** Phase 1a: pick a ballot above every one seen and ask all replicas for promises. */
export function campaign(d: ReplicaDraft): void {
  const r = d.state
  const suspected = r.leader !== r.pid ? r.leader : null
  const round = Math.max(r.maxRound, r.ballot?.round ?? 0) + 1
  const ballot: Ballot = { round, pid: r.pid }
  r.maxRound = round
  r.ballot = ballot
  r.status = 'candidate'
  r.leader = null
  r.leaderBallot = null
  r.heard = false
  r.fromSlot = r.commit + 1
  r.promises = 0
  r.reported = emptySlots()
  const skipped = d.ctx.config.bugs.skipPhase1
  d.fact({ kind: 'leader.campaign', ballot, fromSlot: r.fromSlot, skipped, suspected })
  if (skipped) {
    // The broken variant: the new leader trusts its own old log instead of asking a quorum.
    r.reported = r.accepted
    return becomeLeader(d)
  }
  d.broadcast(replicaPids(d.ctx.config), { type: 'prepare', ballot, fromSlot: r.fromSlot })
  // Asked to campaign while backing off: the backoff is over (its own timer, so cancelled by name).
  d.cancelTimer('backoff')
  d.setTimer('election', d.ctx.config.electionTimeoutTicks)
}

/** Phase 1b at the candidate: merge the reported votes, per slot the highest ballot; a quorum wins. */
export function onPromise(d: ReplicaDraft, from: number, ballot: Ballot, votes: readonly SlotVote[]): void {
  const r = d.state
  if (r.status !== 'candidate' || compareMaybe(r.ballot, ballot) !== 0) {
    d.counted = { ignored: `P${r.pid} is not campaigning with ballot ${fmtBallot(ballot)} any more` }
    return
  }
  const bit = 1 << from
  if (r.promises & bit) {
    d.counted = { ignored: `P${r.pid} already counted P${from}'s promise` }
    return
  }
  r.promises |= bit
  for (const v of votes) {
    const best = at(r.reported, v.slot)
    if (best === null || compareBallots(v.ballot, best.ballot) > 0)
      r.reported = slotSet(r.reported, v.slot, v)
  }
  const needed = majority(d.ctx.config.replicaCount)
  const count = popcount(r.promises)
  d.counted = { toward: `phase 1 of ballot ${fmtBallot(ballot)}`, count, needed }
  if (count >= needed) becomeLeader(d)
}

/**
 * Phase 1 is done: for every slot from the first uncommitted one to the highest reported, propose
 * the command already known chosen, else the highest-ballot command reported ("complete the duty
 * of the previous leader"), else a no-op to fill the hole. Then accept new commands after them.
 */
export function becomeLeader(d: ReplicaDraft): void {
  const r = d.state
  const ballot = r.ballot
  if (ballot === null) throw new Error(`P${r.pid} becomes leader without a ballot`)
  const ignore = d.ctx.config.bugs.ignorePromiseValues
  r.status = 'leader'
  r.leader = r.pid
  r.leaderBallot = ballot
  r.heard = true
  r.proposals = emptySlots()
  r.votes = emptySlots()
  r.batch = []
  const last = Math.max(r.commit, r.reported.size, r.chosen.size)
  const entries: SlotCmd[] = []
  const reproposed: SlotVote[] = []
  const noops: number[] = []
  for (let slot = r.fromSlot; slot <= last; slot++) {
    const cmd = pick(d, slot, ignore)
    if (cmd.from !== null) reproposed.push(cmd.from)
    if (cmd.cmd.op === 'noop' && cmd.from === null) noops.push(slot)
    r.proposals = slotSet(r.proposals, slot, cmd.cmd)
    entries.push({ slot, cmd: cmd.cmd })
  }
  r.nextSlot = last + 1
  r.beatSlot = r.nextSlot
  d.cancelTimer('election')
  d.cancelTimer('backoff')
  d.fact({ kind: 'leader.elected', ballot, reproposed, noops })
  if (entries.length > 0) sendAccepts(d, entries)
  else d.broadcast(others(d), { type: 'heartbeat', ballot, commit: r.commit })
  d.setTimer('heartbeat', d.ctx.config.heartbeatTicks)
}

/** The command a new leader proposes for `slot`, and the reported vote it came from. */
function pick(d: ReplicaDraft, slot: number, ignore: boolean): { cmd: Cmd; from: SlotVote | null } {
  const r = d.state
  const known = at(r.chosen, slot)
  if (known !== null) return { cmd: known, from: null }
  // With the ignore bug the leader looks only at its own log, whatever the promises said.
  const vote = ignore ? at(r.accepted, slot) : at(r.reported, slot)
  return vote === null ? { cmd: { op: 'noop' }, from: null } : { cmd: vote.cmd, from: ignore ? null : vote }
}

/**
 * Preemption: a higher ballot exists, so this candidate or leader steps down to follower and may
 * campaign again only after a retry delay, and only if no leader was heard from meanwhile.
 */
export function stepDown(d: ReplicaDraft, higher: Ballot | null): void {
  const r = d.state
  r.status = 'follower'
  r.leader = higher?.pid ?? null
  r.leaderBallot = higher
  r.heard = false
  r.attempt++
  r.batch = []
  r.proposals = emptySlots()
  r.votes = emptySlots()
  if (higher) r.maxRound = Math.max(r.maxRound, higher.round)
  d.cancelTimer('heartbeat')
  d.cancelTimer('batch')
  const delay = retryDelay(d.ctx, r.attempt)
  // The backoff is its own timer (its own words on the lane); a candidate's phase-1 timeout goes.
  d.cancelTimer('election')
  d.setTimer('backoff', delay)
  d.fact({
    kind: 'leader.preempted',
    ballot: r.ballot ?? { round: 0, pid: r.pid },
    higher,
    retryTicks: delay,
  })
}

/** A reject (nack) names a higher promised ballot: the sender's current ballot is preempted. */
export function onReject(d: ReplicaDraft, ballot: Ballot, promised: Ballot): void {
  const r = d.state
  r.maxRound = Math.max(r.maxRound, promised.round)
  const mine = r.status !== 'follower' && compareMaybe(r.ballot, ballot) === 0
  if (!mine || compareBallots(promised, ballot) <= 0) {
    d.counted = { ignored: `P${r.pid} no longer runs ballot ${fmtBallot(ballot)}` }
    return
  }
  d.counted = { toward: `preemption of ballot ${fmtBallot(ballot)}`, count: 1, needed: 1 }
  stepDown(d, promised)
}

/** A message from a working leader (accept or heartbeat) at ballot `ballot`. */
export function hearLeader(d: ReplicaDraft, ballot: Ballot): void {
  const r = d.state
  r.maxRound = Math.max(r.maxRound, ballot.round)
  if (r.status !== 'follower' && compareMaybe(ballot, r.ballot) > 0) stepDown(d, ballot)
  if (r.status !== 'follower') return
  if (compareMaybe(ballot, r.leaderBallot) >= 0) {
    r.leader = ballot.pid
    r.leaderBallot = ballot
  }
  r.heard = true
}

/**
 * The election timer, or the backoff after a preemption: a candidate's phase 1 took too long
 * (back off); a follower that heard from a leader since the timer was set waits another election
 * timeout; one that did not, campaigns with a higher ballot.
 */
export function onElectionTimer(d: ReplicaDraft): void {
  const r = d.state
  if (r.status === 'leader') return
  if (r.status === 'candidate') return stepDown(d, null)
  if (r.heard) {
    r.heard = false
    d.setTimer('election', electionTimeout(d.ctx))
    return
  }
  campaign(d)
}
