import type { Context, Delivery, Effect, Step } from '../../kernel/module.ts'
import type { Counted, Message } from '../../kernel/types.ts'
import { onAccept, onPrepare } from './acceptor.ts'
import { ballotKey } from './ballot.ts'
import { quorumSizes } from './config.ts'
import { handOver, onAcceptedNotice, onDecideNotice, onLearnedAck, takeDuty, uninformed } from './learner.ts'
import { ignoredReply } from './narration.ts'
import {
  onAcceptedReply,
  onLearned,
  onPreempted,
  onPromise,
  onReject,
  onTimer as proposerTimer,
  startBallot,
  type ProposerStep,
} from './proposer.ts'
import { idleProposer } from './state.ts'
import type {
  AcceptedPair,
  Ballot,
  PaxosProc,
  PaxosTypes,
  Payload,
  SimConfig,
  TimerPurpose,
} from './types.ts'

/**
 * Single-decree Paxos's handlers: every process is acceptor, proposer and learner. The role
 * functions (`acceptor.ts`, `proposer.ts`, `learner.ts`) are pure and return their own small
 * results; these handlers combine them into one step of a process and its outbox, in the order
 * the lecture tells it. Pure: a `Turn` collects the new state and effects of one call.
 */

type Ctx = Context<PaxosTypes>
type Fx = Effect<PaxosTypes>

/** One handler call in progress: the process's roles as they stand, and the effects so far. */
interface Turn {
  acceptor: PaxosProc['acceptor']
  proposer: PaxosProc['proposer']
  learner: PaxosProc['learner']
  readonly out: Fx[]
  readonly ctx: Ctx
}

// Literals, not spreads: these run for every message (see docs/PERFORMANCE.md).
function begin(s: PaxosProc, ctx: Ctx): Turn {
  return { acceptor: s.acceptor, proposer: s.proposer, learner: s.learner, out: [], ctx }
}

function finish(t: Turn, s: PaxosProc): Step<PaxosTypes> {
  const same = t.acceptor === s.acceptor && t.proposer === s.proposer && t.learner === s.learner
  return {
    state: same ? s : { acceptor: t.acceptor, proposer: t.proposer, learner: t.learner },
    outbox: t.out,
  }
}

/** Remember the highest round seen at this process, so its next ballot is higher. */
function noteRound(t: Turn, round: number): void {
  if (round > t.proposer.maxRoundSeen) t.proposer = { ...t.proposer, maxRoundSeen: round }
}

/** Ticks until a timer fires: the timeout, or the retry policy's (possibly random) delay. */
function timerDelay(t: Turn, purpose: TimerPurpose): number {
  const c = t.ctx.config
  if (purpose === 'timeout') return c.proposerTimeoutTicks
  if (c.retry.policy === 'fixed') return c.retry.delayTicks
  const spanTicks = Math.min(
    c.retry.backoffBaseTicks * 2 ** Math.max(0, t.proposer.attempt - 1),
    c.retry.backoffMaxTicks,
  )
  return 1 + t.ctx.draw('backoff', 0, Math.max(0, spanTicks - 1))
}

/**
 * How long the decider waits for acknowledgements before it sends its decision again: four
 * proposer timeouts. Rare enough to add little traffic, long enough for a `decide` and its
 * `learned` to cross a slow network, and for a proposer that is already retrying to finish its
 * own ballot (and learn the value from the promises) before it is told.
 */
export const informDelayTicks = (c: SimConfig): number => 4 * c.proposerTimeoutTicks

/**
 * The first wait of an `all`-mode decider `self` that learned from the acceptors rather than from
 * its own ballot: twice the decider's, so the ballot's proposer, when it decided too, re-sends
 * first and its `decide` makes the others hand over before they send anything; then staggered by
 * pid, a round trip apart, so without the proposer the lowest pid (who outranks the rest) sends
 * first and the others hand over to it instead of all sending at once.
 */
export const backupInformDelayTicks = (c: SimConfig, self: number): number =>
  2 * informDelayTicks(c) + (self - 1) * 2 * c.latencyTicksMax

/** Take a proposer step: its events, what it learned, its broadcast, its timer. */
function applyProposer(t: Turn, r: ProposerStep): void {
  t.proposer = r.proposer
  for (const event of r.events) t.out.push({ do: 'emit', event })
  if (r.learned && t.learner.decided === null) decide(t, r.learned)
  if (r.broadcast)
    t.out.push({ do: 'broadcast', to: r.broadcast.type === 'decide' ? 'others' : 'all', msg: r.broadcast })
  if (r.timer !== null) {
    // One timer at a time: arming one disarms the other, and `cancel` disarms both.
    if (r.timer !== 'retry') t.out.push({ do: 'timer.cancel', key: 'retry' })
    if (r.timer !== 'timeout') t.out.push({ do: 'timer.cancel', key: 'timeout' })
    if (r.timer !== 'cancel')
      t.out.push({ do: 'timer.set', key: r.timer, afterTicks: timerDelay(t, r.timer) })
  }
  // The proposer saw a quorum accept: this process is the decider and keeps telling the others.
  if (r.learned) takeUpDuty(t, informDelayTicks(t.ctx.config))
}

/**
 * The decider's duty (Paxos Made Simple, 2.3, made robust): it has told the others (`decide`
 * mode) or they have heard the acceptors themselves (`all` mode), but any of those messages may be
 * lost, so it re-sends `decide` to every process that has not acknowledged, every timeout.
 */
function takeUpDuty(t: Turn, afterTicks: number): void {
  const learner = takeDuty(t.learner, t.ctx.self)
  if (learner === null) return
  t.learner = learner
  t.out.push({ do: 'timer.set', key: 'inform', afterTicks })
}

/** The learner decides; an active proposer at the same process stops. */
function decide(t: Turn, pair: AcceptedPair): void {
  if (t.learner.decided === null) t.learner = { ...t.learner, decided: pair }
  t.out.push({
    do: 'emit',
    event: { kind: 'learner.decide', pid: t.ctx.self, ballot: pair.ballot, value: pair.value },
  })
  applyProposer(t, onLearned(t.proposer, t.ctx.self, pair))
}

const tallyNames = { 1: 'promises', 2: 'accepteds' } as const

/** A reply's tally toward its quorum (or toward failure), or why the proposer did not count it. */
function counted(t: Turn, r: ProposerStep, ballot: Ballot, phase: 1 | 2, rejects: boolean): Counted {
  if (r.tally === null) return { ignored: ignoredReply(t.ctx.self, t.proposer, ballot, phase) }
  const toward = `${rejects ? 'rejects' : tallyNames[phase]} ${ballotKey(ballot)}`
  return { toward, count: r.tally.count, needed: r.tally.needed }
}

/** A message arrives at a process: its acceptor, proposer or learner handles it. */
export function onMessage(s: PaxosProc, input: { msg: Message<Payload>; ctx: Ctx }): Delivery<PaxosTypes> {
  const { msg: m, ctx } = input
  const t = begin(s, ctx)
  const c: SimConfig = ctx.config
  const self = ctx.self
  const pl = m.payload
  let note: Counted | null = null
  switch (pl.type) {
    case 'prepare': {
      noteRound(t, pl.ballot.round)
      const r = onPrepare(t.acceptor, self, pl.ballot)
      t.acceptor = r.acceptor
      if (r.change) t.out.push({ do: 'emit', event: r.change })
      t.out.push({ do: 'reply', msg: r.reply })
      applyProposer(t, onPreempted(t.proposer, self, pl.ballot, c))
      break
    }
    case 'accept': {
      noteRound(t, pl.ballot.round)
      const r = onAccept(t.acceptor, self, pl.ballot, pl.value, c.bugs.acceptBelowPromise)
      t.acceptor = r.acceptor
      if (r.change) t.out.push({ do: 'emit', event: r.change })
      const all = r.reply.type === 'accepted' && c.learnerMode === 'all'
      t.out.push(
        all ? { do: 'broadcast', to: 'all', msg: r.reply, replying: true } : { do: 'reply', msg: r.reply },
      )
      break
    }
    case 'promise': {
      const r = onPromise(t.proposer, self, m.from, pl.ballot, pl.accepted, quorumSizes(c).q1, c)
      note = counted(t, r, pl.ballot, 1, false)
      applyProposer(t, r)
      break
    }
    case 'reject': {
      // Failure needs enough rejects that no quorum of the phase the proposer is in is possible.
      const { q1, q2 } = quorumSizes(c)
      const quorum = t.proposer.phase === 'accepting' ? q2 : q1
      const r = onReject(t.proposer, self, m.from, pl.ballot, pl.promised, quorum, c)
      note = counted(t, r, pl.ballot, 1, true)
      applyProposer(t, r)
      break
    }
    case 'accepted':
      note = onAcceptedMsg(t, m.from, pl)
      break
    case 'decide': {
      const l = onDecideNotice(t.learner, pl.ballot, pl.value)
      t.learner = l.learner
      if (l.decided) decide(t, l.decided)
      if (c.learnerMode === 'all') handOverTo(t, m.from, pl)
      // Acknowledge every copy, even when already decided: an earlier acknowledgement may be lost.
      const known = t.learner.decided ?? { ballot: pl.ballot, value: pl.value }
      t.out.push({ do: 'reply', msg: { type: 'learned', ballot: known.ballot, value: known.value } })
      break
    }
    case 'learned':
      note = onLearnedMsg(t, m.from, pl.value)
  }
  const step = finish(t, s)
  return { state: step.state, outbox: step.outbox, counted: note }
}

/** `accepted(n, v)`: the proposer counts it; in `all` mode every learner counts it too. */
function onAcceptedMsg(t: Turn, from: Message['from'], pl: Extract<Payload, { type: 'accepted' }>): Counted {
  const c = t.ctx.config
  const quorum = quorumSizes(c).q2
  const r = onAcceptedReply(t.proposer, t.ctx.self, from, pl.ballot, quorum, c)
  if (c.learnerMode !== 'all') {
    const note = counted(t, r, pl.ballot, 2, false)
    applyProposer(t, r)
    return note
  }
  const l = onAcceptedNotice(t.learner, from, pl.ballot, pl.value, quorum)
  // Every process learns from `accepted` here: the learner's count matters, not the proposer's.
  const note: Counted =
    r.tally !== null
      ? counted(t, r, pl.ballot, 2, false)
      : l.tally !== null
        ? {
            toward: `learn ${ballotKey(pl.ballot)}=${pl.value}`,
            count: l.tally.count,
            needed: l.tally.needed,
          }
        : t.learner.decided !== null
          ? { ignored: `P${t.ctx.self} has already decided` }
          : counted(t, r, pl.ballot, 2, false)
  t.learner = l.learner
  applyProposer(t, r)
  if (l.decided) {
    decide(t, l.decided)
    // It learned from the acceptors: it spreads the decision too (its proposer may never see the
    // quorum), until it hears from a decider that outranks it.
    takeUpDuty(t, backupInformDelayTicks(c, t.ctx.self))
  }
  return note
}

/** `all` mode: a `decide` from a decider that outranks this one takes over its re-sending. */
function handOverTo(t: Turn, from: Message['from'], pair: AcceptedPair): void {
  const learner = handOver(t.learner, t.ctx.self, from, pair)
  if (learner === null) return
  t.learner = learner
  t.out.push({ do: 'timer.cancel', key: 'inform' })
  t.out.push({
    do: 'emit',
    event: { kind: 'learner.handover', pid: t.ctx.self, to: from, value: pair.value },
  })
}

/**
 * `learned`: the decider notes who knows its value; once every process has answered, it stops
 * re-sending `decide`. An answer naming another value does not count (see `onLearnedAck`).
 */
function onLearnedMsg(t: Turn, from: Message['from'], value: string): Counted {
  const r = onLearnedAck(t.learner, from, value, t.ctx.processCount)
  if (r === null) return { ignored: `P${t.ctx.self} is not a decider` }
  t.learner = r.learner
  if (r.everyoneAnswered) t.out.push({ do: 'timer.cancel', key: 'inform' })
  const mine = t.learner.decided?.value ?? ''
  if (r.disagrees)
    return {
      ignored: `P${from} decided ${value}, not ${mine}, so it can never learn ${mine}; P${t.ctx.self} stops telling it`,
    }
  return {
    toward: `acknowledgements of ${t.learner.decided?.value ?? ''}`,
    count: r.count,
    needed: t.ctx.processCount,
  }
}

/** The decider's `inform` timer: re-send `decide` to each process that has not acknowledged. */
function inform(t: Turn): void {
  const pair = t.learner.decided
  const waiting = uninformed(t.learner, t.ctx.processCount)
  if (pair === null || waiting.length === 0) return
  for (const to of waiting) t.out.push({ do: 'send', to, msg: { type: 'decide', ...pair } })
  t.out.push({ do: 'timer.set', key: 'inform', afterTicks: informDelayTicks(t.ctx.config) })
}

/** The user asks this process to propose `value`: phase 1a of a new ballot. */
export function onRequest(s: PaxosProc, input: { value: string; ctx: Ctx }): Step<PaxosTypes> {
  const t = begin(s, input.ctx)
  t.out.push({ do: 'emit', event: { kind: 'proposal.start', pid: input.ctx.self, value: input.value } })
  applyProposer(t, startBallot(t.proposer, input.ctx.self, input.ctx.config, input.value))
  return finish(t, s)
}

/** A timer fired: the proposer's timeout or retry, or the decider's `inform`. */
export function onTimer(s: PaxosProc, input: { key: TimerPurpose; ctx: Ctx }): Step<PaxosTypes> {
  const t = begin(s, input.ctx)
  if (input.key === 'inform') inform(t)
  else applyProposer(t, proposerTimer(t.proposer, input.ctx.self, input.key, input.ctx.config))
  return finish(t, s)
}

/**
 * A crash: the proposer and the learner's tallies are volatile and start afresh (keeping the
 * highest round seen, so a later ballot is still higher); the acceptor's promise and accepted
 * value, and the learner's decision (with the decider's record of who has acknowledged it), are on
 * stable storage. The amnesia bug wipes the acceptor's part.
 */
export function onCrash(s: PaxosProc, input: { ctx: Ctx }): Step<PaxosTypes> {
  const proposer = idleProposer(s.proposer.maxRoundSeen)
  const learner = { ...s.learner, tallies: {} }
  if (!input.ctx.config.bugs.amnesiaOnCrash) return { state: { ...s, proposer, learner }, outbox: [] }
  return {
    state: { acceptor: { promised: null, accepted: null }, proposer, learner },
    outbox: [{ do: 'emit', event: { kind: 'acceptor.forget', pid: input.ctx.self } }],
  }
}

/**
 * A recovered process reads its acceptor state and its decision back from stable storage (logged,
 * so the narration says what it really kept); its proposer starts idle. A decider that has not
 * heard every acknowledgement re-arms its `inform` timer (timers do not survive a crash).
 */
export function onRecover(s: PaxosProc, input: { ctx: Ctx }): Step<PaxosTypes> {
  const { promised, accepted } = s.acceptor
  const pid = input.ctx.self
  const outbox: Fx[] = [{ do: 'emit', event: { kind: 'acceptor.restore', pid, promised, accepted } }]
  const decided = s.learner.decided
  if (decided === null) return { state: s, outbox }
  const waiting = uninformed(s.learner, input.ctx.processCount)
  outbox.push({ do: 'emit', event: { kind: 'learner.restore', pid, decided, waiting } })
  if (waiting.length > 0)
    outbox.push({ do: 'timer.set', key: 'inform', afterTicks: informDelayTicks(input.ctx.config) })
  return { state: s, outbox }
}
