import type { LaneStatus, ProcessView, ProcSlot } from '../../kernel/module.ts'
import { ballotKey, formatBallot } from './ballot.ts'
import { quorumSizes } from './config.ts'
import { maskToPids, popcount } from './state.ts'
import type { ProcessId } from '../../kernel/types.ts'
import type { LogEvent } from '../../kernel/types.ts'
import type {
  AcceptedPair,
  Ballot,
  GhostState,
  PaxosProc,
  PaxosTypes,
  ProposerPhase,
  SimConfig,
} from './types.ts'
import type { RunEvent } from '../../kernel/module.ts'

/** How a process, a lane and a run look in the lecture's words, from the real state. Pure. */

const dash = (b: Ballot | null): string => (b ? formatBallot(b) : '—')
const pair = (a: AcceptedPair | null): string => (a ? `(${formatBallot(a.ballot)}, ${a.value})` : '—')

const PHASE_NAMES: Record<ProposerPhase, string> = {
  idle: 'idle',
  preparing: 'phase 1 · prepare',
  accepting: 'phase 2 · accept',
  waiting: 'waiting to retry',
  decided: 'done · decided',
  abandoned: 'gave up',
}

/** The process card: promised, accepted and decided, and the proposer's progress. */
export function processView(s: PaxosProc, up: boolean, config: SimConfig, pid: ProcessId): ProcessView {
  const pr = s.proposer
  const lines: ProcessView['lines'][number][] = []
  if (pr.phase !== 'idle') {
    const value = pr.value ?? pr.ownValue
    const adopted = pr.adoptedFrom ? ` (adopted from ${pair(pr.adoptedFrom)})` : ''
    const { q1, q2 } = quorumSizes(config)
    const meters =
      pr.phase === 'preparing'
        ? [{ label: 'promises', got: popcount(pr.promises), needed: q1 }]
        : pr.phase === 'accepting'
          ? [{ label: 'accepted', got: popcount(pr.accepteds), needed: q2 }]
          : []
    lines.push({
      id: 'proposer',
      text: `proposer ${PHASE_NAMES[pr.phase]} · ballot ${dash(pr.ballot)}${value !== null ? ` · value ${value}` : ''}${adopted}`,
      meters,
    })
  }
  const decided = s.learner.decided
  if (decided && s.learner.informed !== 0) {
    // The decider's duty: how many know the decision (itself included), until all have answered.
    const known = popcount(s.learner.informed)
    const others = maskToPids(s.learner.disagreed)
    const all = known + others.length >= config.processCount
    const otherwise =
      others.length > 0 ? ` · ${others.map((p) => `P${p}`).join(', ')} decided another value` : ''
    lines.push({
      id: 'decider',
      text: all
        ? others.length > 0
          ? `decider · ${known} of ${config.processCount} acknowledged ${decided.value}${otherwise}`
          : `decider · every process has acknowledged ${decided.value}`
        : `decider · re-sends ${decided.value} until every process answers${otherwise}`,
      meters: all ? [] : [{ label: 'acknowledged', got: known, needed: config.processCount }],
    })
  }
  return {
    cells: [
      { id: 'promised', value: dash(s.acceptor.promised) },
      { id: 'accepted', value: pair(s.acceptor.accepted) },
      { id: 'decided', value: decided ? decided.value : '—' },
    ],
    lines,
    summary: `P${pid}, ${up ? 'up' : 'down'}. Promised ${dash(s.acceptor.promised)}, accepted ${pair(s.acceptor.accepted)}, decided ${decided?.value ?? 'nothing'}.`,
  }
}

/** The lane's status: the value decided, or the ballot being run. */
export function laneStatus(s: PaxosProc, up: boolean): LaneStatus {
  if (!up) return { text: null, tone: 'idle', colourKey: null }
  if (s.learner.decided) return { text: `✓ ${s.learner.decided.value}`, tone: 'done', colourKey: null }
  const pr = s.proposer
  if ((pr.phase === 'preparing' || pr.phase === 'accepting') && pr.ballot) {
    const what = pr.phase === 'preparing' ? 'prepare' : 'accept'
    return { text: `${what} ${formatBallot(pr.ballot)}`, tone: 'running', colourKey: ballotKey(pr.ballot) }
  }
  return { text: null, tone: 'idle', colourKey: null }
}

const counts = (ghost: GhostState, procs: readonly ProcSlot<PaxosTypes>[]) => {
  const first = ghost.chosen[0] ?? null
  return {
    chosen: first ? first.value : null,
    ballot: first ? formatBallot(first.ballot) : null,
    decided: procs.filter((p) => p.local.learner.decided !== null).length,
    processes: procs.length,
  }
}

/** `chosen=10 ballot=2.3 decided=5/5`. */
export function summary(ghost: GhostState, procs: readonly ProcSlot<PaxosTypes>[]): [string, string][] {
  const c = counts(ghost, procs)
  return [
    ['chosen', c.chosen ?? 'none'],
    ['ballot', c.ballot ?? 'none'],
    ['decided', `${c.decided}/${c.processes}`],
  ]
}

/** The same for `--json`: chosen, ballot, decided and processes. */
export const summaryFields = counts

/** A field of the app's process card that can change in a step (for highlighting). */
export type CardField = 'up' | 'promised' | 'accepted' | 'phase' | 'promises' | 'accepteds' | 'decided'

/**
 * The app's process card for single-decree Paxos: the acceptor's promise and vote, the proposer's
 * progress and the learner's decision, read from the real state at the cursor (a crashed
 * process's card shows only what survives on its stable storage). Pure.
 */
export interface PaxosCard {
  readonly up: boolean
  readonly promised: Ballot | null
  readonly accepted: AcceptedPair | null
  readonly phase: ProposerPhase
  readonly ballot: Ballot | null
  /**
   * The value its ballot carries: the one it is asked to propose (phase 1), proposes (phase 2) or
   * proposed; after learning another ballot's decision, still its own ballot's (`decided` says
   * what was decided).
   */
  readonly value: string | null
  readonly ownValue: string | null
  readonly adoptedFrom: AcceptedPair | null
  /** Who has promised / rejected / accepted the current ballot (pids, ascending). */
  readonly promises: readonly number[]
  readonly rejects: readonly number[]
  readonly accepteds: readonly number[]
  readonly decided: AcceptedPair | null
}

/**
 * What the proposer's ballot carries. Phase 2's value is its own unless it adopted one from a
 * promise (`adoptedFrom`), and a proposer that learns a decision from elsewhere takes the decided
 * value into `value`, so its ballot's value is read back from those two.
 */
function ballotValue(pr: PaxosProc['proposer']): string | null {
  switch (pr.phase) {
    case 'idle':
      return null
    case 'preparing':
      return pr.ownValue
    case 'decided':
      return pr.adoptedFrom?.value ?? pr.ownValue
    default:
      return pr.value ?? pr.ownValue
  }
}

export function paxosCard(s: PaxosProc, up: boolean): PaxosCard {
  const pr = s.proposer
  return {
    up,
    promised: s.acceptor.promised,
    accepted: s.acceptor.accepted,
    phase: pr.phase,
    ballot: pr.ballot,
    value: ballotValue(pr),
    ownValue: pr.ownValue,
    adoptedFrom: pr.adoptedFrom,
    promises: maskToPids(pr.promises),
    rejects: maskToPids(pr.rejects),
    accepteds: maskToPids(pr.accepteds),
    decided: s.learner.decided,
  }
}

/**
 * The card fields of process `pid` that the events of one step touch (they glow), in event
 * order: read from the facts in the log (a reply counts toward a tally as `counted` says). Pure.
 */
export function changedFields(events: readonly LogEvent<RunEvent<PaxosTypes>>[], pid: number): CardField[] {
  const out: CardField[] = []
  const note = (f: CardField | null): void => {
    if (f && !out.includes(f)) out.push(f)
  }
  for (const e of events) {
    if (e.kind === 'msg.deliver') {
      const c = e.counted
      if (e.msg.to !== pid || !c || !('toward' in c)) continue
      const tally = c.toward.slice(0, c.toward.indexOf(' '))
      note(tally === 'promises' || tally === 'accepteds' ? tally : null)
    } else if ('pid' in e && e.pid === pid) note(FIELD_OF_EVENT[e.kind] ?? null)
  }
  return out
}

const FIELD_OF_EVENT: Partial<Record<RunEvent<PaxosTypes>['kind'], CardField>> = {
  'proc.crash': 'up',
  'proc.recover': 'up',
  'acceptor.promise': 'promised',
  'acceptor.accept': 'accepted',
  'acceptor.forget': 'accepted',
  'proposer.phase': 'phase',
  'learner.decide': 'decided',
}
