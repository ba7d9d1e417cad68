/**
 * A TLC counterexample of MultiPaxos.tla (as exported by Synod: replicas s1.., writes w1..,
 * reads r1..) turned into Synod's own run: each TLC state is converted to the slot vector of
 * layout.ts, the run is replayed with Synod's next-state relation (every step must be a successor,
 * exactly), and the last state is checked like the search checks it (TypeOK, Linearizability,
 * deadlock). Commands are numbered in the order of the initial `pending` sequence, so the trace is
 * read correctly whichever order TLC's CHOOSE gave InitPending.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import { asArray, asInt, asRecord, indexedName, type TlcState } from '../tlcTrace.ts'
import { ACTION_NAMES, MultiPaxosActions, type SuccessorSink } from './actions.ts'
import { InvariantChecker } from './invariants.ts'
import {
  ackEvent,
  buildLayout,
  checkMultiPaxosConstants,
  F_BALMAX,
  F_BALPREP,
  F_COMMIT,
  F_INSTS,
  F_KVALUE,
  F_LEADER,
  initialState,
  MULTIPAXOS_BUGS,
  reqEvent,
  STATUS_NAMES,
  voteCode,
  type Layout,
  type MultiPaxosConstants,
} from './layout.ts'
import {
  labelStep,
  observedEvents,
  sentMessages,
  type MultiPaxosActionName,
  type MultiPaxosStep,
} from './trace.ts'

export interface ImportedMultiPaxosTrace {
  readonly model: 'multipaxos'
  readonly constants: MultiPaxosConstants
  readonly steps: readonly MultiPaxosStep[]
  /** What the last state shows: an invariant violated, a deadlock, or neither. */
  readonly ending:
    | { readonly kind: 'invariant'; readonly invariant: string; readonly why: string }
    | { readonly kind: 'deadlock' }
    | { readonly kind: 'none' }
  readonly observed: readonly string[]
}

/** Converts TLC values to slot values; throws a one-line reason. */
class Reader {
  constructor(
    readonly L: Layout,
    private readonly commands: ReadonlyMap<string, number>,
  ) {}
  replica(x: unknown): number {
    const r = indexedName(x, 's')
    if (r === null || r >= this.L.R) throw new Error(`unknown replica ${JSON.stringify(x)}`)
    return r
  }
  cmd(x: unknown): number {
    if (x === 'nil') return 0
    const c = typeof x === 'string' ? this.commands.get(x) : undefined
    if (c === undefined) throw new Error(`unknown command ${JSON.stringify(x)}`)
    return c
  }
  int(x: unknown, min: number, max: number): number {
    const n = asInt(x)
    if (n === null || n < min || n > max) throw new Error(`expected ${min}..${max}, got ${JSON.stringify(x)}`)
    return n
  }
  state(s: TlcState): Int32Array {
    const L = this.L
    const v = new Int32Array(L.size)
    const node = asRecord(s.node)
    const pc = asRecord(s.pc)
    if (!node || !pc) throw new Error('node and pc must map every replica')
    for (let r = 0; r < L.R; r++) {
      const n = asRecord(node[`s${r + 1}`])
      const insts = asArray(n?.insts)
      if (!n || !insts || insts.length !== L.N) throw new Error(`node[s${r + 1}] is not a node record`)
      const at = L.node + r * L.nodeSize
      v[at + F_LEADER] = n.leader === 'none' ? 0 : this.replica(n.leader) + 1
      v[at + F_KVALUE] = this.cmd(n.kvalue)
      v[at + F_COMMIT] = this.int(n.commitUpTo, 0, L.N)
      v[at + F_BALPREP] = this.int(n.balPrepared, 0, L.B)
      v[at + F_BALMAX] = this.int(n.balMaxKnown, 0, L.B)
      insts.forEach((x, s) => {
        const inst = asRecord(x)
        const voted = asRecord(inst?.voted)
        const status = STATUS_NAMES.indexOf(inst?.status as (typeof STATUS_NAMES)[number])
        if (!inst || !voted || status < 0)
          throw new Error(`node[s${r + 1}].insts[${s + 1}] is not an instance`)
        v[at + F_INSTS + 3 * s] = status
        v[at + F_INSTS + 3 * s + 1] = this.cmd(inst.cmd)
        v[at + F_INSTS + 3 * s + 2] = voteCode(L.N, this.int(voted.bal, 0, L.B), this.cmd(voted.cmd))
      })
      const p = pc[`s${r + 1}`]
      if (p !== 'rloop' && p !== 'Done') throw new Error(`pc[s${r + 1}] must be "rloop" or "Done"`)
      v[L.pc + r] = p === 'Done' ? 1 : 0
    }
    for (const x of asArray(s.msgs) ?? []) this.message(v, asRecord(x))
    const pending = asArray(s.pending)
    const observed = asArray(s.observed)
    if (!pending || !observed || observed.length > L.events)
      throw new Error('pending and observed must be sequences')
    pending.forEach((c, i) => (v[L.pending + i] = this.cmd(c)))
    observed.forEach((x, i) => {
      const e = asRecord(x)
      if (e?.type === 'Req') v[L.observed + i] = reqEvent(this.cmd(e.cmd)) + 1
      else if (e?.type === 'Ack') v[L.observed + i] = ackEvent(L.N, L.W, this.cmd(e.cmd), this.cmd(e.val)) + 1
      else throw new Error(`observed[${i + 1}] is not a Req or Ack event`)
    })
    return v
  }
  message(v: Int32Array, m: Record<string, unknown> | null): void {
    const L = this.L
    if (!m) throw new Error('msgs holds a non-record')
    if (m.type === 'CommitNotice') {
      v[L.commitNotice + this.int(m.upto, 1, L.N) - 1] = 1
      return
    }
    const rb = this.replica(m.src) * L.B + this.int(m.bal, 1, L.B) - 1
    if (m.type === 'Prepare') v[L.prepare + rb] = 1
    else if (m.type === 'PrepareReply') {
      const votes = asArray(m.votes)
      if (!votes || votes.length !== L.N) throw new Error('a PrepareReply needs one vote per slot')
      v[L.prepareReply + rb * L.prSize] = 1
      votes.forEach((x, s) => {
        const vote = asRecord(x)
        v[L.prepareReply + rb * L.prSize + 1 + s] = voteCode(
          L.N,
          this.int(vote?.bal, 0, L.B),
          this.cmd(vote?.cmd),
        )
      })
    } else if (m.type === 'Accept')
      v[L.accept + rb * L.N + this.int(m.slot, 1, L.N) - 1] = this.cmd(m.cmd) + 1
    else if (m.type === 'AcceptReply') v[L.acceptReply + rb * L.N + this.int(m.slot, 1, L.N) - 1] = 1
    else throw new Error(`unknown message type ${JSON.stringify(m.type)}`)
  }
}

/** The constants a trace implies, and the command numbering (initial pending order). */
function constantsOf(first: TlcState): { c: MultiPaxosConstants; commands: Map<string, number> } {
  const replicas = Object.keys(asRecord(first.pc) ?? {}).length
  const pending = (asArray(first.pending) ?? []).map(String)
  const writes = pending.filter((x) => /^w\d+$/.test(x))
  const reads = pending.filter((x) => /^r\d+$/.test(x))
  if (writes.length + reads.length !== pending.length)
    throw new Error("commands must be named like Synod's export (w1, w2, … and r1, r2, …)")
  const commands = new Map<string, number>()
  ;[...writes, ...reads].forEach((x, i) => commands.set(x, i + 1))
  // The initial state has no ballot in it: importMultiPaxosTrace takes MaxBallot from the whole trace.
  const c = { replicas, writes: writes.length, reads: reads.length, maxBallot: 2, symmetry: false, bug: null }
  return { c, commands }
}

const highestBallot = (states: readonly TlcState[]): number => {
  let top = 0
  const visit = (x: unknown, key: string): void => {
    if (Array.isArray(x)) x.forEach((y) => visit(y, key))
    else if (x && typeof x === 'object')
      for (const [k, y] of Object.entries(x as Record<string, unknown>)) visit(y, k)
    else if (typeof x === 'number' && /^bal|^balPrepared$|^balMaxKnown$/.test(key)) top = Math.max(top, x)
  }
  states.forEach((s) => visit(s, ''))
  return top
}

class ExactFinder implements SuccessorSink {
  found: { action: number; r: number; src: number; bal: number; slot: number } | null = null
  constructor(private readonly target: Int32Array) {}
  emit(t: Int32Array, action: number, r: number, src: number, bal: number, slot: number): void {
    if (!this.found && t.every((x, i) => x === this.target[i])) this.found = { action, r, src, bal, slot }
  }
}

/**
 * Replay a MultiPaxos.tla trace: as the model as published, else as each broken variant (TLC
 * checks the edited spec for those); the first that replays, or why the published one does not.
 */
export function importMultiPaxosTrace(states: readonly TlcState[]): ImportedMultiPaxosTrace | string {
  const published = replay(states, null)
  if (typeof published !== 'string') return published
  for (const bug of MULTIPAXOS_BUGS) {
    const r = replay(states, bug)
    if (typeof r !== 'string') return r
  }
  return published
}

function replay(
  states: readonly TlcState[],
  bug: MultiPaxosConstants['bug'],
): ImportedMultiPaxosTrace | string {
  try {
    const { c: base, commands } = constantsOf(states[0] as TlcState)
    const c = { ...base, maxBallot: Math.max(2, highestBallot(states)), bug }
    const problem = checkMultiPaxosConstants(c)
    if (problem) return `the trace's model is outside what Synod checks: ${problem}`
    const L = buildLayout(c)
    const reader = new Reader(L, commands)
    const vectors = states.map((s, k) => {
      try {
        return reader.state(s)
      } catch (e) {
        throw new Error(`state ${k + 1}: ${(e as Error).message}`)
      }
    })
    if (!vectors[0]?.every((x, i) => x === initialState(L)[i]))
      return 'state 1 is not the initial state of MultiPaxos.tla'
    const actions = new MultiPaxosActions(L)
    const steps: MultiPaxosStep[] = []
    for (let k = 1; k < vectors.length; k++) {
      const before = vectors[k - 1] as Int32Array
      const after = vectors[k] as Int32Array
      const finder = new ExactFinder(after)
      actions.successors(before, finder)
      const f = finder.found
      if (!f)
        return `step ${k} (state ${k} to state ${k + 1}) is not a step of MultiPaxos.tla${bug ? ` with the ${bug} bug` : ''}`
      const seen = new Set(observedEvents(L, before))
      steps.push({
        action: ACTION_NAMES[f.action] as MultiPaxosActionName,
        replica: f.r >= 0 ? `s${f.r + 1}` : null,
        label: labelStep(f.action, f.r, f.src, f.bal, f.slot),
        sent: sentMessages(L, before, after),
        observed: observedEvents(L, after).filter((e) => !seen.has(e)),
      })
    }
    const last = vectors[vectors.length - 1] as Int32Array
    const bad = new InvariantChecker(L).check(last)
    const deadlocked = actions.successors(last, { emit: () => {} }) === 0
    const ending = bad
      ? ({ kind: 'invariant', invariant: bad.invariant, why: bad.why } as const)
      : deadlocked
        ? ({ kind: 'deadlock' } as const)
        : ({ kind: 'none' } as const)
    return { model: 'multipaxos', constants: c, steps, ending, observed: observedEvents(L, last) }
  } catch (e) {
    return (e as Error).message
  }
}
