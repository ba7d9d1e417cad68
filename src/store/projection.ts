import {
  compareBallots,
  quorumSize,
  type AcceptedPair,
  type Ballot,
  type EventOf,
  type Message,
  type ProposerPhase,
  type SimConfig,
  type SimEvent,
  type Tick,
  type Value,
} from '../engine/index.ts'

/** A field of a process card that can change in a step (for highlighting). */
export type ProcField = 'up' | 'promised' | 'accepted' | 'phase' | 'promises' | 'accepteds' | 'decided'

/** One process as the cards show it, at the cursor. */
export interface ProcView {
  readonly pid: number
  up: boolean
  promised: Ballot | null
  accepted: AcceptedPair | null
  phase: ProposerPhase
  ballot: Ballot | null
  /** The value the proposer is asked to propose (phase 1) or proposes (phase 2). */
  value: Value | null
  ownValue: Value | null
  adoptedFrom: AcceptedPair | null
  /** Who has promised / rejected / accepted the current ballot (pids, ascending). */
  promises: number[]
  rejects: number[]
  accepteds: number[]
  decided: AcceptedPair | null
  timer: { fireAt: Tick; purpose: 'timeout' | 'retry' } | null
  /** Fields changed by the events of the cursor's step. */
  changed: ProcField[]
}

/** Everything the panels show, derived from the events up to the cursor. */
export interface Projection {
  readonly config: SimConfig | null
  readonly quorum: number
  readonly procs: readonly ProcView[]
  /** In-flight messages, the next to arrive first. */
  readonly inFlight: readonly Message[]
  readonly violations: readonly EventOf<'invariant.violated'>[]
  readonly chosen: readonly EventOf<'value.chosen'>[]
  /** Partition groups, or null when the network is whole. */
  readonly partition: readonly (readonly number[])[] | null
  /** The events of the cursor's step. */
  readonly current: readonly SimEvent[]
}

function newProc(pid: number): ProcView {
  return {
    pid,
    up: true,
    promised: null,
    accepted: null,
    phase: 'idle',
    ballot: null,
    value: null,
    ownValue: null,
    adoptedFrom: null,
    promises: [],
    rejects: [],
    accepteds: [],
    decided: null,
    timer: null,
    changed: [],
  }
}

const addPid = (list: number[], p: number): number[] =>
  list.includes(p) ? list : [...list, p].sort((a, b) => a - b)
const isCurrent = (v: ProcView, b: Ballot): boolean => v.ballot !== null && compareBallots(v.ballot, b) === 0

/** A reply delivered to a proposer counts toward its quorum exactly as the engine counts it. */
function countReply(v: ProcView, m: Message): ProcField | null {
  const p = m.payload
  if (p.type === 'promise' && v.phase === 'preparing' && isCurrent(v, p.ballot)) {
    v.promises = addPid(v.promises, m.from)
    return 'promises'
  }
  if (p.type === 'accepted' && v.phase === 'accepting' && isCurrent(v, p.ballot)) {
    v.accepteds = addPid(v.accepteds, m.from)
    return 'accepteds'
  }
  if (p.type === 'reject' && (v.phase === 'preparing' || v.phase === 'accepting') && isCurrent(v, p.ballot)) {
    v.rejects = addPid(v.rejects, m.from)
  }
  return null
}

function applyPhase(v: ProcView, e: EventOf<'proposer.phase'>): void {
  if (e.phase === 'preparing') {
    v.promises = []
    v.rejects = []
    v.accepteds = []
    v.ownValue = e.value
    v.adoptedFrom = null
  }
  if (e.phase === 'accepting') v.rejects = []
  if (e.phase === 'decided' || e.phase === 'abandoned') v.timer = null
  v.phase = e.phase
  v.ballot = e.ballot
  v.value = e.value
  if (e.adoptedFrom) v.adoptedFrom = e.adoptedFrom
}

/** Apply one event to the process views; returns the changed process and field, if any. */
function applyToProcs(procs: ProcView[], e: SimEvent): [ProcView, ProcField] | null {
  const at = (pid: number): ProcView | undefined => procs[pid - 1]
  switch (e.kind) {
    case 'proc.crash': {
      const v = at(e.pid)
      if (!v) return null
      Object.assign(v, {
        ...newProc(e.pid),
        promised: v.promised,
        accepted: v.accepted,
        up: false,
        changed: v.changed,
      })
      return [v, 'up']
    }
    case 'proc.recover': {
      const v = at(e.pid)
      if (v) v.up = true
      return v ? [v, 'up'] : null
    }
    case 'acceptor.promise': {
      const v = at(e.pid)
      if (v) v.promised = e.ballot
      return v ? [v, 'promised'] : null
    }
    case 'acceptor.accept': {
      const v = at(e.pid)
      if (!v) return null
      const below = e.promised !== null && compareBallots(e.accepted.ballot, e.promised) < 0
      v.promised = below ? e.promised : e.accepted.ballot
      v.accepted = e.accepted
      return [v, 'accepted']
    }
    case 'acceptor.forget': {
      const v = at(e.pid)
      if (v) Object.assign(v, { promised: null, accepted: null })
      return v ? [v, 'accepted'] : null
    }
    case 'proposer.phase': {
      const v = at(e.pid)
      if (v) applyPhase(v, e)
      return v ? [v, 'phase'] : null
    }
    case 'learner.decide': {
      const v = at(e.pid)
      if (v && v.decided === null) v.decided = { ballot: e.ballot, value: e.value }
      return v ? [v, 'decided'] : null
    }
    case 'timer.set': {
      const v = at(e.pid)
      if (v) v.timer = { fireAt: e.fireAt, purpose: e.purpose }
      return null
    }
    case 'timer.fire': {
      const v = at(e.pid)
      if (v) v.timer = null
      return null
    }
    case 'msg.deliver': {
      const v = at(e.msg.to)
      const field = v ? countReply(v, e.msg) : null
      return v && field ? [v, field] : null
    }
    default:
      return null
  }
}

const byArrival = (a: Message, b: Message): number => a.deliverAt - b.deliverAt || a.seq - b.seq

/** Replay the first `upto` events of the log into the panels' view of the world. Pure. */
export function project(log: readonly SimEvent[], upto: number): Projection {
  const first = log[0]
  const config = first?.kind === 'run.start' ? first.config : null
  const procs: ProcView[] = []
  for (let p = 1; p <= (config?.processCount ?? 0); p++) procs.push(newProc(p))
  const wire = new Map<number, Message>()
  const violations: EventOf<'invariant.violated'>[] = []
  const chosen: EventOf<'value.chosen'>[] = []
  let partition: number[][] | null = null
  const end = Math.min(upto, log.length)
  const currentStep = end > 0 ? (log[end - 1] as SimEvent).step : -1
  let currentFrom = end
  for (let i = 0; i < end; i++) {
    const e = log[i] as SimEvent
    if (e.step === currentStep && currentFrom === end) currentFrom = i
    if (e.kind === 'msg.send' || e.kind === 'msg.delay') wire.set(e.msg.id, e.msg)
    else if (e.kind === 'msg.deliver' || e.kind === 'msg.drop') wire.delete(e.msg.id)
    else if (e.kind === 'invariant.violated') violations.push(e)
    else if (e.kind === 'value.chosen') chosen.push(e)
    else if (e.kind === 'net.partition') partition = e.groups
    else if (e.kind === 'net.heal') partition = null
    const changed = applyToProcs(procs, e)
    if (changed && e.step === currentStep && !changed[0].changed.includes(changed[1])) {
      changed[0].changed.push(changed[1])
    }
  }
  return {
    config,
    quorum: config ? quorumSize(config) : 0,
    procs,
    inFlight: [...wire.values()].sort(byArrival),
    violations,
    chosen,
    partition,
    current: log.slice(currentFrom, end),
  }
}

let memo: { log: readonly SimEvent[]; upto: number; value: Projection } | null = null

/** `project` with a one-entry cache, so every panel shares one replay per cursor move. */
export function projectCached(log: readonly SimEvent[], upto: number): Projection {
  if (memo && memo.log === log && memo.upto === upto) return memo.value
  const value = project(log, upto)
  memo = { log, upto, value }
  return value
}

/** Where a message stands at the cursor. Pure. */
export type MessageStatus =
  | { readonly state: 'unsent' }
  | { readonly state: 'in-flight'; readonly msg: Message }
  | { readonly state: 'delivered'; readonly msg: Message; readonly step: number }
  | { readonly state: 'dropped'; readonly msg: Message; readonly step: number; readonly reason: string }

export function messageStatus(log: readonly SimEvent[], upto: number, id: number): MessageStatus {
  let status: MessageStatus = { state: 'unsent' }
  const end = Math.min(upto, log.length)
  for (let i = 0; i < end; i++) {
    const e = log[i] as SimEvent
    if (e.kind !== 'msg.send' && e.kind !== 'msg.deliver' && e.kind !== 'msg.drop' && e.kind !== 'msg.delay')
      continue
    if (e.msg.id !== id) continue
    if (e.kind === 'msg.deliver') status = { state: 'delivered', msg: e.msg, step: e.step }
    else if (e.kind === 'msg.drop') status = { state: 'dropped', msg: e.msg, step: e.step, reason: e.reason }
    else status = { state: 'in-flight', msg: e.msg }
  }
  return status
}
