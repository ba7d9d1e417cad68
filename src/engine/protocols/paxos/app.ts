import type { AppFace, MomentMark, RunEvent } from '../../kernel/module.ts'
import { ballotKey, formatBallot as fb } from './ballot.ts'
import type { AcceptedPair, Payload, PaxosTypes } from './types.ts'

/**
 * What the app needs from single-decree Paxos beyond its words: a ballot's start, a proposer
 * adopting a reported value, a failed ballot, a value chosen and a learner's decision as marks;
 * phases as the proposers' phase changes, a round as one ballot; the legend's and the inspector's
 * words; and decisions, so the app can run until every learner has decided. Pure.
 */

const failureWord = { rejected: 'rejected', timeout: 'timed out', preempted: 'preempted' } as const

const pair = (a: AcceptedPair | null): string => (a ? `(${fb(a.ballot)}, ${a.value})` : '—')

/** A proposer's phase change as a mark: a ballot starts, adopts a reported value, or fails. */
function phaseMark(e: Extract<RunEvent<PaxosTypes>, { kind: 'proposer.phase' }>): MomentMark | null {
  const b = e.ballot
  if (!b) return null
  const base = { pid: e.pid, pids: [e.pid], colourKey: ballotKey(b) }
  if (e.phase === 'preparing')
    return { ...base, kind: 'attempt', label: `ballot ${fb(b)} for ${e.value ?? '?'}` }
  if (e.phase === 'accepting' && e.adoptedFrom) {
    const label = `adopts ${e.adoptedFrom.value} from ${fb(e.adoptedFrom.ballot)}`
    return { ...base, kind: 'leader', label }
  }
  if ((e.phase === 'waiting' || e.phase === 'abandoned') && e.failure)
    return { ...base, kind: 'failed', label: `${fb(b)} ${failureWord[e.failure.reason]}` }
  return null
}

/** The lecture's line for each message type in the inspector (its step, then what it says). */
const MESSAGE_MEANING: Record<Payload['type'], string> = {
  prepare: 'Phase 1a: the proposer asks an acceptor to promise to ignore lower ballots.',
  promise: 'Phase 1b: the acceptor promises, and reports the last value it accepted, if any.',
  reject: 'The acceptor refuses: it has already promised a higher ballot.',
  accept: 'Phase 2a: the proposer asks the acceptor to accept a value in this ballot.',
  accepted: 'Phase 2b: the acceptor has accepted the value in this ballot.',
  decide: 'Learning: the decider tells a learner the value is decided, again until it acknowledges.',
  learned: 'Learning: the learner acknowledges that it knows the decision.',
}

/** A payload in a few words: its ballot and what it carries. */
function payloadDetail(p: Payload): string {
  switch (p.type) {
    case 'prepare':
      return `ballot ${fb(p.ballot)}`
    case 'promise':
      return `ballot ${fb(p.ballot)}, last accepted ${pair(p.accepted)}`
    case 'reject':
      return `ballot ${fb(p.ballot)} refused; already promised ${fb(p.promised)}`
    default:
      return `ballot ${fb(p.ballot)}, value ${p.value}`
  }
}

export const paxosApp: AppFace<PaxosTypes> = {
  mark(e) {
    switch (e.kind) {
      case 'proposer.phase':
        return phaseMark(e)
      case 'learner.decide':
        return {
          kind: 'decide',
          pid: e.pid,
          pids: [e.pid],
          label: `decided ${e.value}`,
          colourKey: ballotKey(e.ballot),
        }
      case 'value.chosen':
        return {
          kind: 'progress',
          pid: null,
          pids: e.acceptors,
          label: `★ chosen ${e.value} (ballot ${fb(e.ballot)})`,
          colourKey: ballotKey(e.ballot),
        }
      default:
        return null
    }
  },
  scrubMark(e) {
    switch (e.kind) {
      case 'proposer.phase':
        return e.phase === 'preparing' ? { kind: 'attempt', label: `P${e.pid} starts a ballot` } : null
      case 'value.chosen':
        return { kind: 'progress', label: `value ${e.value} chosen` }
      case 'learner.decide':
        return { kind: 'decide', label: `P${e.pid} decides ${e.value}` }
      default:
        return null
    }
  },
  scrubWords: { attempt: 'ballot starts', progress: 'value chosen' },
  chosenValue: (e) => (e.kind === 'value.chosen' ? e.value : null),
  // Every proposer phase change is a phase; a round is one ballot, from its start to its success
  // (decided) or failure (waiting to retry, or abandoned).
  phaseStart: (e) => e.kind === 'proposer.phase',
  roundStart: (e) => e.kind === 'proposer.phase' && e.phase === 'preparing',
  roundEnd: (e) =>
    e.kind === 'proposer.phase' &&
    (e.phase === 'decided' || e.phase === 'waiting' || e.phase === 'abandoned'),
  markWords: {
    attempt: 'proposer starts a ballot',
    leader: 'adopts an accepted value',
    failed: 'ballot failed',
    progress: 'chosen: majority accepted',
    decide: 'decided: learner knows',
  },
  legend: {
    arrows: [
      'prepare / accept (requests)',
      'promise / accepted: ACK',
      'reject: REJECT',
      'decide (tells learners)',
    ],
    // The learner's answer to decide: the decider re-sends decide until every process has sent it.
    noticeAck: {
      text: 'learned: ACK of decide',
      detail:
        'learned: the learner acknowledges it knows the decision, so the decider stops re-sending decide',
    },
    listTypes: false,
  },
  clickerMoments: 'deliveries',
  panels: 'lecture',
  laneNote(e) {
    if (e.kind === 'learner.decide') return { pid: e.pid, kind: 'decided', value: e.value }
    if (e.kind !== 'proposer.phase') return null
    // A lane shows the ballot its proposer runs while it collects promises or accepts.
    const verb = e.phase === 'preparing' ? 'prepare' : e.phase === 'accepting' ? 'accept' : null
    const running =
      verb && e.ballot ? { text: `${verb} ${fb(e.ballot)}`, colourKey: ballotKey(e.ballot) } : null
    return { pid: e.pid, kind: 'running', running }
  },
  invariantsTitle: 'Agreement, validity, promise and stability checks',
  inspect: (payload) => ({ meaning: MESSAGE_MEANING[payload.type], detail: payloadDetail(payload) }),
  decisions: {
    decider: (e) => (e.kind === 'learner.decide' ? e.pid : null),
    decided: (s) => s.learner.decided !== null,
  },
  quiet: [],
  processName: (_config, pid) => `P${pid}`,
}
