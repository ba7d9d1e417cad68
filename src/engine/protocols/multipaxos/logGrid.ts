import type { LogGridCell, LogGridModel, LogGridRow, ProcSlot, RunEvent } from '../../kernel/module.ts'
import type { Message } from '../../kernel/types.ts'
import { acceptsToCommit, fmtBallot as fb, fmtCmd, processName } from './state.ts'
import type { Ballot, MpConfig, MpMsg, MpTypes, SlotVote } from './types.ts'
import { forgottenCommit } from './forgottenCommit.ts'
import { reasonIndex } from './logGridIndex.ts'
import { logCells, type LogCell } from './view.ts'

/**
 * The log grid: replicas × slots, each cell empty / accepted (with its ballot) / chosen /
 * executed, the commit point, the leader and its ballot — and for every cell, why it holds what
 * it holds (which accept or promise put it there), read from the facts in the event log. Pure.
 */

/** A cell as the grid shows it (the kernel's shape, so the app needs no Multi-Paxos types). */
export type GridCell = LogGridCell & LogCell
export type GridRow = LogGridRow
export type { LogGridModel }

type Ev = RunEvent<MpTypes> & { readonly step?: number }

/**
 * Said of a cell after its replica crashed: a crash keeps only the acceptor's state (stable
 * storage, `onCrash`), so what the replica had committed or executed there is gone, down or back.
 */
const CRASHED = ' (after the crash: only the accepted vote survived)'

/** Who reported each re-proposed vote, per new leader: `pid|slot` → sentence. */
function reproposalOrigins(events: readonly Ev[]): Map<string, string> {
  const promises = new Map<string, { from: number; id: number; accepted: readonly SlotVote[] }[]>()
  const origins = new Map<string, string>()
  for (const e of events) {
    if (e.kind === 'msg.deliver' && e.msg.payload.type === 'promise') {
      const key = `${e.msg.to}|${fb(e.msg.payload.ballot)}`
      const list = promises.get(key) ?? []
      list.push({ from: e.msg.from, id: e.msg.id, accepted: e.msg.payload.accepted })
      promises.set(key, list)
    }
    if (e.kind !== 'leader.elected') continue
    const got = promises.get(`${e.pid}|${fb(e.ballot)}`) ?? []
    for (const v of e.reproposed) {
      const by = got.find((p) => p.accepted.some((a) => a.slot === v.slot && fb(a.ballot) === fb(v.ballot)))
      const via = by ? `P${by.from}'s promise #${by.id}` : 'a promise'
      origins.set(
        `${e.pid}|${fb(e.ballot)}|${v.slot}`,
        `re-proposed by new leader P${e.pid}: ${via} reported it accepted at ${fb(v.ballot)}`,
      )
    }
    for (const slot of e.noops)
      origins.set(
        `${e.pid}|${fb(e.ballot)}|${slot}`,
        `a no-op: new leader P${e.pid} heard of no command for slot ${slot} in its promises (a hole)`,
      )
  }
  return origins
}

/**
 * For each `pid|slot`, the latest explanation of that cell, from the events in order: every cell
 * at once, in one replay of the log (the grid asks `cellWhy` for one cell instead; this is the
 * reference it is tested against).
 */
export function cellReasons(events: readonly Ev[], config: MpConfig): Map<string, string> {
  const origins = reproposalOrigins(events)
  const why = new Map<string, string>()
  // Each cell's last accept, in words: what a crash leaves of the cell.
  const accepted = new Map<string, string>()
  let delivered: Message<MpMsg> | null = null
  for (const e of events) {
    if (e.kind === 'msg.deliver') delivered = e.msg
    else if (e.kind === 'timer.fire') delivered = null
    if (e.kind === 'acceptor.accept') {
      const key = `${e.pid}|${e.slot}`
      const said = acceptWhy(e, delivered, (leader) => origins.get(`${leader}|${fb(e.ballot)}|${e.slot}`))
      accepted.set(key, said)
      why.set(key, said)
    }
    if (e.kind === 'slot.commit') {
      const key = `${e.pid}|${e.slot}`
      why.set(key, commitWhy(e, delivered, config, why.get(key)))
    }
    if (e.kind === 'proc.crash') {
      for (const [key, said] of accepted) if (key.startsWith(`${e.pid}|`)) why.set(key, said + CRASHED)
    }
  }
  return why
}

/** The words for an accept at `(pid, slot)`, given the message that delivered it (if any). */
function acceptWhy(
  e: Extract<Ev, { kind: 'acceptor.accept' }>,
  delivered: Message<MpMsg> | null,
  origin: (leader: number) => string | undefined,
): string {
  const from = delivered && delivered.payload.type === 'accept' ? delivered : null
  const leader = from ? from.from : e.ballot.pid
  const o = origin(leader)
  const at = e.step === undefined ? '' : ` at step ${e.step}`
  return `P${e.pid} accepted ${fmtCmd(e.cmd)} at ballot ${fb(e.ballot)} from P${leader}'s accept${from ? ` #${from.id}` : ''}${at}${o ? ` (${o})` : ''}`
}

/** The words for a commit, after `prev` (the cell's explanation before it). */
function commitWhy(
  e: Extract<Ev, { kind: 'slot.commit' }>,
  delivered: Message<MpMsg> | null,
  config: MpConfig,
  prev: string | undefined,
): string {
  const how =
    e.via === 'quorum'
      ? config.bugs.commitOneShort
        ? `only ${acceptsToCommit(config)} accepted it, one short of a majority (the bug)`
        : 'a majority accepted it'
      : e.via === 'leader'
        ? `the leader's commit point${delivered ? ` in #${delivered.id} from ${processName(config, delivered.from)}` : ''} covers it`
        : `catch-up${delivered ? ` #${delivered.id} from ${processName(config, delivered.from)}` : ''}`
  // The replica's act, not the truth: a replica commits (takes a slot as chosen); whether the
  // command is chosen (a majority accepted it) is the observer's to say (`slotTruth`).
  return `committed ${fmtCmd(e.cmd)}: ${how}${prev ? `. Before: ${prev}` : ''}`
}

/**
 * Slot `slot` as a whole, when a cell alone would mislead: what the observer saw chosen there (a
 * majority accepted it), or that two commands are taken as chosen (its per-slot agreement
 * violation, under a broken variant), or that nothing is though a replica committed one; and, when
 * the replicas that committed the slot hold different commands, who holds which. Null when every
 * replica that committed it holds the one chosen command. Pure.
 */
export function slotTruth(events: readonly Ev[], rows: readonly GridRow[], slot: number): string | null {
  const chosen = new Map<string, string>()
  // Two commands taken as chosen (the observer's per-slot agreement violation), in its words.
  let conflict: string | null = null
  // Only the slot's own facts (the run's index), and none past this log: a later moment's.
  for (const i of reasonIndex(events).chosen.get(slot) ?? []) {
    const e = events[i]
    if (e?.kind === 'invariant.violated') conflict ??= e.detail.replace(/^slot \d+: /, '')
    if (e?.kind === 'slot.chosen' && !chosen.has(fmtCmd(e.cmd)))
      chosen.set(
        fmtCmd(e.cmd),
        `a majority (${e.acceptors.map((a) => `P${a}`).join(', ')}) accepted it at ${fb(e.ballot)}`,
      )
  }
  // Committed: the replica knows (or believes, under a bug) the slot is chosen, and holds its command.
  const holders = new Map<string, string[]>()
  for (const row of rows) {
    const c = row.cells[slot - 1] as GridCell | undefined
    if (!c?.cmd || (c.status !== 'chosen' && c.status !== 'executed')) continue
    holders.set(c.cmd, [...(holders.get(c.cmd) ?? []), row.name])
  }
  const misled = conflict !== null || holders.size > 1 || [...holders.keys()].some((cmd) => !chosen.has(cmd))
  if (!misled) return null
  const said =
    conflict !== null
      ? `Two commands are taken as chosen in slot ${slot}: ${conflict}.`
      : chosen.size === 0
        ? `Nothing is chosen in slot ${slot}: no majority accepted one command there.`
        : `Chosen in slot ${slot}: ${[...chosen].map(([cmd, how]) => `${cmd}, ${how}`).join('; ')}.`
  if (holders.size < 2) return said
  const who = [...holders].map(
    ([cmd, names]) => `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} ${cmd}`,
  )
  return `${said} The replicas disagree on slot ${slot}: ${who.join('; ')}.`
}

const sameBallot = (a: Ballot, b: Ballot): boolean => a.round === b.round && a.pid === b.pid

/**
 * Where the vote leader `leader` re-proposed (or filled with a no-op) in `slot` at `ballot` came
 * from, or undefined when it proposed it fresh: read from its last election at that ballot that
 * named the slot (a later one would have replaced the words), and the promises before it.
 */
function originOf(
  events: readonly Ev[],
  elections: readonly number[],
  leader: number,
  ballot: Ballot,
  slot: number,
): string | undefined {
  let at = -1
  for (let j = elections.length - 1; j >= 0 && at < 0; j--) {
    const i = elections[j] ?? -1
    const e = events[i]
    if (e?.kind !== 'leader.elected' || e.pid !== leader || !sameBallot(e.ballot, ballot)) continue
    if (e.noops.includes(slot) || e.reproposed.some((v) => v.slot === slot)) at = i
  }
  const elected = events[at]
  if (elected?.kind !== 'leader.elected') return undefined
  if (elected.noops.includes(slot))
    return `a no-op: new leader P${leader} heard of no command for slot ${slot} in its promises (a hole)`
  const v = elected.reproposed.find((r) => r.slot === slot)
  if (!v) return undefined
  // The first promise to arrive that reported the vote.
  let via = 'a promise'
  for (let i = 0; i < at; i++) {
    const e = events[i]
    if (e?.kind !== 'msg.deliver') continue
    const m = e.msg
    if (m.to !== leader || m.payload.type !== 'promise' || !sameBallot(m.payload.ballot, ballot)) continue
    if (m.payload.accepted.some((a) => a.slot === v.slot && fb(a.ballot) === fb(v.ballot))) {
      via = `P${m.from}'s promise #${m.id}`
      break
    }
  }
  return `re-proposed by new leader P${leader}: ${via} reported it accepted at ${fb(v.ballot)}`
}

/** The message delivered just before event `i`, that its handler was reacting to, if any. */
function deliveredBefore(events: readonly Ev[], i: number): Message<MpMsg> | null {
  for (let j = i - 1; j >= 0; j--) {
    const e = events[j]
    if (e?.kind === 'msg.deliver') return e.msg
    if (e?.kind === 'timer.fire') return null
  }
  return null
}

/**
 * The latest explanation of `pid`'s slot `slot` from the events in order (the same sentence
 * `cellReasons` gives it), or undefined when nothing was ever accepted there. Only that cell's
 * own events are read (found through the run's `reasonIndex`), from its last accept on: an
 * accept replaces every explanation before it.
 */
export function cellWhy(
  events: readonly Ev[],
  config: MpConfig,
  pid: number,
  slot: number,
): string | undefined {
  const index = reasonIndex(events)
  // Positions past this log belong to a later moment of the run.
  const own = (index.cells.get(`${pid}|${slot}`) ?? []).filter((i) => i < events.length)
  let from = 0
  own.forEach((i, j) => {
    if (events[i]?.kind === 'acceptor.accept') from = j
  })
  const first = own[from]
  if (first === undefined) return undefined
  const crashes = (index.crashes.get(pid) ?? []).filter((i) => i > first && i < events.length)
  const order = [...own.slice(from), ...crashes].sort((a, b) => a - b)
  let accepted: string | undefined
  let why: string | undefined
  for (const i of order) {
    const e = events[i]
    if (e?.kind === 'acceptor.accept') {
      accepted = acceptWhy(e, deliveredBefore(events, i), (leader) =>
        originOf(events, index.elections, leader, e.ballot, slot),
      )
      why = accepted
    } else if (e?.kind === 'slot.commit') why = commitWhy(e, deliveredBefore(events, i), config, why)
    else if (e?.kind === 'proc.crash' && accepted !== undefined) why = accepted + CRASHED
  }
  return why
}

/**
 * The grid at the cursor: the real replica states, and each cell's reason read from the log
 * prefix when that cell is asked about (kept once asked). Pure.
 */
export function buildLogGrid(
  config: MpConfig,
  procs: readonly ProcSlot<MpTypes>[],
  events: readonly Ev[],
): LogGridModel {
  let slots = 0
  for (const p of procs)
    if (p.local.role === 'replica') slots = Math.max(slots, p.local.accepted.size, p.local.chosen.size)
  const rows: GridRow[] = []
  for (const p of procs) {
    const r = p.local
    if (r.role !== 'replica') continue
    const role = r.status === 'follower' ? null : `${r.status} ${fb(r.ballot)}`
    rows.push({
      pid: r.pid,
      name: `P${r.pid}`,
      up: p.up,
      role,
      commit: r.commit,
      executed: r.executed,
      cells: logCells(r, slots),
    })
  }
  const asked = new Map<string, string>()
  const why = (pid: number, slot: number): string => {
    const key = `${pid}|${slot}`
    const known = asked.get(key)
    if (known !== undefined) return known
    const cell = rows.find((row) => row.pid === pid)?.cells[slot - 1]
    const said =
      cellWhy(events, config, pid, slot) ??
      (cell === undefined || cell.status === 'empty' ? `P${pid} has accepted nothing in slot ${slot}` : '')
    asked.set(key, said)
    return said
  }
  return {
    slots,
    rows,
    why,
    slotWhy: (slot) => slotTruth(events, rows, slot),
    forgottenCommit: () => forgottenCommit(events, rows),
  }
}
