/**
 * MultiPaxos_MC.tla's invariants over the slot vector of layout.ts.
 *
 * TypeOK: most of it holds by construction of the encoding (every slot ranges over its type); what
 * can fail is an Accept carrying "nil" (a leader re-proposing a slot nobody in its quorum voted
 * for), an Ack event for "nil", more than 2 × NumCommands observed events, or more commands
 * acknowledged than requested.
 *
 * Linearizability: once terminated, some order of all commands explains every result (a write
 * returns the value it overwrote, a read the last write before it) and respects real time (a
 * command acknowledged before another was requested comes first).
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import { observedMasks, terminated } from './observed.ts'
import { permutations } from './symmetry.ts'
import type { Layout } from './layout.ts'

export type MultiPaxosInvariant = 'TypeOK' | 'Linearizability'

const popcount = (x: number): number => {
  let n = 0
  for (let y = x; y !== 0; y &= y - 1) n++
  return n
}

/** Why TypeOK fails in v, or null. */
export function typeOkProblem(L: Layout, v: Int32Array): string | null {
  for (let i = 0; i < L.R * L.B * L.N; i++)
    if (v[L.accept + i] === 1) return 'an Accept message carries "nil", which is not a command'
  const { reqs, acks, length } = observedMasks(L, v)
  if (acks & 1) return 'an Ack event for "nil", which is not a command'
  if (length > 2 * L.N) return `${length} observed events, more than 2 × NumCommands`
  if (popcount(reqs) < popcount(acks)) return 'more commands acknowledged than requested'
  return null
}

/** The client's view of a terminated run: per command, where it was requested and answered, and the answer. */
export interface ClientHistory {
  /** Indexed by command 1..N (index 0 unused). */
  readonly reqPos: number[]
  readonly ackPos: number[]
  /** The value the first Ack returned (0 = nil, else a write). */
  readonly result: number[]
}

export function clientHistory(L: Layout, v: Int32Array): ClientHistory {
  const reqPos = new Array<number>(L.N + 1).fill(-1)
  const ackPos = new Array<number>(L.N + 1).fill(-1)
  const result = new Array<number>(L.N + 1).fill(0)
  for (let i = 0; i < L.events; i++) {
    const e = (v[L.observed + i] as number) - 1
    if (e < 0) break
    if (e < L.N) {
      if (reqPos[e + 1] === -1) reqPos[e + 1] = i
    } else {
      const a = e - L.N
      const cmd = Math.floor(a / (L.W + 1))
      if (ackPos[cmd] === -1) {
        ackPos[cmd] = i
        result[cmd] = a % (L.W + 1)
      }
    }
  }
  return { reqPos, ackPos, result }
}

/** A linear order (commands 1..N) that explains the history, or null if there is none. */
export function linearOrder(L: Layout, h: ClientHistory, orders = permutations(L.N)): number[] | null {
  for (const p of orders) {
    const order = p.map((x) => x + 1)
    let lastWrite = 0
    let ok = true
    for (let j = 0; j < order.length && ok; j++) {
      const c = order[j] as number
      if (h.result[c] !== lastWrite) ok = false
      if (c <= L.W) lastWrite = c
    }
    for (let j = 0; j < order.length && ok; j++)
      for (let k = j + 1; k < order.length && ok; k++) {
        // order[k] comes after order[j]: wrong if order[k] was answered before order[j] was asked.
        if ((h.ackPos[order[k] as number] as number) < (h.reqPos[order[j] as number] as number)) ok = false
      }
    if (ok) return order
  }
  return null
}

export interface InvariantViolation {
  readonly invariant: MultiPaxosInvariant
  readonly why: string
}

const NOT_LINEARIZABLE: InvariantViolation = {
  invariant: 'Linearizability',
  why: 'no order of the commands explains every result and respects real time',
}

/**
 * Checks MultiPaxos_MC.cfg's invariants in its order. Linearizability depends on `observed` only,
 * and many terminated states share it (they differ in which replicas are "Done"), so the verdict
 * is remembered per observed sequence.
 */
export class InvariantChecker {
  private readonly orders: number[][]
  private readonly linearizable = new Map<string, boolean>()

  constructor(readonly L: Layout) {
    this.orders = permutations(L.N)
  }

  /** The first invariant v violates, with why, or null. */
  check(v: Int32Array): InvariantViolation | null {
    const L = this.L
    const typeProblem = typeOkProblem(L, v)
    if (typeProblem) return { invariant: 'TypeOK', why: typeProblem }
    if (!terminated(L, v)) return null
    const key = v.subarray(L.observed, L.observed + L.events).join(',')
    let ok = this.linearizable.get(key)
    if (ok === undefined) {
      ok = linearOrder(L, clientHistory(L, v), this.orders) !== null
      this.linearizable.set(key, ok)
    }
    return ok ? null : NOT_LINEARIZABLE
  }
}
