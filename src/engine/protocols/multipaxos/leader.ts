import { proposeFact } from './facts.ts'
import { advance, learnChosen } from './learn.ts'
import { acceptsToCommit, compareMaybe, fmtBallot, fmtCmd, popcount, replicaPids, sameCmd } from './state.ts'
import { slotSet } from './slots.ts'
import { at, type ReplicaDraft } from './step.ts'
import type { Ballot, ClientCmd, Cmd, SlotCmd } from './types.ts'

/**
 * The leader in steady state: phase 1 is done for all slots, so each client command gets the next
 * free slot and costs one phase-2 round trip (accept → accepted from a quorum). Heartbeats carry
 * the ballot and the commit point; accepts that went unanswered are sent again with them.
 */

/** The other replicas, per (replica count, pid), made once each (every heartbeat asks). */
const OTHERS: (readonly number[])[] = []
export const others = (d: ReplicaDraft): readonly number[] =>
  (OTHERS[d.ctx.config.replicaCount * 32 + d.state.pid] ??= Object.freeze(
    replicaPids(d.ctx.config).filter((p) => p !== d.state.pid),
  ))

/** Send `accept` for these slots to every replica (itself included), `batchSize` slots a message. */
export function sendAccepts(d: ReplicaDraft, entries: readonly SlotCmd[], to?: number): void {
  const r = d.state
  const ballot = r.ballot
  if (ballot === null) return
  const size = d.ctx.config.batchSize
  for (let i = 0; i < entries.length; i += size) {
    const msg = { type: 'accept' as const, ballot, entries: entries.slice(i, i + size), commit: r.commit }
    if (to === undefined) d.broadcast(replicaPids(d.ctx.config), msg)
    else d.send(to, msg)
  }
}

/** A client command at a replica: redirect, answer from the at-most-once table, or propose. */
export function onRequest(d: ReplicaDraft, from: number, cmd: ClientCmd): void {
  const r = d.state
  const bugs = d.ctx.config.bugs
  if (r.status !== 'leader') {
    const leader = r.leader !== null && r.leader !== r.pid ? r.leader : null
    d.reply({ type: 'redirect', client: cmd.client, seq: cmd.seq, leader })
    return
  }
  const session = r.sessions[cmd.client]
  if (!bugs.noDedup && session !== undefined && session.seq >= cmd.seq) {
    if (session.seq === cmd.seq)
      d.reply({ type: 'reply', client: cmd.client, seq: cmd.seq, result: session.result })
    d.counted = { ignored: `${fmtCmd(cmd)} was already executed: answered from the at-most-once table` }
    return
  }
  if (bugs.leaderLocalRead && cmd.op === 'get') {
    // The broken variant: no lease and no log round, so a deposed leader can answer stale.
    const result = r.register ?? 'nil'
    d.fact({ kind: 'leader.local-read', client: cmd.client, command: cmd.seq, result })
    d.reply({ type: 'reply', client: cmd.client, seq: cmd.seq, result })
    return
  }
  const slot = bugs.noDedup ? null : slotOf(d, cmd)
  if (slot !== null) {
    d.counted = { ignored: `${fmtCmd(cmd)} is already in slot ${slot}; the reply comes when it executes` }
    return
  }
  propose(d, cmd)
}

/** The slot above the executed prefix that already holds this command, if any. */
function slotOf(d: ReplicaDraft, cmd: Cmd): number | null {
  const r = d.state
  for (let slot = r.executed + 1; slot < r.nextSlot; slot++) {
    const c = at(r.proposals, slot) ?? at(r.chosen, slot)
    if (c !== null && sameCmd(c, cmd)) return slot
  }
  return null
}

/** Phase 2a for a new command: the next free slot; with batching it waits for a full batch. */
export function propose(d: ReplicaDraft, cmd: Cmd): void {
  const r = d.state
  if (r.ballot === null) return
  const slot = r.nextSlot++
  r.proposals = slotSet(r.proposals, slot, cmd)
  d.fact(proposeFact(slot, r.ballot, cmd))
  const c = d.ctx.config
  if (c.batchSize <= 1) return sendAccepts(d, [{ slot, cmd }])
  const batch = d.own('batch')
  batch.push({ slot, cmd })
  if (batch.length >= c.batchSize) return flushBatch(d)
  if (batch.length === 1) d.setTimer('batch', c.batchTicks)
}

/** Send the waiting batch in one accept message per replica. */
export function flushBatch(d: ReplicaDraft): void {
  const r = d.state
  if (r.status !== 'leader' || r.batch.length === 0) return
  const entries = r.batch
  r.batch = []
  d.cancelTimer('batch')
  sendAccepts(d, entries)
}

/** Phase 2b at the leader: count accepts per slot; a quorum chooses the slot. */
export function onAccepted(d: ReplicaDraft, from: number, ballot: Ballot, slots: readonly number[]): void {
  const r = d.state
  if (r.status !== 'leader' || compareMaybe(r.ballot, ballot) !== 0) {
    d.counted = { ignored: `P${r.pid} is not leading with ballot ${fmtBallot(ballot)}` }
    return
  }
  // The broken variant commits with one accept fewer than a majority.
  const needed = acceptsToCommit(d.ctx.config)
  // The first slot still open, and its count (two numbers, not an object per delivery).
  let tallySlot = 0
  let tallyCount = 0
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number
    const cmd = at(r.proposals, slot)
    if (slot <= r.commit || at(r.chosen, slot) !== null || cmd === null) continue
    const mask = (at(r.votes, slot) ?? 0) | (1 << from)
    r.votes = slotSet(r.votes, slot, mask)
    const count = popcount(mask)
    if (tallySlot === 0) {
      tallySlot = slot
      tallyCount = count
    }
    if (count >= needed) learnChosen(d, slot, cmd, 'quorum')
  }
  if (tallySlot === 0) {
    d.counted = { ignored: `slot${slots.length > 1 ? 's' : ''} ${slots.join(', ')} already chosen` }
    return
  }
  d.counted = { toward: towardSlot(tallySlot, slots.length - 1, ballot), count: tallyCount, needed }
  advance(d)
}

/**
 * What an accepted counts toward: `slot 7 at ballot 2.1`, or `slot 7 (+2 more) at ballot 2.1` for
 * a batch. The log keeps every delivery's words, and the accepteds of one slot arrive together, so
 * the last sentence is kept and handed out again (one string per slot, not three strings and two
 * joins per accepted). Pure: the same inputs give the same text.
 */
function towardSlot(slot: number, more: number, ballot: Ballot): string {
  const last = LAST_TOWARD
  if (last.slot === slot && last.more === more && last.round === ballot.round && last.pid === ballot.pid)
    return last.text
  const text = `slot ${slot}${more > 0 ? ` (+${more} more)` : ''} at ballot ${fmtBallot(ballot)}`
  last.slot = slot
  last.more = more
  last.round = ballot.round
  last.pid = ballot.pid
  last.text = text
  return text
}

const LAST_TOWARD = { slot: 0, more: 0, round: 0, pid: 0, text: '' }

/**
 * Heartbeat: tell every follower the ballot and the commit point, and resend the accepts of slots
 * that were already waiting at the previous heartbeat to the replicas that have not accepted them.
 */
export function onHeartbeatTimer(d: ReplicaDraft): void {
  const r = d.state
  if (r.status !== 'leader' || r.ballot === null) return
  d.broadcast(others(d), { type: 'heartbeat', ballot: r.ballot, commit: r.commit })
  // Indexed loops, and a list only for a replica that misses something: this runs every period.
  const n = d.ctx.config.replicaCount
  for (let to = 1; to <= n; to++) {
    let missing: SlotCmd[] | null = null
    for (let slot = r.commit + 1; slot < r.beatSlot; slot++) {
      const cmd = at(r.proposals, slot)
      if (cmd === null || at(r.chosen, slot) !== null) continue
      if (((at(r.votes, slot) ?? 0) & (1 << to)) === 0) (missing ??= []).push({ slot, cmd })
    }
    if (missing !== null) sendAccepts(d, missing, to)
  }
  r.beatSlot = r.nextSlot
  // Leading for a whole heartbeat period counts as success: the backoff starts small again.
  r.attempt = 0
  d.setTimer('heartbeat', d.ctx.config.heartbeatTicks)
}
