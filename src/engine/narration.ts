import { compareBallots, formatBallot as fb } from './ballot.ts'
import type { DropReason, EventBody } from './events.ts'
import type { ProposerState } from './state.ts'
import type { AcceptedPair, Ballot, Message, Payload } from './types.ts'

/** How a delivered reply was counted: toward a quorum (or a failure), or why it was not. */
export type ReplyNote = { readonly count: number; readonly needed: number } | { readonly ignored: string }

/** Context narration needs beyond the event itself. */
export interface NarrationContext {
  readonly quorum: number
  readonly processCount: number
  readonly amnesia: boolean
}

const P = (n: number): string => `P${n}`
const pair = (a: AcceptedPair | null): string => (a === null ? 'nothing' : `(${fb(a.ballot)}, ${a.value})`)
const group = (g: number[]): string => `{${g.map(P).join(', ')}}`

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
  }
}

/** One sentence for sending a message, in the lecture's words. Pure. */
function sendText(m: Message): string {
  const p = m.payload
  const copy = m.dupOf !== null ? ` (a duplicate of #${m.dupOf})` : ''
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
  }
  return `${s}${copy}.`
}

const dropWhy: Record<DropReason, (m: Message) => string> = {
  loss: (m) => `The network loses #${m.id} (${payloadLabel(m.payload)}, ${P(m.from)}→${P(m.to)}).`,
  // Said the same way for a click and for a scenario's scripted drop: either may have done it.
  user: (m) => `#${m.id} (${payloadLabel(m.payload)}, ${P(m.from)}→${P(m.to)}) is dropped by hand.`,
  crash: (m) => `#${m.id} (${payloadLabel(m.payload)}) to ${P(m.to)} is lost: ${P(m.to)} is down.`,
  partition: (m) =>
    `#${m.id} (${payloadLabel(m.payload)}) from ${P(m.from)} cannot cross the partition to ${P(m.to)} and is lost.`,
  limit: (m) => `#${m.id} is discarded: too many messages in flight.`,
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

/** The narration sentence for an event. Pure. */
export function narrate(e: EventBody, ctx: NarrationContext, note?: ReplyNote): string {
  switch (e.kind) {
    case 'run.start':
      return `A run of ${ctx.processCount} processes begins; a quorum is ${ctx.quorum} of ${ctx.processCount}.`
    case 'proposal.start':
      return `${P(e.pid)} is asked to propose value ${e.value}.`
    case 'msg.send':
      return sendText(e.msg)
    case 'msg.deliver': {
      const m = e.msg
      const who = m.from === m.to ? 'its own' : `${P(m.from)}'s`
      const reply =
        m.payload.type === 'promise' || m.payload.type === 'reject' || m.payload.type === 'accepted'
      const count =
        note === undefined || !reply
          ? ''
          : 'ignored' in note
            ? `; it does not count: ${note.ignored}`
            : m.payload.type === 'reject'
              ? ` (${note.count} reject${note.count === 1 ? '' : 's'}; ${note.needed} make the ballot fail)`
              : ` (${note.count} of ${note.needed} needed)`
      const now = e.now ? 'Out of turn: ' : ''
      return `${now}${P(m.to)} receives ${who} ${payloadLabel(m.payload)}${count}.`
    }
    case 'msg.drop':
      return dropWhy[e.reason](e.msg)
    case 'msg.delay':
      return `#${e.msg.id} is held back ${e.byTicks} ticks; it now arrives at tick ${e.msg.deliverAt}.`
    case 'timer.set':
      return e.purpose === 'timeout'
        ? `${P(e.pid)} will give up on its ballot at tick ${e.fireAt} unless it succeeds first.`
        : `${P(e.pid)} will retry with a higher ballot at tick ${e.fireAt}.`
    case 'timer.fire':
      return e.purpose === 'timeout'
        ? `${e.now ? 'Out of turn: ' : ''}${P(e.pid)}'s timeout fires: its ballot has not succeeded in time.`
        : `${e.now ? 'Out of turn: ' : ''}${P(e.pid)}'s retry timer fires.`
    case 'proc.crash':
      return ctx.amnesia
        ? `${P(e.pid)} crashes and, with no stable storage, will forget its promise and accepted value.`
        : `${P(e.pid)} crashes: its promise and accepted value survive on disk; messages on their way to it are lost.`
    case 'proc.recover':
      return `${P(e.pid)} recovers; its proposer and learner start afresh.`
    case 'net.partition':
      return `The network splits into ${e.groups.map(group).join(' | ')}; messages cannot cross between groups.`
    case 'net.heal':
      return 'The partition heals; every process can reach every other again.'
    case 'acceptor.promise':
      return `${P(e.pid)} now promises to ignore ballots below ${fb(e.ballot)}${e.previous ? ` (was ${fb(e.previous)})` : ''}.`
    case 'acceptor.accept':
      return `${P(e.pid)} accepts value ${e.accepted.value} in ballot ${fb(e.accepted.ballot)}.`
    case 'acceptor.forget':
      return `${P(e.pid)} has forgotten its promise and accepted value (no stable storage).`
    case 'proposer.phase':
      return phaseText(e, ctx)
    case 'learner.decide':
      return `${P(e.pid)} decides value ${e.value} (ballot ${fb(e.ballot)}).`
    case 'value.chosen':
      return `Value ${e.value} is chosen: a quorum (${e.acceptors.map(P).join(', ')}) accepted ballot ${fb(e.ballot)}.`
    case 'invariant.violated':
      return `Safety violated (${e.rule}): ${e.detail}`
    case 'intervention.invalid':
      return `Ignored ${e.action.type}: ${e.reason}.`
    case 'limit.reached':
      return `The run stopped at its limit of ${e.value} ${e.limit === 'steps' ? 'steps' : e.limit === 'log' ? 'events' : 'messages in flight'}.`
    case 'run.quiescent':
      return 'Nothing is left to deliver and no timer is set: the run is quiet.'
  }
}

function phaseText(e: Extract<EventBody, { kind: 'proposer.phase' }>, ctx: NarrationContext): string {
  const b = fb(e.ballot)
  switch (e.phase) {
    case 'preparing':
      return `${P(e.pid)} starts ballot ${b} for value ${e.value ?? '?'} (phase 1: prepare).`
    case 'accepting':
      return e.adoptedFrom
        ? `${P(e.pid)} has promises from a quorum (${ctx.quorum}). One reports value ${e.adoptedFrom.value} accepted in ballot ${fb(e.adoptedFrom.ballot)}, so it must propose ${e.value}, not its own value (phase 2: accept).`
        : `${P(e.pid)} has promises from a quorum (${ctx.quorum}) and none reports an accepted value, so it proposes ${e.value} (phase 2: accept).`
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
