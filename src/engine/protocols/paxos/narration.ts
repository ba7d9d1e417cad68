import type { Counted, Message, ProcessId, Tick } from '../../kernel/types.ts'
import { compareBallots, formatBallot as fb } from './ballot.ts'
import { quorumSizes } from './config.ts'
import { invariantTitle } from './properties.ts'
import type {
  AcceptedPair,
  Ballot,
  PaxosEvent,
  Payload,
  ProposerState,
  SimConfig,
  TimerPurpose,
} from './types.ts'

/** Paxos's words: labels, sentences for its messages and events, and why a reply did not count. */

const P = (n: number): string => `P${n}`
const pair = (a: AcceptedPair | null): string => (a === null ? 'nothing' : `(${fb(a.ballot)}, ${a.value})`)

/** A short label for a message payload, as drawn on its arrow (`promise 2.3 (1.1, 10)`). Pure. */
export function payloadLabel(p: Payload): string {
  switch (p.type) {
    case 'prepare':
      return `prepare ${fb(p.ballot)}`
    case 'promise':
      return p.accepted ? `promise ${fb(p.ballot)} ${pair(p.accepted)}` : `promise ${fb(p.ballot)}`
    case 'reject':
      return `reject ${fb(p.ballot)} (promised ${fb(p.promised)})`
    case 'accept':
      return `accept ${fb(p.ballot)} = ${p.value}`
    case 'accepted':
      return `accepted ${fb(p.ballot)} = ${p.value}`
    case 'decide':
      return `decide ${p.value}`
    case 'learned':
      return `learned ${p.value}`
  }
}

/** The sentence for sending a message, in the lecture's words (the kernel adds the period). Pure. */
export function sendText(m: Message<Payload>): string {
  const p = m.payload
  const to = m.to === m.from ? 'itself' : P(m.to)
  let s: string
  switch (p.type) {
    case 'prepare':
      s = `${P(m.from)} sends prepare ${fb(p.ballot)} to ${to}, asking it to promise to ignore lower ballots`
      break
    case 'promise':
      s = p.accepted
        ? `${P(m.from)} promises ballot ${fb(p.ballot)} to ${to} and reports value ${p.accepted.value} it accepted in ballot ${fb(p.accepted.ballot)}`
        : `${P(m.from)} promises ballot ${fb(p.ballot)} to ${to}; it has accepted nothing yet`
      break
    case 'reject':
      s = `${P(m.from)} rejects ${p.phase === 1 ? 'prepare' : 'accept'} ${fb(p.ballot)} from ${to}: it already promised ballot ${fb(p.promised)}`
      break
    case 'accept':
      s = `${P(m.from)} asks ${to} to accept value ${p.value} in ballot ${fb(p.ballot)}`
      break
    case 'accepted':
      s = `${P(m.from)} tells ${to} it accepted value ${p.value} in ballot ${fb(p.ballot)}`
      break
    case 'decide':
      s = `${P(m.from)} tells ${to} that value ${p.value} is decided (ballot ${fb(p.ballot)})`
      break
    case 'learned':
      s = `${P(m.from)} acknowledges to ${to} that it knows value ${p.value} is decided (ballot ${fb(p.ballot)})`
      break
  }
  return s
}

/**
 * Why a reply for `ballot` did not count at proposer `pid`, from the proposer's state when it
 * arrived. `phase` is the reply's phase (1: promise or reject, 2: accepted). Pure.
 */
export function ignoredReply(pid: number, p: ProposerState, ballot: Ballot, phase: 1 | 2): string {
  const who = P(pid)
  if (p.phase === 'decided') return `${who} already knows a value is decided`
  if (p.ballot !== null && compareBallots(p.ballot, ballot) > 0) {
    return `${who} has moved on to ballot ${fb(p.ballot)}`
  }
  if (p.ballot === null || compareBallots(p.ballot, ballot) !== 0 || p.phase === 'idle') {
    return `${who} is not running ballot ${fb(ballot)}`
  }
  if (p.phase === 'waiting' || p.phase === 'abandoned')
    return `${who} has already given up ballot ${fb(ballot)}`
  if (p.phase === 'accepting' && phase === 1) return `${who} already has its quorum of promises`
  return `${who} does not count it`
}

/** The words a delivered reply adds: how it counted, or why it did not (` (2 of 3 needed)`). Pure. */
export function countedText(m: Message<Payload>, counted: Counted | null): string {
  const t = m.payload.type
  if (counted === null || (t !== 'promise' && t !== 'reject' && t !== 'accepted' && t !== 'learned'))
    return ''
  if ('ignored' in counted) return `; it does not count: ${counted.ignored}`
  if (t === 'reject')
    return ` (${counted.count} reject${counted.count === 1 ? '' : 's'}; ${counted.needed} make the ballot fail)`
  // The decider's own record (itself and each acknowledgement), not the run's: others may have
  // learned already while their acknowledgements are still on the way.
  if (t === 'learned')
    return ` (${P(m.to)} now knows ${counted.count} of ${counted.needed} processes have learned)`
  return ` (${counted.count} of ${counted.needed} needed)`
}

export function timerSetText(pid: ProcessId, key: TimerPurpose, fireAt: Tick): string {
  if (key === 'inform')
    return `${P(pid)} will send its decision again at tick ${fireAt} to every process that has not acknowledged it by then.`
  return key === 'timeout'
    ? `${P(pid)} will give up on its ballot at tick ${fireAt} unless it succeeds first.`
    : `${P(pid)} will retry with a higher ballot at tick ${fireAt}.`
}

export function timerFireText(pid: ProcessId, key: TimerPurpose): string {
  if (key === 'inform')
    return `${P(pid)}'s re-send timer fires: not every process has acknowledged its decision.`
  return key === 'timeout'
    ? `${P(pid)}'s timeout fires: its ballot has not succeeded in time.`
    : `${P(pid)}'s retry timer fires.`
}

export function runStartText(config: SimConfig, processCount: number): string {
  const { q1, q2 } = quorumSizes(config)
  const quorums =
    q1 === q2
      ? `a quorum is ${q1} of ${processCount}`
      : `a phase-1 quorum is ${q1} of ${processCount} and a phase-2 quorum ${q2}`
  return `A run of ${processCount} processes begins; ${quorums}.`
}

export const crashText = (pid: ProcessId, config: SimConfig): string =>
  config.bugs.amnesiaOnCrash
    ? `${P(pid)} crashes and, with no stable storage, will forget its promise and accepted value.`
    : `${P(pid)} crashes: whatever it promised, accepted or decided survives on stable storage; messages on their way to it are lost.`

export const recoverText = (pid: ProcessId): string => `${P(pid)} recovers; its proposer starts afresh.`

/** What a recovered acceptor really read back: its promise and accepted pair, or nothing. Pure. */
function restoreText(e: Extract<PaxosEvent, { kind: 'acceptor.restore' }>, config: SimConfig): string {
  if (e.promised === null && e.accepted === null)
    return config.bugs.amnesiaOnCrash
      ? `${P(e.pid)} comes back with an empty memory: no promise, no accepted value.`
      : `${P(e.pid)} had promised and accepted nothing before it crashed, so stable storage has nothing to restore.`
  const promise = e.promised
    ? `still promises to ignore ballots below ${fb(e.promised)}`
    : 'has promised nothing'
  const acc = e.accepted ? `has accepted ${pair(e.accepted)}` : 'has accepted nothing'
  return `From stable storage, ${P(e.pid)} ${promise} and ${acc}.`
}

/** A recovered process's decision, read back, and whom it (as decider) must still tell. Pure. */
function learnerRestoreText(e: Extract<PaxosEvent, { kind: 'learner.restore' }>): string {
  const knows = `From stable storage, ${P(e.pid)} still knows value ${e.decided.value} is decided (ballot ${fb(e.decided.ballot)})`
  if (e.waiting.length === 0) return `${knows}.`
  return `${knows}; ${e.waiting.map(P).join(', ')} ${e.waiting.length === 1 ? 'has' : 'have'} not acknowledged it yet.`
}

/** The narration sentence for one of Paxos's own events. Pure. */
export function eventText(e: PaxosEvent, config: SimConfig): string {
  switch (e.kind) {
    case 'proposal.start':
      return `${P(e.pid)} is asked to propose value ${e.value}.`
    case 'acceptor.promise':
      return `${P(e.pid)} now promises to ignore ballots below ${fb(e.ballot)}${e.previous ? ` (was ${fb(e.previous)})` : ''}.`
    case 'acceptor.accept':
      return `${P(e.pid)} accepts value ${e.accepted.value} in ballot ${fb(e.accepted.ballot)}.`
    case 'acceptor.restore':
      return restoreText(e, config)
    case 'acceptor.forget':
      return `${P(e.pid)} has forgotten its promise and accepted value (no stable storage).`
    case 'proposer.phase':
      return phaseText(e, quorumSizes(config).q1)
    case 'learner.decide':
      return `${P(e.pid)} decides value ${e.value} (ballot ${fb(e.ballot)}).`
    case 'learner.restore':
      return learnerRestoreText(e)
    case 'learner.handover':
      return `${P(e.pid)} leaves re-sending ${e.value} to ${P(e.to)}, which also knows ${e.value} is decided and keeps telling every process until each answers.`
    case 'value.chosen':
      return `Value ${e.value} is chosen: a quorum (${e.acceptors.map(P).join(', ')}) accepted ballot ${fb(e.ballot)}.`
    case 'invariant.violated':
      return violationText(e.rule, e.detail)
  }
}

/**
 * Phase 2 begins. Each clause is a fact of the event: "none reports" only when no counted promise
 * carried an accepted pair; "not its own value" only when the adopted value differs from it; under
 * the ignore-prior bug, what the proposer ignored and who reported it.
 */
function acceptingText(e: Extract<PaxosEvent, { kind: 'proposer.phase' }>, quorum: number): string {
  const head = `${P(e.pid)} has promises from a quorum (${quorum})`
  if (e.adoptedFrom) {
    const reports = `One reports value ${e.adoptedFrom.value} accepted in ballot ${fb(e.adoptedFrom.ballot)}`
    const must =
      e.value === e.ownValue
        ? `so it must propose ${e.value}, which is its own value too`
        : `so it must propose ${e.value}, not its own value`
    return `${head}. ${reports}, ${must} (phase 2: accept).`
  }
  if (e.ignored) {
    const by = e.ignored.from === e.pid ? 'its own acceptor' : P(e.ignored.from)
    return `${head}, but it ignores ${pair(e.ignored.pair)} reported by ${by} and proposes its own ${e.value} (phase 2: accept).`
  }
  return `${head} and none reports an accepted value, so it proposes ${e.value} (phase 2: accept).`
}

function phaseText(e: Extract<PaxosEvent, { kind: 'proposer.phase' }>, quorum: number): string {
  const b = fb(e.ballot)
  switch (e.phase) {
    case 'preparing':
      return `${P(e.pid)} starts ballot ${b} for value ${e.value ?? '?'} (phase 1: prepare).`
    case 'accepting':
      return acceptingText(e, quorum)
    case 'waiting':
    case 'abandoned': {
      const f = e.failure
      const why =
        f?.reason === 'preempted'
          ? `${P(e.pid)} sees the higher ballot ${fb(f.higher)} at its own acceptor, so its ballot ${b} cannot win`
          : f?.reason === 'timeout'
            ? `${P(e.pid)}'s ballot ${b} did not succeed in time`
            : `Too many acceptors rejected ${P(e.pid)}'s ballot ${b} for a quorum${f?.higher ? ` (they promised ${fb(f.higher)})` : ''}, so it failed`
      return e.phase === 'waiting'
        ? `${why}; ${P(e.pid)} will retry with a higher ballot.`
        : `${why}; ${P(e.pid)} gives up (no retry policy).`
    }
    case 'decided':
      return `${P(e.pid)} knows value ${e.value} is decided; it stops proposing.`
    case 'idle':
      return `${P(e.pid)} is idle.`
  }
}

/**
 * A violation in the lecture's words: the broken invariant by its title, then what happened
 * ("Violated: An acceptor never accepts below its promise. P2 accepted ballot 1.1 …"). Pure.
 */
export function violationText(rule: string, detail: string): string {
  const what = detail.charAt(0).toUpperCase() + detail.slice(1)
  return `Violated: ${invariantTitle(rule)}. ${what}`
}
