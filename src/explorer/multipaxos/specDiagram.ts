/**
 * A run of the SMR-style MultiPaxos model (the checker's violation or deadlock, or an imported TLC
 * trace) as a message sequence on the time-space diagram. Lanes: s1..sR, then the client. Arrows
 * carry the spec's own messages in its notation (`Accept(s1, bal 1, slot 1, w1)`), coloured by
 * ballot. The spec's `msgs` is a set any replica may read: Prepare, Accept and CommitNotice go
 * to every other replica, PrepareReply and AcceptReply to the ballot's owner (the replica whose
 * Prepare started it). Each is delivered at the step whose action reads it: HandlePrepare and
 * HandleAccept read one copy; HandlePrepareReplies and HandleAcceptReplies read every reply of
 * their ballot (and slot) present; HandleCommitNotice reads the notice. The client's request is
 * drawn as it is taken (TakeNewRequest logs `Req`), its answer as the leader commits (`Ack`).
 *
 * The steps come as the explainer writes them (trace.ts: action labels and sent messages in the
 * spec's notation), for the checker's own runs and TLC's alike; this file reads that notation.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import type { AnyProtocol, PayloadBase } from '../../engine/index.ts'
import { multipaxos } from '../../engine/protocols/multipaxos/module.ts'
import { SpecLogBuilder, STEP_TICKS, type SpecDiagram, type Wire } from '../specLog.ts'
import { lanesOf } from './specLanes.ts'
import type { ImportedMultiPaxosTrace } from './tlcImport.ts'
import type { MultiPaxosStep, MultiPaxosViolation } from './trace.ts'

/** A message of the model as drawn: its notation, its ballot (for colour), its role. */
export interface SpecMpMsg extends PayloadBase {
  readonly type: 'Prepare' | 'PrepareReply' | 'Accept' | 'AcceptReply' | 'CommitNotice' | 'Req' | 'Ack'
  readonly text: string
  readonly bal: number | null
}

const meaning = (role: 'request' | 'ack' | 'notice', phase: string, m: string) => ({
  role,
  phase,
  meaning: m,
})

/**
 * The words and colours of the model's messages, for the diagram: Multi-Paxos's module with the
 * spec's message types. Nobody runs it (a spec trace is drawn, never simulated).
 */
export const MULTIPAXOS_SPEC_FACE: AnyProtocol = {
  ...multipaxos,
  id: 'multipaxos-spec',
  title: 'MultiPaxos.tla (a run of the spec)',
  narration: { ...multipaxos.narration, label: (m: SpecMpMsg) => m.text },
  messages: {
    Prepare: meaning('request', '1a', 'asks every replica to promise this ballot'),
    PrepareReply: meaning('ack', '1b', 'promises the ballot and reports its votes'),
    Accept: meaning('request', '2a', 'asks every replica to vote for a command in a slot'),
    AcceptReply: meaning('ack', '2b', 'voted for the command in the slot'),
    CommitNotice: meaning('notice', 'commit', 'every slot up to this one is committed'),
    Req: meaning('request', 'request', "the client's request, taken by a leader"),
    Ack: meaning('ack', 'reply', "the leader's answer to the client"),
  },
  colourKey: (m: SpecMpMsg) => (m.bal === null ? null : `bal ${m.bal}`),
  properties: [
    { kind: 'always', id: 'TypeOK', title: 'TypeOK' },
    { kind: 'always', id: 'Linearizability', title: 'Linearizability' },
  ],
  app: {
    ...multipaxos.app,
    quiet: [],
    mark: (e: { kind: string; pids?: number[]; detail?: string }) =>
      e.kind === 'spec.deadlock'
        ? { kind: 'failed', pid: null, pids: e.pids ?? [], label: '⚠ Deadlock', colourKey: null }
        : null,
    // The deadlock is its only mark, and only the diagram draws it.
    scrubMark: () => null,
  },
}

/** A message in the spec's notation, read back: `Accept(s1, bal 1, slot 1, w1)`. */
export interface ParsedMsg {
  readonly type: SpecMpMsg['type']
  readonly src: number | null
  readonly bal: number | null
  readonly slot: number | null
  readonly text: string
}

const num = (text: string, re: RegExp): number | null => {
  const m = re.exec(text)
  return m ? Number(m[1]) : null
}

/** Reads one sent message; throws on a notation it does not know (trace.ts changed). */
export function parseMessage(text: string): ParsedMsg {
  const type = /^(\w+)\(/.exec(text)?.[1]
  const types = ['Prepare', 'PrepareReply', 'Accept', 'AcceptReply', 'CommitNotice']
  if (!type || !types.includes(type)) throw new Error(`unknown message ${text}`)
  const src = num(text, /\(s(\d+)/)
  return {
    type: type as ParsedMsg['type'],
    src: src === null ? null : src - 1,
    bal: num(text, /bal (\d+)/),
    slot: num(text, /(?:slot|upto) (\d+)/),
    text,
  }
}

export interface MpVerdict {
  readonly text: string
  readonly bad: boolean
  /** The violated invariant (marked on the diagram), or null. */
  readonly invariant: string | null
  readonly deadlock: boolean
}

/** The run on the diagram; `replicas` is the model's count. */
export function multiPaxosSpecDiagram(
  steps: readonly MultiPaxosStep[],
  replicas: number,
  verdict: MpVerdict,
): SpecDiagram {
  const R = replicas
  const client = R + 1
  const name = (p: number) => (p === client ? 'the client' : `s${p}`)
  const lb = new SpecLogBuilder()
  /** The messages each step's action read, for its narration. */
  const reads: string[][] = steps.map(() => [])
  /** Every broadcast or reply by its text: its copies by receiver, made when first needed. */
  const sent = new Map<string, { proto: Wire; copies: Map<number, Wire>; msg: ParsedMsg }>()
  const owner = new Map<number, number>()
  const ownBallot = new Map<number, number>()
  const copy = (text: string, to: number, step: number): Wire | null => {
    const s = sent.get(text)
    if (!s) return null
    let w = s.copies.get(to)
    if (!w) {
      const p = s.proto
      w = lb.send(step, p.from, to, p.payload, `${name(p.from)} sends ${s.msg.text} to ${name(to)}`, {
        at: p,
        group: p.group,
      })
      s.copies.set(to, w)
    }
    return w
  }
  const readAll = (pred: (m: ParsedMsg) => boolean, to: number, step: number, why: string) => {
    for (const [text, s] of sent)
      if (pred(s.msg)) {
        const w = copy(text, to, step)
        if (w && lb.deliver(w, step, `${name(to)} reads ${text} (${why})`)) reads[step - 1]?.push(text)
      }
  }
  steps.forEach((st, i) => {
    const k = i + 1
    const r = st.replica === null ? null : Number(st.replica.slice(1))
    const from = num(st.label, /from s(\d+)/)
    const bal = num(st.label, /bal (\d+)/)
    const slot = num(st.label, /slot (\d+)/)
    let asked: Wire | null = null
    for (const e of st.observed)
      if (e.startsWith('Req ') && r !== null) {
        const p: SpecMpMsg = { type: 'Req', text: e, bal: null }
        const w = lb.send(k, client, r, p, `The client's ${e.slice(4)} is pending`, {
          offset: -STEP_TICKS / 2,
        })
        lb.deliver(w, k, `${name(r)} takes ${e.slice(4)} (${st.label})`)
      }
    if (r !== null) {
      if (st.action === 'HandlePrepare') asked = copy(`Prepare(s${from}, bal ${bal})`, r, k)
      if (st.action === 'HandleAccept') {
        // The label names the Accept without its command: find it among those sent.
        const text = [...sent.keys()].find((t) => t.startsWith(`Accept(s${from}, bal ${bal}, slot ${slot}, `))
        asked = text ? copy(text, r, k) : null
      }
      if (asked && lb.deliver(asked, k, `${name(r)} reads it (${st.label})`))
        reads[i]?.push((asked.payload as SpecMpMsg).text)
      const own = ownBallot.get(r)
      if (st.action === 'HandlePrepareReplies')
        readAll((m) => m.type === 'PrepareReply' && m.bal === own, r, k, st.label)
      if (st.action === 'HandleAcceptReplies')
        readAll((m) => m.type === 'AcceptReply' && m.bal === own && m.slot === slot, r, k, st.label)
      if (st.action === 'HandleCommitNotice')
        readAll((m) => m.type === 'CommitNotice' && m.slot === slot, r, k, st.label)
    }
    for (const text of st.sent) {
      const m = parseMessage(text)
      const sender = m.src !== null ? m.src + 1 : (r ?? 1)
      if (m.type === 'Prepare' && m.bal !== null) {
        owner.set(m.bal, sender)
        ownBallot.set(sender, m.bal)
      }
      const p: SpecMpMsg = { type: m.type, text, bal: m.bal }
      const group = lb.group()
      const reply = m.type === 'PrepareReply' || m.type === 'AcceptReply'
      const audience = reply
        ? [owner.get(m.bal ?? -1) ?? sender]
        : Array.from({ length: R }, (_, q) => q + 1).filter((q) => q !== sender)
      const copies = new Map<number, Wire>()
      let proto: Wire | null = null
      for (const to of audience) {
        const w = lb.send(k, sender, to, p, `${name(sender)} sends ${text} to ${name(to)}`, {
          group,
          replyTo: reply ? asked : null,
        })
        proto ??= w
        copies.set(to, w)
      }
      if (proto) sent.set(text, { proto, copies, msg: m })
    }
    for (const e of st.observed)
      if (e.startsWith('Ack ') && r !== null) {
        const p: SpecMpMsg = { type: 'Ack', text: e, bal: null }
        const w = lb.send(k, r, client, p, `${name(r)} answers the client: ${e}`)
        lb.deliver(w, k, `The client sees ${e}`, STEP_TICKS / 2)
      }
  })
  const n = steps.length
  const pids = Array.from({ length: R + 1 }, (_, q) => q + 1)
  if (verdict.invariant)
    lb.mark(
      n,
      { kind: 'invariant.violated', rule: verdict.invariant, pids, detail: verdict.text },
      verdict.text,
      STEP_TICKS / 2,
    )
  else if (verdict.deadlock) lb.mark(n, { kind: 'spec.deadlock', pids }, verdict.text, STEP_TICKS / 2)
  const config = {
    ...multipaxos.config.defaults(),
    replicaCount: R,
    workload: [[]],
    latencyTicksMin: STEP_TICKS,
    latencyTicksMax: STEP_TICKS,
  }
  const log = lb.build(config, `A run of MultiPaxos.tla: ${R} replicas, ${n} steps`, n)
  return {
    module: MULTIPAXOS_SPEC_FACE,
    log,
    processCount: R + 1,
    steps: steps.map((s, i) => ({ label: s.label, text: stepText(s, reads[i] ?? []) })),
    lanes: lanesOf(steps, R),
    verdict: verdict.text,
    bad: verdict.bad,
  }
}

/**
 * A step's narration from its own facts: what its action read, what it added to msgs (a message
 * already there is not sent again: msgs is a set), what the client saw.
 */
function stepText(s: MultiPaxosStep, reads: readonly string[]): string {
  if (s.action === 'Terminating') return 'Every replica is done: the run stops here.'
  const who = s.replica ?? 'every replica'
  const parts = [
    reads.length > 0 ? `reads ${reads.join(', ')}` : null,
    s.sent.length > 0 ? `sends ${s.sent.join(', ')}` : reads.length > 0 ? null : 'adds no message',
    s.observed.length > 0 ? `the client sees ${s.observed.join(', ')}` : null,
  ].filter((x) => x !== null)
  return `${who} ${parts.join('; ')}.`
}

/** The verdict of the checker's finding: the invariant and why, or the deadlock and what the client saw. */
export function violationVerdict(v: MultiPaxosViolation): MpVerdict {
  if (v.kind === 'invariant')
    return { text: `${v.invariant} violated: ${v.why}.`, bad: true, invariant: v.invariant, deadlock: false }
  const saw = v.observed.join(', ') || 'nothing'
  return { text: `Deadlock: ${v.why}. The client saw: ${saw}.`, bad: true, invariant: null, deadlock: true }
}

/** The verdict of an imported trace, from what its last state shows. */
export function importVerdict(ending: ImportedMultiPaxosTrace['ending']): MpVerdict {
  if (ending.kind === 'invariant')
    return {
      text: `${ending.invariant} is violated in its last state: ${ending.why}.`,
      bad: true,
      invariant: ending.invariant,
      deadlock: false,
    }
  if (ending.kind === 'deadlock')
    return {
      text: 'Its last state is a deadlock: no step is possible and some request is unanswered.',
      bad: true,
      invariant: null,
      deadlock: true,
    }
  return {
    text: 'Its last state violates nothing Synod checks.',
    bad: false,
    invariant: null,
    deadlock: false,
  }
}
