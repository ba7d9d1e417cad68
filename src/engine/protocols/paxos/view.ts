import type { LaneStatus, ProcessView, ProcSlot } from '../../kernel/module.ts'
import { ballotKey, formatBallot } from './ballot.ts'
import { quorumSizes } from './config.ts'
import { maskToPids, popcount } from './state.ts'
import type { ProcessId } from '../../kernel/types.ts'
import type {
  AcceptedPair,
  Ballot,
  GhostState,
  PaxosProc,
  PaxosTypes,
  ProposerPhase,
  SimConfig,
} from './types.ts'

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
