import { finalValues, isLinearizable, NIL, type ObservedOp } from './linearizability.ts'
import { fmtBallot, fmtCmd, majority, popcount } from './state.ts'
import type { ProcessId, ViolationEvent } from '../../kernel/types.ts'
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

export interface MpGhost {
  /** `slot|ballot|cmd` → bitmask of replicas that ever voted for it. */
  votes: Record<string, number>
  /** Per slot: the first command chosen there (a quorum of votes) or committed by some replica. */
  chosen: Record<number, { cmd: Cmd; how: string }>
  /** Per slot: the first command executed there, and by whom. */
  executed: Record<number, { cmd: Cmd; pid: number }>
  /** Per replica (since its last recovery): client command → slot where it took effect. */
  applied: Record<number, Record<string, number>>
  /** Per client, in sequence order: what it sent and what came back. */
  ops: Record<number, ObservedOp[]>
  /**
   * The checked history starts after a cut (per client, the index of its first command after
   * it), from one of `starts`, the register's possible values there. A cut is made when a
   * command is sent while no command is in progress, so long runs are checked in linear time.
   */
  lin: { cut: Record<number, number>; starts: string[] }
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
    votes: {},
    chosen: {},
    executed: {},
    applied: {},
    ops: {},
    lin: { cut: {}, starts: [NIL] },
    clock: 0,
    reported: {},
    violations: 0,
  }
}

/** A copy for snapshots: every record is copied, nothing shared is mutated later. Pure. */
export function cloneGhost(g: MpGhost): MpGhost {
  const applied: MpGhost['applied'] = {}
  for (const [pid, keys] of Object.entries(g.applied)) applied[Number(pid)] = { ...keys }
  const ops: MpGhost['ops'] = {}
  for (const [c, list] of Object.entries(g.ops)) ops[Number(c)] = [...list]
  return {
    votes: { ...g.votes },
    chosen: { ...g.chosen },
    executed: { ...g.executed },
    applied,
    ops,
    lin: { cut: { ...g.lin.cut }, starts: [...g.lin.starts] },
    clock: g.clock,
    reported: { ...g.reported },
    violations: g.violations,
  }
}

const cmdKey = (c: Cmd): string => (c.op === 'noop' ? 'noop' : `${c.client}.${c.seq}`)

type Found = Omit<MpViolation, 'kind' | 'pids'> & { pids: number[] }

function report(g: MpGhost, key: string, v: Found, out: Conclusion[]): void {
  if (g.reported[key]) return
  g.reported[key] = true
  g.violations++
  out.push({ kind: 'invariant.violated', ...v, pids: v.pids as ProcessId[] })
}

/** Record that `cmd` is chosen (or believed committed) in `slot`; a different earlier one is a violation. */
function chooseSlot(g: MpGhost, pid: number, slot: number, cmd: Cmd, how: string, out: Conclusion[]): void {
  const first = g.chosen[slot]
  if (first === undefined) {
    g.chosen[slot] = { cmd, how }
    return
  }
  if (cmdKey(first.cmd) === cmdKey(cmd)) return
  report(
    g,
    `slot|${slot}`,
    {
      rule: 'slot-agreement',
      pids: [pid],
      slot,
      detail: `slot ${slot}: ${fmtCmd(first.cmd)} (${first.how}) and ${fmtCmd(cmd)} (${how})`,
    },
    out,
  )
}

/** Feed one protocol event; returns what it lets the observer conclude. Mutates `g`. */
export function observe(g: MpGhost, config: MpConfig, f: MpEvent): Conclusion[] {
  const out: Conclusion[] = []
  const pid = f.pid
  switch (f.kind) {
    case 'acceptor.accept': {
      const key = `${f.slot}|${fmtBallot(f.ballot)}|${cmdKey(f.cmd)}`
      const mask = (g.votes[key] ?? 0) | (1 << pid)
      g.votes[key] = mask
      if (popcount(mask) !== majority(config.replicaCount)) break
      if (g.chosen[f.slot] === undefined) out.push(chosenEvent(pid, f.slot, f.ballot, f.cmd, mask))
      chooseSlot(g, pid, f.slot, f.cmd, `chosen by a majority at ballot ${fmtBallot(f.ballot)}`, out)
      break
    }
    case 'slot.commit':
      chooseSlot(g, pid, f.slot, f.cmd, `committed by P${pid}`, out)
      break
    case 'slot.execute':
      onExecute(g, pid, f.slot, f.cmd, f.applied, out)
      break
    case 'replica.recover':
      g.applied[pid] = {}
      break
    case 'client.send': {
      const list = (g.ops[f.client] ??= [])
      if (list.length < f.cmd.seq) cutIfIdle(g, config)
      if (list.length < f.cmd.seq)
        list.push({
          op: f.cmd.op,
          value: f.cmd.op === 'put' ? f.cmd.value : null,
          invoked: ++g.clock,
          responded: null,
        })
      break
    }
    case 'client.answer':
      onRespond(g, config, f.client, f.command, f.result, out)
      break
    default:
  }
  return out
}

function chosenEvent(pid: number, slot: number, ballot: Ballot, cmd: Cmd, mask: number): Conclusion {
  const acceptors: number[] = []
  for (let p = 1; p < 31; p++) if (mask & (1 << p)) acceptors.push(p)
  return { kind: 'slot.chosen', pid, slot, ballot, cmd, acceptors }
}

function onExecute(
  g: MpGhost,
  pid: number,
  slot: number,
  cmd: Cmd,
  applied: boolean,
  out: Conclusion[],
): void {
  const first = g.executed[slot]
  if (first === undefined) g.executed[slot] = { cmd, pid }
  else if (cmdKey(first.cmd) !== cmdKey(cmd))
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
  const mine = (g.applied[pid] ??= {})
  const key = cmdKey(cmd)
  const before = mine[key]
  if (before === undefined) {
    mine[key] = slot
    return
  }
  report(
    g,
    `once|${key}`,
    {
      rule: 'at-most-once',
      pids: [pid],
      slot,
      detail: `P${pid} executed ${fmtCmd(cmd)} twice: in slot ${before} and in slot ${slot}`,
    },
    out,
  )
}

function onRespond(
  g: MpGhost,
  config: MpConfig,
  client: number,
  seq: number,
  result: string,
  out: Conclusion[],
): void {
  const list = g.ops[client]
  const op = list?.[seq - 1]
  if (list === undefined || op === undefined || op.responded !== null) return
  list[seq - 1] = { ...op, responded: ++g.clock, value: op.op === 'get' ? result : op.value }
  // Only a read's answer can break linearizability: a write answered now can always be placed
  // last (every other command was sent before this moment), and it changes no read's answer.
  if (op.op === 'put') return
  if (isLinearizable(recentOf(g, config), g.lin.starts)) return
  report(
    g,
    'linearizable',
    {
      rule: 'linearizable',
      pids: [config.replicaCount + client],
      slot: null,
      detail: `C${client}'s command ${seq} returned ${result}: no order of the commands respects real time and gives that answer`,
    },
    out,
  )
}

/** Each client's commands after the cut. */
function recentOf(g: MpGhost, config: MpConfig): ObservedOp[][] {
  return config.workload.map((_, i) => (g.ops[i + 1] ?? []).slice(g.lin.cut[i + 1] ?? 0))
}

/** When no command is in progress, move the cut to now, keeping only the possible register values. */
function cutIfIdle(g: MpGhost, config: MpConfig): void {
  const recent = recentOf(g, config)
  if (recent.every((ops) => ops.length === 0)) return
  if (recent.some((ops) => ops.some((o) => o.responded === null))) return
  g.lin = {
    cut: Object.fromEntries(config.workload.map((_, i) => [i + 1, g.ops[i + 1]?.length ?? 0])),
    starts: finalValues(recent, g.lin.starts),
  }
}
