/**
 * A finding of the MultiPaxos search as readable steps. The search stores one state per orbit, so
 * the stored path may switch replica names between steps; this replays it from the initial state,
 * at each step picking the successor of the actual state whose orbit is the next stored one, which
 * gives a real run of the spec (as TLC prints one), then names each step and what it sent.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import { ACTION_NAMES, MultiPaxosActions, type SuccessorSink } from './actions.ts'
import { clientHistory, type MultiPaxosInvariant } from './invariants.ts'
import { initialState, type Layout } from './layout.ts'
import type { MultiPaxosSearch } from './search.ts'

export type MultiPaxosActionName = (typeof ACTION_NAMES)[number]

export interface MultiPaxosStep {
  readonly action: MultiPaxosActionName
  /** The replica taking the step (s1, s2, …), or null for Terminating. */
  readonly replica: string | null
  /** The action with its parameters, e.g. `HandleAccept(s2, Accept from s1, bal 1, slot 1)`. */
  readonly label: string
  /** Messages this step added to msgs, in the spec's notation. */
  readonly sent: readonly string[]
  /** Client events this step appended to observed. */
  readonly observed: readonly string[]
}

export interface MultiPaxosViolation {
  readonly kind: 'invariant' | 'deadlock'
  readonly invariant: MultiPaxosInvariant | null
  readonly why: string
  /** Steps from the initial state; breadth-first search finds no shorter run to such a state. */
  readonly depth: number
  readonly steps: readonly MultiPaxosStep[]
  /** The client's events in the last state. */
  readonly observed: readonly string[]
}

export const replicaName = (r: number): string => `s${r + 1}`

export function commandName(L: Layout, c: number): string {
  if (c === 0) return '"nil"'
  return c <= L.W ? `w${c}` : `r${c - L.W}`
}

export function eventText(L: Layout, code: number): string {
  if (code < L.N) return `Req ${commandName(L, code + 1)}`
  const a = code - L.N
  return `Ack ${commandName(L, Math.floor(a / (L.W + 1)))} → ${commandName(L, a % (L.W + 1))}`
}

export function observedEvents(L: Layout, v: Int32Array): string[] {
  const out: string[] = []
  for (let i = 0; i < L.events && (v[L.observed + i] as number) > 0; i++)
    out.push(eventText(L, (v[L.observed + i] as number) - 1))
  return out
}

/** Messages in `after` but not in `before`. */
export function sentMessages(L: Layout, before: Int32Array, after: Int32Array): string[] {
  const out: string[] = []
  const added = (i: number) => before[i] === 0 && after[i] !== 0
  for (let r = 0; r < L.R; r++)
    for (let b = 1; b <= L.B; b++) {
      const rb = r * L.B + b - 1
      if (added(L.prepare + rb)) out.push(`Prepare(${replicaName(r)}, bal ${b})`)
      if (added(L.prepareReply + rb * L.prSize)) out.push(`PrepareReply(${replicaName(r)}, bal ${b})`)
      for (let s = 0; s < L.N; s++) {
        const i = L.accept + rb * L.N + s
        if (added(i))
          out.push(
            `Accept(${replicaName(r)}, bal ${b}, slot ${s + 1}, ${commandName(L, (after[i] as number) - 1)})`,
          )
        if (added(L.acceptReply + rb * L.N + s))
          out.push(`AcceptReply(${replicaName(r)}, bal ${b}, slot ${s + 1})`)
      }
    }
  for (let s = 0; s < L.N; s++) if (added(L.commitNotice + s)) out.push(`CommitNotice(upto ${s + 1})`)
  return out
}

export function labelStep(action: number, r: number, src: number, bal: number, slot: number): string {
  const name = ACTION_NAMES[action] as string
  if (r < 0) return name
  const who = replicaName(r)
  switch (action) {
    case 0:
      return `${name}(${who}, bal ${bal})`
    case 1:
      return `${name}(${who}, Prepare from ${replicaName(src)}, bal ${bal})`
    case 4:
      return `${name}(${who}, Accept from ${replicaName(src)}, bal ${bal}, slot ${slot + 1})`
    case 3:
    case 5:
    case 6:
      return `${name}(${who}, slot ${slot + 1})`
    default:
      return `${name}(${who})`
  }
}

/** Finds the successor of a state whose canonical key is `target`. */
class Finder implements SuccessorSink {
  found: { t: Int32Array; action: number; r: number; src: number; bal: number; slot: number } | null = null
  private readonly key: Uint32Array
  constructor(
    private readonly search: MultiPaxosSearch,
    private readonly target: Uint32Array,
  ) {
    this.key = new Uint32Array(target.length)
  }
  emit(t: Int32Array, action: number, r: number, src: number, bal: number, slot: number): void {
    if (this.found) return
    this.search.canon.canonical(t, this.key)
    if (this.key.every((w, i) => w === this.target[i]))
      this.found = { t: t.slice(), action, r, src, bal, slot }
  }
}

/** The actual states of a shortest run to stored state `id`, with the step into each (none for the first). */
export function concreteRun(
  search: MultiPaxosSearch,
  id: number,
): { states: Int32Array[]; steps: MultiPaxosStep[] } {
  const L = search.L
  const actions = new MultiPaxosActions(L)
  let v = initialState(L)
  const states = [v]
  const steps: MultiPaxosStep[] = []
  for (const next of search.pathTo(id).slice(1)) {
    const finder = new Finder(search, search.stateKey(next))
    actions.successors(v, finder)
    const f = finder.found
    if (!f) throw new Error('the stored path is not a run of the spec')
    const before = new Set(observedEvents(L, v))
    steps.push({
      action: ACTION_NAMES[f.action] as MultiPaxosActionName,
      replica: f.r >= 0 ? replicaName(f.r) : null,
      label: labelStep(f.action, f.r, f.src, f.bal, f.slot),
      sent: sentMessages(L, v, f.t),
      observed: observedEvents(L, f.t).filter((e) => !before.has(e)),
    })
    v = f.t
    states.push(v)
  }
  return { states, steps }
}

/** The search's finding as a run of the spec, or null if it found nothing. */
export function explainMultiPaxos(search: MultiPaxosSearch): MultiPaxosViolation | null {
  const finding = search.progress().finding
  if (!finding) return null
  const L = search.L
  const { states, steps } = concreteRun(search, finding.stateId)
  const v = states[states.length - 1] as Int32Array
  return {
    kind: finding.kind,
    invariant: finding.kind === 'invariant' ? finding.invariant : null,
    why:
      finding.kind === 'invariant'
        ? explainInvariant(L, v, finding.why)
        : 'no step is possible and some request is unanswered',
    depth: steps.length,
    steps,
    observed: observedEvents(L, v),
  }
}

/** For Linearizability: name the stale result (e.g. which read missed which acknowledged write). */
function explainInvariant(L: Layout, v: Int32Array, why: string): string {
  const h = clientHistory(L, v)
  for (let c = 1; c <= L.N; c++) {
    for (let w = 1; w <= L.W; w++) {
      if (w === c || h.result[c] === w) continue
      // w was answered before c was asked, yet c did not see w or anything written after it.
      if (
        (h.ackPos[w] as number) >= 0 &&
        (h.ackPos[w] as number) < (h.reqPos[c] as number) &&
        h.result[c] === 0
      )
        return `${why}: ${commandName(L, c)} returned "nil" though ${commandName(L, w)} was acknowledged before ${commandName(L, c)} was requested`
    }
  }
  return why
}
