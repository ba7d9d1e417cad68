import type { MessageMeaning, TimerCountdown } from '../../kernel/module.ts'
import type { Counted, Message, ProcessId, Tick, ViolationEvent } from '../../kernel/types.ts'
import { RULE_TEXT, type MpRule } from './ghost.ts'
import { acceptsToCommit, fmtBallot as fb, fmtCmd, majority, processName } from './state.ts'
import type { ClientCmd, MpConfig, MpEvent, MpMsg, MpMsgType, SlotCmd, TimerKey } from './types.ts'

/** Every sentence of a Multi-Paxos log, in the lecture's words. Pure. */

const slots = (entries: readonly SlotCmd[]): string =>
  entries.map((e) => `${e.slot}=${fmtCmd(e.cmd)}`).join(' ')

/** The short label on an arrow. */
export function label(m: MpMsg): string {
  switch (m.type) {
    case 'request':
      return fmtCmd(m.cmd)
    case 'reply':
      return `reply ${m.seq}: ${m.result}`
    case 'redirect':
      return `redirect → ${m.leader === null ? '?' : `P${m.leader}`}`
    case 'prepare':
      // "slots 1…", not "from 1": on P1's arrow "from 1" read as "from P1".
      return `prepare ${fb(m.ballot)} slots ${m.fromSlot}…`
    case 'promise':
      return `promise ${fb(m.ballot)}${m.accepted.length > 0 ? ` [${m.accepted.map((v) => `${v.slot}:${fb(v.ballot)}`).join(' ')}]` : ''}`
    case 'reject':
      return `reject ${fb(m.ballot)} < ${fb(m.promised)}`
    case 'accept':
      return `accept ${fb(m.ballot)} ${slots(m.entries)}`
    case 'accepted':
      return `accepted ${fb(m.ballot)} ${m.slots.join(',')}`
    case 'heartbeat':
      return `♥ ${fb(m.ballot)} c${m.commit}`
    case 'catchup-request':
      return `catch-up slots ${m.fromSlot}…`
    case 'catchup':
      return `catch-up ${slots(m.entries)}`
  }
}

/**
 * The label in words, for the narration, the live region and the panels: the arrow's `♥ 2.2 c6`
 * is said "black heart suit 2.2 c6" by a screen reader. The glyph stays on the diagram only.
 */
export function spokenLabel(m: MpMsg): string {
  // The arrow's "slots 1…" is said in words too (a sentence ending "1…." reads as a typo).
  switch (m.type) {
    case 'heartbeat':
      return `heartbeat ${fb(m.ballot)}, commit point ${m.commit}`
    case 'prepare':
      return `prepare ${fb(m.ballot)} for slots ${m.fromSlot} on`
    case 'catchup-request':
      return `catch-up request for slots ${m.fromSlot} on`
    default:
      return label(m)
  }
}

/** What each message type means (legend, inspector, arrow style). */
export const MEANINGS: { readonly [K in MpMsgType]: MessageMeaning } = {
  request: {
    role: 'request',
    phase: 'client',
    meaning: 'a client asks the replicated store to run a command',
  },
  reply: { role: 'ack', phase: 'client', meaning: 'the leader answers a command it executed' },
  redirect: {
    role: 'reject',
    phase: 'client',
    meaning: 'a replica that is not the leader names the leader it knows',
  },
  prepare: {
    role: 'request',
    phase: '1a',
    meaning: 'a candidate asks for promises for every slot from its first uncommitted one',
  },
  promise: {
    role: 'ack',
    phase: '1b',
    meaning: 'an acceptor promises and reports, per slot, the highest-ballot command it accepted',
  },
  reject: {
    role: 'reject',
    phase: 'nack',
    meaning: 'an acceptor refuses a lower ballot and names the higher one it promised',
  },
  accept: {
    role: 'request',
    phase: '2a',
    meaning: 'the leader asks acceptors to accept commands in slots (with its commit point)',
  },
  accepted: { role: 'ack', phase: '2b', meaning: 'an acceptor accepted those slots at that ballot' },
  heartbeat: {
    role: 'notice',
    phase: 'heartbeat',
    meaning: 'the leader is alive: its ballot and commit point',
  },
  'catchup-request': {
    role: 'request',
    phase: 'catch-up',
    meaning: 'a lagging replica asks for the chosen slots it misses',
  },
  catchup: {
    role: 'ack',
    phase: 'catch-up',
    meaning: 'chosen commands for the slots the lagging replica missed',
  },
}

/** Messages of one ballot share a colour; client traffic has none. */
export function colourKey(m: MpMsg): string | null {
  return 'ballot' in m ? fb(m.ballot) : null
}

/** A client's command on its way to a replica: the send's sentence, which `client.send` says whole. */
const requestSentence = (cmd: ClientCmd, to: number): string =>
  `C${cmd.client} sends ${fmtCmd(cmd)} to P${to}`

/**
 * The sentence for sending `m`, without the final period. Client names come from the payload
 * (requests, replies and redirects name their client), as the hook has no config.
 */
export function sendSentence(m: Message<MpMsg>): string {
  const p = m.payload
  const client =
    p.type === 'request' ? p.cmd.client : p.type === 'reply' || p.type === 'redirect' ? p.client : 0
  const from = p.type === 'request' ? `C${client}` : `P${m.from}`
  const to = p.type === 'reply' || p.type === 'redirect' ? `C${client}` : `P${m.to}`
  switch (p.type) {
    case 'request':
      return requestSentence(p.cmd, m.to)
    case 'reply':
      return `${from} answers ${to}'s command ${p.seq}: ${p.result}`
    case 'redirect':
      return p.leader === null
        ? `${from} tells ${to} it is not the leader and knows no leader`
        : `${from} tells ${to} to ask the leader P${p.leader}`
    case 'prepare':
      return `${from} sends prepare ${fb(p.ballot)} to ${to} for every slot from ${p.fromSlot} on`
    case 'promise':
      return `${from} promises ${fb(p.ballot)} to ${to}${p.accepted.length === 0 ? ', with no accepted slots' : `, reporting ${p.accepted.map((v) => `slot ${v.slot} = ${fmtCmd(v.cmd)} at ${fb(v.ballot)}`).join('; ')}`}`
    case 'reject':
      return `${from} rejects ${fb(p.ballot)} from ${to}: it promised ${fb(p.promised)}`
    case 'accept':
      return `${from} asks ${to} to accept ${p.entries.map((e) => `slot ${e.slot} = ${fmtCmd(e.cmd)}`).join(', ')} at ${fb(p.ballot)} (commit point ${p.commit})`
    case 'accepted':
      return `${from} tells ${to} it accepted slot${p.slots.length > 1 ? 's' : ''} ${p.slots.join(', ')} at ${fb(p.ballot)}`
    case 'heartbeat':
      return `${from} sends a heartbeat to ${to}: leader ${fb(p.ballot)}, commit point ${p.commit}`
    case 'catchup-request':
      return `${from} asks ${to} for the chosen slots from ${p.fromSlot} on`
    case 'catchup':
      return `${from} sends ${to} the chosen slots ${p.entries.map((e) => e.slot).join(', ')}`
  }
}

/** The suffix for a delivery that counted or was ignored. */
export function countedSuffix(counted: Counted | null): string {
  if (counted === null) return ''
  if ('ignored' in counted) return ` (ignored: ${counted.ignored})`
  return ` (${counted.count} of ${counted.needed} needed for ${counted.toward})`
}

/**
 * A protocol event or a violation, as one sentence. Under a broken variant the sentence says what
 * the bug did, never the correct protocol's words (`config` absent: the correct protocol).
 */
export function eventSentence(e: MpEvent | ViolationEvent, config?: MpConfig): string {
  if (e.kind === 'invariant.violated') {
    // As single-decree says it ("Violated: <the invariant>. <what broke it>"): "VIOLATION of
    // executed prefixes agree…" read as broken English.
    const text = RULE_TEXT[e.rule as MpRule] ?? e.rule
    return `Violated: ${text}. ${e.detail.charAt(0).toUpperCase()}${e.detail.slice(1)}`
  }
  const who = `P${e.pid}`
  switch (e.kind) {
    case 'leader.campaign': {
      const why = e.suspected === null ? `${who} knows no leader` : `${who} suspects leader P${e.suspected}`
      return e.skipped
        ? `${why} and takes over with ballot ${fb(e.ballot)} WITHOUT phase 1, reusing its own log`
        : `${why} and starts phase 1 with ballot ${fb(e.ballot)} for every slot from ${e.fromSlot} on`
    }
    case 'leader.elected': {
      const re = e.reproposed.map((v) => `slot ${v.slot} = ${fmtCmd(v.cmd)} (accepted at ${fb(v.ballot)})`)
      const parts = [
        re.length > 0 ? `re-proposes ${re.join(', ')}` : '',
        e.noops.length > 0
          ? `fills slot${e.noops.length > 1 ? 's' : ''} ${e.noops.join(', ')} with ${e.noops.length > 1 ? 'no-ops' : 'a no-op'}`
          : '',
      ]
      const rest = parts.filter((p) => p !== '').join(' and ')
      // The bug: whatever the promises reported is ignored, so a "hole" may have held a command.
      const ignored =
        config?.bugs.ignorePromiseValues && e.noops.length > 0
          ? ', ignoring any command its promises reported there (the bug: a correct leader proposes those again)'
          : ''
      return `${who} is leader with ballot ${fb(e.ballot)}${rest === '' ? '' : ` and ${rest}`}${ignored}`
    }
    case 'leader.preempted':
      return e.higher === null
        ? `${who}'s phase 1 for ${fb(e.ballot)} timed out; it waits ${e.retryTicks} ticks before trying again`
        : `${who} is preempted: ballot ${fb(e.higher)} beats its ${fb(e.ballot)}; it follows and waits ${e.retryTicks} ticks before it may campaign again`
    case 'acceptor.promise':
      return `${who} promises ${fb(e.ballot)} (was ${fb(e.previous)})`
    case 'acceptor.accept':
      return `${who} accepts ${fmtCmd(e.cmd)} in slot ${e.slot} at ${fb(e.ballot)}`
    case 'slot.propose':
      return `${who} proposes ${fmtCmd(e.cmd)} for slot ${e.slot} at ${fb(e.ballot)}`
    case 'slot.commit': {
      // Under the commit-short bug a commit point may cover a slot no majority accepted: a
      // replica then only takes the slot as chosen.
      const short = config?.bugs.commitOneShort === true
      if (e.via === 'quorum' && short)
        return `${who} takes slot ${e.slot} as chosen: ${fmtCmd(e.cmd)} after ${acceptsToCommit(config)} accepts, one short of a majority of ${majority(config.replicaCount)} (the bug)`
      const learns = short ? `takes slot ${e.slot} as chosen` : `learns slot ${e.slot} is chosen`
      return `${who} ${learns}: ${fmtCmd(e.cmd)} (${e.via === 'quorum' ? 'a majority accepted' : e.via === 'leader' ? "from the leader's commit point" : 'by catch-up'})`
    }
    case 'slot.execute':
      if (e.cmd.op === 'noop') return `${who} executes slot ${e.slot}: a no-op`
      return e.applied
        ? `${who} executes slot ${e.slot}: ${fmtCmd(e.cmd)} → ${e.result}`
        : `${who} skips slot ${e.slot}: ${fmtCmd(e.cmd)} was already executed (at-most-once)`
    case 'leader.local-read':
      return `${who} answers C${e.client}'s read from its own register (${e.result}) without a log round`
    // One sentence with the send it announces (the feed shows the two as one line): why, then the send.
    case 'client.send':
      if (!e.retry) return requestSentence(e.cmd, e.to)
      return e.redirectedBy === null
        ? `No answer in time, so ${requestSentence(e.cmd, e.to)}`
        : `P${e.redirectedBy} names P${e.to} as the leader, so ${requestSentence(e.cmd, e.to)}`
    case 'client.answer':
      return `C${e.client} gets the answer to command ${e.command}: ${e.result}`
    case 'replica.recover':
      return `${who} recovers its promise and accepted slots from stable storage; it must learn the commit point again`
    case 'slot.chosen':
      return `${fmtCmd(e.cmd)} is chosen in slot ${e.slot}: a majority (${e.acceptors.map((p) => `P${p}`).join(', ')}) accepted it at ${fb(e.ballot)}`
  }
}

const TIMER_WORDS: Record<TimerKey, string> = {
  election: 'election timer',
  backoff: 'backoff timer',
  heartbeat: 'heartbeat timer',
  batch: 'batch timer',
  retry: 'retry timer',
  next: 'next-command timer',
}

export const timerSet = (pid: ProcessId, key: TimerKey, fireAt: Tick, config: MpConfig): string =>
  `${processName(config, pid)} sets its ${TIMER_WORDS[key]} for tick ${fireAt}`
export const timerFire = (pid: ProcessId, key: TimerKey, config: MpConfig): string =>
  `${processName(config, pid)}'s ${TIMER_WORDS[key]} fires`
export const timerCancel = (pid: ProcessId, key: TimerKey, fireAt: Tick, config: MpConfig): string =>
  `${processName(config, pid)} cancels its ${TIMER_WORDS[key]} (due at tick ${fireAt})`

/**
 * The countdowns drawn on the lanes: a replica's election timeout (a follower's wait for word from
 * a leader, a candidate's wait for promises), its backoff after a preemption, a leader's heartbeat
 * tick (routine, drawn faintly), a client's retry. Batching and a client's pacing are left undrawn.
 */
export function timerCountdown(
  pid: ProcessId,
  key: TimerKey,
  fireAt: Tick,
  config: MpConfig,
): TimerCountdown | null {
  const who = processName(config, pid)
  switch (key) {
    case 'election':
      return {
        label: 'election timeout',
        text: `${who} waits for word from a leader until t=${fireAt}; then a follower campaigns and a candidate backs off`,
        quiet: false,
      }
    case 'backoff':
      // What `onElectionTimer` does when it fires: campaign again, unless a leader spoke meanwhile.
      return {
        label: 'backoff',
        text: `${who} backs off until t=${fireAt}, then ${config.bugs.skipPhase1 ? 'takes over without phase 1' : 'runs phase 1'} with a higher ballot unless it has heard from a leader`,
        quiet: false,
      }
    case 'heartbeat':
      return { label: 'heartbeat', text: `${who} sends its next heartbeat at t=${fireAt}`, quiet: true }
    case 'retry':
      return {
        label: 'retry',
        text: `${who} re-sends its request at t=${fireAt} unless it is answered`,
        quiet: false,
      }
    default:
      return null
  }
}

export const runStart = (config: MpConfig): string =>
  `Multi-Paxos with ${config.replicaCount} replicas and ${config.workload.length} client${config.workload.length > 1 ? 's' : ''}; a majority is ${Math.floor(config.replicaCount / 2) + 1}`
