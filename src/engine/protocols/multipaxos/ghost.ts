import { onInvoke, onRespond } from './ghostHistory.ts'
import { NIL, type ObservedOp } from './linearizability.ts'
import { fmtBallot, fmtCmd, majority, popcount } from './state.ts'
import type { ProcessId, ViolationEvent } from '../../kernel/types.ts'
import { emptySlots, slotGet, slotSet, type Slots } from './slots.ts'
import type { Ballot, Cmd, MpConfig, MpEvent } from './types.ts'

/**
 * The invariant checker. It keeps ghost state — what really happened, which no process can see —
 * fed by the facts handlers report, and names each violation in the lecture's words, once.
 */

export type MpRule = 'slot-agreement' | 'prefix-agreement' | 'at-most-once' | 'linearizable'

/** The invariants, as a lecturer states them. */
export const RULE_TEXT: Record<MpRule, string> = {
  'slot-agreement': 'per-slot agreement (never two different commands chosen in one slot)',
  'prefix-agreement': 'executed prefixes agree across replicas',
  'at-most-once': 'each client command is executed at most once',
  linearizable: 'the client-observed history is linearizable',
}

/** A broken invariant, as logged: the kernel's violation event plus the slot it concerns. */
export interface MpViolation extends ViolationEvent {
  rule: MpRule
  slot: number | null
}

/** What the observer concludes: violations, and each slot's command the first time it is chosen. */
export type Conclusion = MpViolation | Extract<MpEvent, { kind: 'slot.chosen' }>

/**
 * The votes for one command at one ballot in one slot. Only a few slots are open at a time, so
 * the ghost keeps one short list compared field by field: a record by slot, then by a
 * `ballot|cmd` string, built three strings per accept, and its numeric keys made V8 keep an
 * array as long as the log (a slot's number) in every snapshot's copy.
 */
export interface Tally {
  readonly slot: number
  readonly ballot: Ballot
  readonly cmd: Cmd
  /** Bit p set: replica p voted for it. Updated in place (the ghost's own object; clones copy it). */
  mask: number
}

/** Client commands a replica applied since its last recovery: all of 1..upTo, plus `extra`. */
export interface Applied {
  upTo: number
  /** Applied out of order (rare): replaced, never mutated, so copies may share it. */
  extra: readonly number[]
}

/** One client's commands since the last cut: what it sent and what came back. */
export interface History {
  /** Sequence numbers up to `base` were checked and dropped at a cut. */
  base: number
  list: ObservedOp[]
}

/**
 * The ghost is copied at every snapshot, so it is kept small: votes only for slots not yet
 * chosen (and votes against a chosen command), per-slot facts in shared chunks (`Slots`), the
 * client history only after the last cut.
 */
export interface MpGhost {
  /** Per (slot, ballot, command): the replicas that voted for it (the chosen command's votes are dropped once chosen). */
  votes: Tally[]
  /** Per slot: the first command chosen there (a quorum of votes) or committed by some replica. */
  chosen: Slots<{ cmd: Cmd; how: string }>
  /** Per slot: the first command executed there, and by whom. */
  executed: Slots<{ cmd: Cmd; pid: number }>
  /**
   * Per replica (by pid), per client (by number): the commands that took effect since the
   * replica's last recovery. Lists indexed by number, not records keyed by them: every snapshot
   * copies them, and a `for…in` over a record's number keys took V8's slow path (most of a
   * snapshot's time).
   */
  applied: (Applied | undefined)[][]
  /** Per client (by number): what it sent and what came back, from sequence number `base + 1` on. */
  ops: (History | undefined)[]
  /**
   * The register's possible values at the last cut: a moment when a command was sent while no
   * command was in progress. Everything before it was checked and dropped, so a long run is
   * checked in linear time.
   */
  starts: string[]
  /**
   * Real time for the client-observed history: one tick per invocation or answer, in the order
   * they happened (two events in one scheduler step are still ordered).
   */
  clock: number
  reported: Record<string, true>
  violations: number
}

export function newGhost(): MpGhost {
  return {
    votes: [],
    chosen: emptySlots(),
    executed: emptySlots(),
    applied: [],
    ops: [],
    starts: [NIL],
    clock: 0,
    reported: {},
    violations: 0,
  }
}

/**
 * A copy for snapshots: small records are copied, the chunked slot facts and the out-of-order
 * lists shared (never mutated). Indexed loops: this runs at every snapshot. Pure.
 */
export function cloneGhost(g: MpGhost): MpGhost {
  const votes = g.votes.map((t) => ({ slot: t.slot, ballot: t.ballot, cmd: t.cmd, mask: t.mask }))
  const applied: MpGhost['applied'] = new Array(g.applied.length)
  for (let pid = 0; pid < g.applied.length; pid++) {
    const clients = g.applied[pid]
    if (clients === undefined) continue
    const copy: (Applied | undefined)[] = new Array(clients.length)
    for (let c = 0; c < clients.length; c++) {
      const a = clients[c]
      if (a !== undefined) copy[c] = { upTo: a.upTo, extra: a.extra }
    }
    applied[pid] = copy
  }
  const ops: MpGhost['ops'] = new Array(g.ops.length)
  for (let c = 0; c < g.ops.length; c++) {
    const o = g.ops[c]
    if (o !== undefined) ops[c] = { base: o.base, list: o.list.slice() }
  }
  return {
    votes,
    chosen: g.chosen,
    executed: g.executed,
    applied,
    ops,
    starts: [...g.starts],
    clock: g.clock,
    reported: { ...g.reported },
    violations: g.violations,
  }
}

const cmdKey = (c: Cmd): string => (c.op === 'noop' ? 'noop' : `${c.client}.${c.seq}`)

/** `cmdKey(a) === cmdKey(b)`, without building the strings (this runs for every accept and execution). */
const sameKey = (a: Cmd, b: Cmd): boolean =>
  a.op === 'noop' ? b.op === 'noop' : b.op !== 'noop' && a.client === b.client && a.seq === b.seq

/** Nothing applied out of order: shared by every `Applied` (never mutated). */
const NO_EXTRA: readonly number[] = Object.freeze([])

export type Found = Omit<MpViolation, 'kind' | 'pids'> & { pids: number[] }

function report(g: MpGhost, key: string, v: Found, out: Conclusion[]): void {
  if (g.reported[key]) return
  g.reported[key] = true
  g.violations++
  out.push({ kind: 'invariant.violated', ...v, pids: v.pids as ProcessId[] })
}

/** How a slot came to be known chosen: by a majority at `ballot`, or (null) committed by `pid`. */
const howChosen = (pid: number, ballot: Ballot | null): string =>
  ballot !== null ? `chosen by a majority at ballot ${fmtBallot(ballot)}` : `committed by P${pid}`

/**
 * Record that `cmd` is chosen in `slot` (by a majority at `ballot`; null: believed committed by
 * `pid`); a different earlier one is a violation. The words are made only when kept or reported:
 * most commits repeat what is known.
 */
function chooseSlot(
  g: MpGhost,
  pid: number,
  slot: number,
  cmd: Cmd,
  ballot: Ballot | null,
  out: Conclusion[],
): void {
  const first = slotGet(g.chosen, slot)
  if (first === null) {
    g.chosen = slotSet(g.chosen, slot, { cmd, how: howChosen(pid, ballot) })
    dropVotes(g, slot)
    return
  }
  if (sameKey(first.cmd, cmd)) return
  report(
    g,
    `slot|${slot}`,
    {
      rule: 'slot-agreement',
      pids: [pid],
      slot,
      detail: `slot ${slot}: ${fmtCmd(first.cmd)} (${first.how}) and ${fmtCmd(cmd)} (${howChosen(pid, ballot)})`,
    },
    out,
  )
}

/** Where `observe` collects its conclusions; most events conclude nothing, and need no list of their own. */
const FOUND: Conclusion[] = []
const NONE: readonly Conclusion[] = Object.freeze([])

/** Feed one protocol event; returns what it lets the observer conclude (a fresh list, or a shared empty one). Mutates `g`. */
export function observe(g: MpGhost, config: MpConfig, f: MpEvent): readonly Conclusion[] {
  const out = FOUND
  const pid = f.pid
  switch (f.kind) {
    case 'acceptor.accept': {
      const chosen = slotGet(g.chosen, f.slot)
      // Once a slot is chosen, only votes for another command can still break agreement.
      if (chosen !== null && sameKey(chosen.cmd, f.cmd)) break
      const mask = vote(g, f.slot, f.ballot, f.cmd, pid)
      if (popcount(mask) !== majority(config.replicaCount)) break
      if (chosen === null) out.push(chosenEvent(pid, f.slot, f.ballot, f.cmd, mask))
      chooseSlot(g, pid, f.slot, f.cmd, f.ballot, out)
      break
    }
    case 'slot.commit':
      chooseSlot(g, pid, f.slot, f.cmd, null, out)
      break
    case 'slot.execute':
      onExecute(g, pid, f.slot, f.cmd, f.applied, out)
      break
    case 'replica.recover':
      g.applied[pid] = []
      break
    case 'client.send':
      onInvoke(g, f.client, f.cmd)
      break
    case 'client.answer': {
      const broken = onRespond(g, config, f.client, f.command, f.result)
      if (broken !== null) report(g, 'linearizable', broken, out)
      break
    }
    default:
  }
  // `splice` hands out the conclusions in a list of their own and empties the scratch.
  return out.length === 0 ? NONE : out.splice(0)
}

/** Count `pid`'s vote for `cmd` at `ballot` in `slot`; returns that command's voters so far. Mutates `g`. */
function vote(g: MpGhost, slot: number, ballot: Ballot, cmd: Cmd, pid: number): number {
  const list = g.votes
  for (let i = 0; i < list.length; i++) {
    const t = list[i] as Tally
    if (
      t.slot === slot &&
      t.ballot.round === ballot.round &&
      t.ballot.pid === ballot.pid &&
      sameKey(t.cmd, cmd)
    )
      return (t.mask |= 1 << pid)
  }
  list.push({ slot, ballot, cmd, mask: 1 << pid })
  return 1 << pid
}

/** Forget the tallies of a slot now chosen (in place, keeping the others' order). Mutates `g`. */
function dropVotes(g: MpGhost, slot: number): void {
  const list = g.votes
  let kept = 0
  for (let i = 0; i < list.length; i++) {
    const t = list[i] as Tally
    if (t.slot !== slot) list[kept++] = t
  }
  // `pop`, not `length = kept`: the length setter is a call into the runtime.
  while (list.length > kept) list.pop()
}

function chosenEvent(pid: number, slot: number, ballot: Ballot, cmd: Cmd, mask: number): Conclusion {
  // Exactly as long as the quorum: grown from empty, the list would reserve 17 slots, and the log
  // keeps it.
  const acceptors: number[] = new Array<number>(popcount(mask))
  for (let p = 1, i = 0; p < 31; p++) if (mask & (1 << p)) acceptors[i++] = p
  // With the kernel's stamps' slots after its own fields, as the handlers' frequent facts have
  // them (facts.ts): one object per logged event, not two.
  const chosen = {
    kind: 'slot.chosen' as const,
    pid,
    slot,
    ballot,
    cmd,
    acceptors,
    seq: 0,
    step: 0,
    tick: 0,
    byUser: false,
    text: '',
  }
  return chosen
}

function onExecute(
  g: MpGhost,
  pid: number,
  slot: number,
  cmd: Cmd,
  applied: boolean,
  out: Conclusion[],
): void {
  const first = slotGet(g.executed, slot)
  if (first === null) g.executed = slotSet(g.executed, slot, { cmd, pid })
  else if (!sameKey(first.cmd, cmd))
    report(
      g,
      `prefix|${slot}`,
      {
        rule: 'prefix-agreement',
        pids: [first.pid, pid],
        slot,
        detail: `slot ${slot}: P${first.pid} executed ${fmtCmd(first.cmd)}, P${pid} executed ${fmtCmd(cmd)}`,
      },
      out,
    )
  if (!applied || cmd.op === 'noop') return
  const mine = (g.applied[pid] ??= [])
  const a = (mine[cmd.client] ??= { upTo: 0, extra: NO_EXTRA })
  // The usual case, the next command in order with none ahead of it: what the general case below
  // ends with, without growing and shrinking `extra` (a push reserves 17 slots, a splice makes a list).
  if (cmd.seq === a.upTo + 1 && a.extra.length === 0) {
    a.upTo++
    return
  }
  if (cmd.seq > a.upTo && !a.extra.includes(cmd.seq)) {
    // A new list (snapshots share the old one), then the in-order prefix it completes.
    const extra = [...a.extra, cmd.seq]
    while (extra.includes(a.upTo + 1)) {
      a.upTo++
      extra.splice(extra.indexOf(a.upTo), 1)
    }
    a.extra = extra
    return
  }
  report(
    g,
    `once|${cmdKey(cmd)}`,
    {
      rule: 'at-most-once',
      pids: [pid],
      slot,
      detail: `P${pid} executed ${fmtCmd(cmd)} twice: in slot ${earlierSlot(g, cmd, slot)} and in slot ${slot}`,
    },
    out,
  )
}

/** The first slot before `slot` where `cmd` was executed (only looked up for a violation). */
function earlierSlot(g: MpGhost, cmd: Cmd, slot: number): string {
  for (let s = 1; s < slot; s++) {
    const e = slotGet(g.executed, s)
    if (e !== null && sameKey(e.cmd, cmd)) return String(s)
  }
  return 'an earlier one'
}
