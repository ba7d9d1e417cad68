import type { LaneStatus, ProcessView } from '../../kernel/module.ts'
import {
  fmtBallot as fb,
  fmtCmd,
  majority,
  popcount,
  type ClientState,
  type MpProcState,
  type ReplicaState,
} from './state.ts'
import { at } from './step.ts'
import { slotsToArray } from './slots.ts'
import type { MpConfig } from './types.ts'

/** The panels' view of one process, from its real state. Pure. */

/** One log cell as the log grid shows it. */
export type CellStatus = 'empty' | 'accepted' | 'chosen' | 'executed'

export interface LogCell {
  readonly slot: number
  readonly status: CellStatus
  /** The command held (accepted, or known chosen), or null for an empty slot. */
  readonly cmd: string | null
  /** The ballot of the vote held there, or null. */
  readonly ballot: string | null
  readonly noop: boolean
}

/** A replica's log, slot by slot up to `upTo` (at least its own highest slot). Pure. */
export function logCells(r: ReplicaState, upTo = 0): LogCell[] {
  const last = Math.max(upTo, r.accepted.size, r.chosen.size)
  const cells: LogCell[] = []
  for (let slot = 1; slot <= last; slot++) {
    const vote = at(r.accepted, slot)
    const chosen = at(r.chosen, slot)
    const cmd = chosen ?? vote?.cmd ?? null
    const status: CellStatus =
      slot <= r.executed ? 'executed' : chosen !== null ? 'chosen' : vote !== null ? 'accepted' : 'empty'
    cells.push({
      slot,
      status,
      cmd: cmd === null ? null : fmtCmd(cmd),
      ballot: vote === null ? null : fb(vote.ballot),
      noop: cmd?.op === 'noop',
    })
  }
  return cells
}

function replicaView(r: ReplicaState, up: boolean, config: MpConfig): ProcessView {
  const role =
    r.status === 'leader'
      ? `leader ${fb(r.ballot)}`
      : r.status === 'candidate'
        ? `candidate ${fb(r.ballot)}`
        : `follower of ${r.leader === null ? 'nobody' : `P${r.leader}`}`
  const cells = [
    { id: 'role', value: up ? role : 'down' },
    { id: 'promised', value: fb(r.promised) },
    { id: 'commit', value: String(r.commit) },
    { id: 'executed', value: String(r.executed) },
    { id: 'register', value: r.register ?? 'nil' },
  ]
  const lines: { id: string; text: string; meters: { label: string; got: number; needed: number }[] }[] = []
  const log = logCells(r)
    .map(
      (c) =>
        `${c.slot}:${c.cmd ?? '·'}${c.status === 'accepted' ? `@${c.ballot}` : c.status === 'chosen' ? '✓' : ''}`,
    )
    .join(' ')
  lines.push({ id: 'log', text: `log ${log === '' ? 'empty' : log}`, meters: [] })
  const needed = majority(config.replicaCount)
  if (r.status === 'candidate')
    lines.push({
      id: 'phase1',
      text: `phase 1 for ${fb(r.ballot)} from slot ${r.fromSlot}`,
      meters: [{ label: 'promises', got: popcount(r.promises), needed }],
    })
  if (r.status === 'leader') {
    const waiting = Math.max(0, r.nextSlot - 1 - r.commit)
    lines.push({
      id: 'leader',
      text: `next free slot ${r.nextSlot}; ${waiting} slot(s) waiting for a majority`,
      meters: [],
    })
  }
  const summary = `P${r.pid}: ${up ? role : 'down'}, promised ${fb(r.promised)}, commit point ${r.commit}, executed ${r.executed}, register ${r.register ?? 'nil'}.`
  return { cells, lines, summary }
}

function clientView(c: ClientState, up: boolean): ProcessView {
  // Sequence numbers run 1, 2, … without gaps, so no slot of the history is empty.
  const history = slotsToArray(c.history).filter((h) => h !== null)
  const waiting = c.pending === null ? 'idle' : `waiting for ${fmtCmd(c.pending)}`
  const cells = [
    { id: 'state', value: up ? waiting : 'down' },
    { id: 'target', value: `P${c.target}` },
    { id: 'done', value: String(history.filter((h) => h.result !== null).length) },
  ]
  const lines = history.map((h, i) => ({
    id: `cmd${i + 1}`,
    text: `${fmtCmd(h.cmd)} → ${h.result ?? '…'}`,
    meters: [],
  }))
  return { cells, lines, summary: `C${c.client}: ${up ? waiting : 'down'}, sends to P${c.target}.` }
}

/** The process card. Pure. */
export function view(s: MpProcState, up: boolean, config: MpConfig): ProcessView {
  return s.role === 'replica' ? replicaView(s, up, config) : clientView(s, up)
}

/** The lane's status line. Pure. */
export function laneStatus(s: MpProcState, up: boolean): LaneStatus {
  if (!up) return { text: 'down', tone: 'idle', colourKey: null }
  if (s.role === 'client') {
    if (s.pending !== null) return { text: `→ ${fmtCmd(s.pending)}`, tone: 'running', colourKey: null }
    const done = s.history.size
    return { text: done > 0 ? `✓ ${done}` : null, tone: done > 0 ? 'done' : 'idle', colourKey: null }
  }
  if (s.status === 'leader')
    return { text: `leader ${fb(s.ballot)} · c${s.commit}`, tone: 'running', colourKey: fb(s.ballot) }
  if (s.status === 'candidate')
    return { text: `phase 1 ${fb(s.ballot)}`, tone: 'running', colourKey: fb(s.ballot) }
  // A follower: its commit point, and how far it has executed when that lags behind.
  const text = s.executed === s.commit ? `commit ${s.commit}` : `commit ${s.commit} · ran ${s.executed}`
  return { text, tone: s.executed > 0 ? 'done' : 'idle', colourKey: null }
}
