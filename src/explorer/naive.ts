/**
 * A slow, obviously-correct reference for Paxos.tla, written straight from the spec's text with
 * plain objects, explicit acceptor variables and JSON state keys. It shares nothing with the fast
 * explorer except the SpecConstants type, and it is what the tests hold the fast one to. It also
 * replays a counterexample step by step, so a reported violation is checked independently.
 *
 * Successors are enumerated the way TLC enumerates them: one per binding of every \E (and per
 * witness of the \E inside the \A of Phase2a), stuttering successors included.
 */
import type { SpecConstants } from './universe.ts'

export interface NaiveMsg {
  readonly type: '1a' | '1b' | '2a' | '2b'
  readonly bal: number
  readonly acc?: number
  readonly mbal?: number
  readonly mval?: number | null
  readonly val?: number
}

export interface NaiveState {
  readonly maxBal: readonly number[]
  readonly maxVBal: readonly number[]
  readonly maxVal: readonly (number | null)[]
  readonly msgs: readonly NaiveMsg[]
}

export interface NaiveSuccessor {
  readonly action: string
  readonly sent: NaiveMsg
  readonly state: NaiveState
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i)

function subsetsOfSize(items: readonly number[], k: number): number[][] {
  if (k === 0) return [[]]
  if (items.length < k) return []
  const [first, ...rest] = items as [number, ...number[]]
  return [...subsetsOfSize(rest, k - 1).map((s) => [first, ...s]), ...subsetsOfSize(rest, k)]
}

/** Phase 1's quorums (Phase2a's Q), or phase 2's (chosen's Q). */
export function naiveQuorums(c: SpecConstants, phase: 1 | 2 = 1): number[][] {
  const both = c.quorumSize ?? Math.floor(c.acceptors / 2) + 1
  return subsetsOfSize(range(c.acceptors), (phase === 1 ? c.q1 : c.q2) ?? both)
}

/** Canonical key: the variables, with msgs as a sorted set of canonical JSON records. */
export function naiveKey(s: NaiveState): string {
  const msgs = s.msgs.map(msgKey).sort()
  return JSON.stringify([s.maxBal, s.maxVBal, s.maxVal, msgs])
}

const msgKey = (m: NaiveMsg): string =>
  JSON.stringify([m.type, m.bal, m.acc ?? null, m.mbal ?? null, m.mval ?? null, m.val ?? null])

export function naiveInit(c: SpecConstants): NaiveState {
  return {
    maxBal: range(c.acceptors).map(() => -1),
    maxVBal: range(c.acceptors).map(() => -1),
    maxVal: range(c.acceptors).map(() => null),
    msgs: [],
  }
}

function send(s: NaiveState, m: NaiveMsg): NaiveMsg[] {
  const k = msgKey(m)
  return s.msgs.some((x) => msgKey(x) === k) ? [...s.msgs] : [...s.msgs, m]
}

const set = <T>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y))

/** Every successor of `s` under Next, one per binding, in the order of Next's disjuncts. */
export function naiveSuccessors(c: SpecConstants, s: NaiveState): NaiveSuccessor[] {
  const out: NaiveSuccessor[] = []
  for (const b of range(c.maxBallot + 1)) {
    const m1a: NaiveMsg = { type: '1a', bal: b }
    out.push({ action: `Phase1a(${b})`, sent: m1a, state: { ...s, msgs: send(s, m1a) } })
    for (const v of range(c.values)) {
      if (s.msgs.some((m) => m.type === '2a' && m.bal === b)) continue
      for (const Q of naiveQuorums(c)) {
        const Q1b = s.msgs.filter((m) => m.type === '1b' && Q.includes(m.acc ?? -1) && m.bal === b)
        let witnesses = 1 // \A a \in Q : \E m \in Q1b : m.acc = a, one branch per witness m
        for (const a of Q) witnesses *= Q1b.filter((m) => m.acc === a).length
        const Q1bv = Q1b.filter((m) => (m.mbal ?? -1) >= 0)
        const safe =
          Q1bv.length === 0
            ? 1
            : Q1bv.filter((m) => m.mval === v && Q1bv.every((mm) => (m.mbal ?? -1) >= (mm.mbal ?? -1))).length
        const m2a: NaiveMsg = { type: '2a', bal: b, val: v }
        for (let i = 0; i < witnesses * safe; i++) {
          out.push({ action: `Phase2a(${b},${v})`, sent: m2a, state: { ...s, msgs: send(s, m2a) } })
        }
      }
    }
  }
  for (const a of range(c.acceptors)) {
    for (const m of s.msgs) {
      const maxBal = s.maxBal[a] ?? -1
      if (m.type !== '1a' || m.bal <= maxBal) continue
      const m1b: NaiveMsg = { type: '1b', acc: a, bal: m.bal, mbal: s.maxVBal[a], mval: s.maxVal[a] }
      const next = { ...s, maxBal: set(s.maxBal, a, m.bal), msgs: send(s, m1b) }
      out.push({ action: `Phase1b(${a})`, sent: m1b, state: next })
    }
    for (const m of s.msgs) {
      if (m.type !== '2a' || m.bal < (s.maxBal[a] ?? -1)) continue
      const m2b: NaiveMsg = { type: '2b', acc: a, bal: m.bal, val: m.val }
      const next: NaiveState = {
        maxBal: set(s.maxBal, a, m.bal),
        maxVBal: set(s.maxVBal, a, m.bal),
        maxVal: set(s.maxVal, a, m.val ?? null),
        msgs: send(s, m2b),
      }
      out.push({ action: `Phase2b(${a})`, sent: m2b, state: next })
    }
  }
  return out
}

/** chosen(v) == \E b, Q : \A a \in Q : a voted for v in ballot b (a 2b message says so). */
export function naiveChosen(c: SpecConstants, s: NaiveState): number[] {
  const voted = (a: number, b: number, v: number) =>
    s.msgs.some((m) => m.type === '2b' && m.acc === a && m.bal === b && m.val === v)
  return range(c.values).filter((v) =>
    range(c.maxBallot + 1).some((b) => naiveQuorums(c, 2).some((Q) => Q.every((a) => voted(a, b, v)))),
  )
}

export interface NaiveResult {
  readonly distinctStates: number
  readonly maxDepth: number
  readonly transitions: number
  /** Depth of the first state with two chosen values (BFS: the shortest), or null. */
  readonly violationDepth: number | null
}

/** Plain BFS over distinct states; stops at the first agreement violation, like TLC. */
export function naiveExplore(c: SpecConstants, maxStates = 200_000): NaiveResult {
  const init = naiveInit(c)
  const seen = new Map<string, number>([[naiveKey(init), 0]])
  let frontier: NaiveState[] = [init]
  let depth = 0
  let transitions = 0
  while (frontier.length > 0) {
    const next: NaiveState[] = []
    for (const s of frontier) {
      for (const succ of naiveSuccessors(c, s)) {
        transitions++
        const key = naiveKey(succ.state)
        if (seen.has(key)) continue
        seen.set(key, depth + 1)
        if (seen.size > maxStates) throw new Error(`naive reference: more than ${maxStates} states`)
        next.push(succ.state)
        if (naiveChosen(c, succ.state).length > 1) {
          return { distinctStates: seen.size, maxDepth: depth + 1, transitions, violationDepth: depth + 1 }
        }
      }
    }
    if (next.length > 0) depth++
    frontier = next
  }
  return { distinctStates: seen.size, maxDepth: depth, transitions, violationDepth: null }
}
