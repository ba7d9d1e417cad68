import type { AppFace, MomentMark, RunEvent, ScrubMark } from '../../kernel/module.ts'
import { buildLogGrid } from './logGrid.ts'
import { fmtBallot as fb, fmtCmd, processName } from './state.ts'
import type { MpTypes } from './types.ts'

/**
 * What the app needs from Multi-Paxos beyond its words: the moments worth a mark (a campaign, a
 * new leader, a preemption, a chosen slot), where phases and rounds begin and end (a round is one
 * slot's commit or one leader attempt), heartbeats drawn quietly, process names (P1…, C1…) and the log grid. Pure.
 */
function mark(e: RunEvent<MpTypes>): MomentMark | null {
  switch (e.kind) {
    case 'leader.campaign':
      return {
        kind: 'attempt',
        pid: e.pid,
        pids: [e.pid],
        label: e.skipped ? `takes over ${fb(e.ballot)}, no phase 1` : `phase 1 ${fb(e.ballot)}`,
        colourKey: fb(e.ballot),
      }
    case 'leader.elected': {
      const parts = [`leader ${fb(e.ballot)}`]
      if (e.reproposed.length > 0) parts.push(`re-proposes ${e.reproposed.map((v) => v.slot).join(',')}`)
      if (e.noops.length > 0) parts.push(`no-op ${e.noops.join(',')}`)
      return {
        kind: 'leader',
        pid: e.pid,
        pids: [e.pid],
        label: parts.join(' · '),
        colourKey: fb(e.ballot),
      }
    }
    case 'leader.preempted':
      return {
        kind: 'failed',
        pid: e.pid,
        pids: [e.pid],
        label: e.higher === null ? `${fb(e.ballot)} timed out` : `${fb(e.ballot)} preempted`,
        colourKey: fb(e.ballot),
      }
    case 'slot.chosen':
      return {
        kind: 'progress',
        pid: null,
        pids: e.acceptors,
        label: `slot ${e.slot} = ${fmtCmd(e.cmd)}`,
        colourKey: fb(e.ballot),
      }
    default:
      return null
  }
}

/** Where a mark of each kind shows on the scrubber: campaigns and leaders as attempts, chosen slots. */
const SCRUB_KIND: Record<MomentMark['kind'], ScrubMark['kind'] | null> = {
  attempt: 'attempt',
  leader: 'attempt',
  failed: null,
  progress: 'progress',
  decide: 'decide',
}

/** The four arrow kinds in words that fit any protocol (the legend lists the types below). */
const ARROW_WORDS = ['request (asks)', 'ACK reply', 'REJECT reply', 'notice (no reply)'] as const

export const mpApp: AppFace<MpTypes> = {
  mark,
  scrubMark(e, config) {
    const m = mark(e)
    const kind = m ? SCRUB_KIND[m.kind] : null
    if (!m || kind === null) return null
    return { kind, label: `${m.pid === null ? '' : `${processName(config, m.pid)}: `}${m.label}` }
  },
  scrubWords: { attempt: 'attempts and leaders', progress: 'chosen' },
  // Slots are chosen, not one value: the log grid's commit point tells the progress.
  chosenValue: () => null,
  phaseStart: (e) =>
    e.kind === 'leader.campaign' ||
    e.kind === 'leader.elected' ||
    e.kind === 'leader.preempted' ||
    e.kind === 'slot.propose' ||
    e.kind === 'slot.chosen',
  // A round is one slot's commit, or one leader attempt while no slot commits: each new ballot's
  // phase 1 ends the round before it and starts one, so `]` and `[` walk a duel of leaders one
  // attempt at a time (as single-decree's rounds stop at each ballot) instead of jumping over it.
  roundStart: (e) => e.kind === 'slot.propose' || e.kind === 'leader.campaign',
  roundEnd: (e) => e.kind === 'slot.chosen' || e.kind === 'leader.campaign',
  markWords: {
    attempt: 'starts phase 1 (campaign)',
    leader: 'elected leader',
    failed: 'preempted or timed out',
    progress: 'slot chosen: majority accepted',
    decide: null,
  },
  legend: { arrows: ARROW_WORDS, noticeAck: null, listTypes: true },
  // Latencies vary, so steps rarely share a tick: a moment runs from one phase to the next.
  clickerMoments: 'phases',
  panels: 'module',
  limitNote(config, procs) {
    const done = procs.every(
      (p) =>
        p.local.role !== 'client' ||
        (p.local.pending === null && p.local.nextOp >= (config.workload[p.local.client - 1]?.length ?? 0)),
    )
    return done
      ? "Every client's commands have been answered. The leader's heartbeats never stop, so the run ends at its step limit (Max steps) all the same."
      : null
  },
  quiet: ['heartbeat'],
  processName,
  logGrid: buildLogGrid,
}
