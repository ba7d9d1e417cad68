import { commitFact, executeFact } from './facts.ts'
import { clientPid, compareMaybe, isReplica } from './state.ts'
import { slotSet } from './slots.ts'
import { at, type ReplicaDraft } from './step.ts'
import { MP_LIMITS } from './config.ts'
import type { Ballot, Cmd, SlotCmd } from './types.ts'

/**
 * Learning and execution: how a replica comes to know a slot is chosen (a quorum of accepts at
 * the leader, the leader's commit point, or catch-up), and how it applies the chosen commands to
 * its register strictly in slot order, once per client command.
 */

/** Record that `slot` holds `cmd` for good, then move the commit point and execute. */
export function learnChosen(
  d: ReplicaDraft,
  slot: number,
  cmd: Cmd,
  via: 'quorum' | 'leader' | 'catch-up',
): void {
  const r = d.state
  if (slot <= r.commit || at(r.chosen, slot) !== null) return
  r.chosen = slotSet(r.chosen, slot, cmd)
  d.fact(commitFact(slot, cmd, via))
}

/** Advance the commit point over contiguous chosen slots and execute up to it. */
export function advance(d: ReplicaDraft): void {
  const r = d.state
  while (at(r.chosen, r.commit + 1) !== null) r.commit++
  while (r.executed < r.commit) execute(d, r.executed + 1)
}

/**
 * Apply one chosen slot to the register. A client command whose (client id, sequence number) was
 * already executed is skipped and answered from the at-most-once table — unless the `noDedup` bug
 * is on. The leader replies to the client.
 */
function execute(d: ReplicaDraft, slot: number): void {
  const r = d.state
  const cmd = at(r.chosen, slot)
  if (cmd === null) throw new Error(`P${r.pid} executes slot ${slot}, which is not chosen`)
  r.executed = slot
  if (cmd.op === 'noop') {
    d.fact(executeFact(slot, cmd, false, ''))
    return
  }
  const session = r.sessions[cmd.client]
  const duplicate = !d.ctx.config.bugs.noDedup && session !== undefined && session.seq >= cmd.seq
  let result: string
  if (duplicate) {
    result = session.seq === cmd.seq ? session.result : ''
  } else {
    result = cmd.op === 'put' ? 'ok' : (r.register ?? 'nil')
    if (cmd.op === 'put') r.register = cmd.value
    d.own('sessions')[cmd.client] = { seq: cmd.seq, result }
  }
  d.fact(executeFact(slot, cmd, !duplicate, result))
  if (r.status === 'leader' && result !== '')
    d.send(clientPid(d.ctx.config, cmd.client), { type: 'reply', client: cmd.client, seq: cmd.seq, result })
}

/**
 * The leader's commit point `commit` at `ballot` says every slot up to it is chosen. A slot this
 * replica accepted in that very ballot holds the leader's command (a leader proposes one command
 * per slot per ballot), so it is known chosen; any other slot is missing, and the replica asks
 * the leader to catch it up.
 */
export function learnCommitPoint(d: ReplicaDraft, from: number, ballot: Ballot, commit: number): void {
  const r = d.state
  let slot = r.commit + 1
  for (; slot <= commit; slot++) {
    if (at(r.chosen, slot) !== null) continue
    const vote = at(r.accepted, slot)
    if (vote === null || compareMaybe(vote.ballot, ballot) !== 0) break
    learnChosen(d, slot, vote.cmd, 'leader')
  }
  advance(d)
  if (slot <= commit && from !== r.pid && isReplica(d.ctx.config, from))
    d.reply({ type: 'catchup-request', fromSlot: r.commit + 1 })
}

/** Catch-up, serving side: send the chosen commands from `fromSlot` on (bounded). */
export function onCatchupRequest(d: ReplicaDraft, fromSlot: number): void {
  const r = d.state
  const entries: SlotCmd[] = []
  const last = Math.min(r.commit, fromSlot + MP_LIMITS.catchupSlotsMax - 1)
  for (let slot = Math.max(1, fromSlot); slot <= last; slot++) {
    const cmd = at(r.chosen, slot)
    if (cmd !== null) entries.push({ slot, cmd })
  }
  if (entries.length === 0) {
    d.counted = { ignored: `P${r.pid} knows no chosen slot from ${fromSlot} on (commit point ${r.commit})` }
    return
  }
  d.reply({ type: 'catchup', entries })
}

/** Catch-up, lagging side: every entry is a chosen command; learn them and execute. */
export function onCatchup(d: ReplicaDraft, entries: readonly SlotCmd[]): void {
  const before = d.state.commit
  for (const e of entries) learnChosen(d, e.slot, e.cmd, 'catch-up')
  advance(d)
  const gained = d.state.commit - before
  d.counted =
    gained > 0
      ? { toward: `catch-up to slot ${d.state.commit}`, count: gained, needed: entries.length }
      : { ignored: `P${d.state.pid} already knew these slots (commit point ${d.state.commit})` }
}
