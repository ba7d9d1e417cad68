/**
 * The finite universe of one model of Lamport's Paxos.tla (tlaplus/Examples,
 * specifications/Paxos/Paxos.tla): acceptors a1..aA, values v1..vV, ballots 0..B, and every
 * message that can ever be sent under those constants, each given a bit index. A state of the spec
 * is then a bitset over this universe (see spec.ts for why the acceptor variables need no bits).
 *
 * Pure: no DOM, no clocks, no randomness.
 */

/** Constants of one model. `quorumSize` defaults to a majority, ⌊A/2⌋ + 1. */
export interface SpecConstants {
  readonly acceptors: number
  readonly values: number
  readonly maxBallot: number
  /** Quorum = all subsets of exactly this many acceptors. Below a majority they need not intersect. */
  readonly quorumSize?: number
  /**
   * Flexible Paxos: the phase-1 quorum size (the 1b messages Phase2a needs); default `quorumSize`.
   * Safe when q1 + q2 > acceptors.
   */
  readonly q1?: number
  /** The phase-2 quorum size (the 2b votes that make a value chosen); default `quorumSize`. */
  readonly q2?: number
}

/** Ranges the explorer accepts: small enough that an exhaustive search stays bounded. */
export const SPEC_LIMITS = {
  acceptors: { min: 1, max: 5 },
  values: { min: 1, max: 3 },
  maxBallot: { min: 0, max: 4 },
} as const

/** A message of Paxos.tla. Acceptors and values are 0-based here; `mbal = -1, mval = -1` is <<-1, None>>. */
export type SpecMessage =
  | { readonly type: '1a'; readonly bal: number }
  | {
      readonly type: '1b'
      readonly acc: number
      readonly bal: number
      readonly mbal: number
      readonly mval: number
    }
  | { readonly type: '2a'; readonly bal: number; readonly val: number }
  | { readonly type: '2b'; readonly acc: number; readonly bal: number; readonly val: number }

export const KIND_1A = 0
export const KIND_1B = 1
export const KIND_2A = 2
export const KIND_2B = 3

export interface Universe {
  readonly acceptors: number
  readonly values: number
  readonly ballots: number
  /** The phase-1 quorum size (equal to q2 unless the model is Flexible Paxos). */
  readonly quorumSize: number
  readonly q2: number
  /** Each phase-1 quorum as a bitmask over acceptors (bit a = acceptor a): Phase2a's Q. */
  readonly quorums: readonly number[]
  /** Each phase-2 quorum as a bitmask: chosen's Q. */
  readonly quorums2: readonly number[]
  /** hasQuorum[mask] = 1 when the acceptor set `mask` includes some phase-2 quorum. */
  readonly hasQuorum: Uint8Array
  readonly messages: readonly SpecMessage[]
  /** Uint32 words in one state key. */
  readonly words: number
  /** Per message index: KIND_*, acceptor (or -1), ballot, mbal (1b) and value (mval for 1b, or -1). */
  readonly kind: Uint8Array
  readonly acc: Int8Array
  readonly bal: Int8Array
  readonly mbal: Int8Array
  readonly val: Int8Array
  /**
   * The same, packed for the hot loop: kind | bal << 2 | acc << 5 | (mbal + 1) << 8 | val << 11
   * (val signed: -1 for None).
   */
  readonly packed: Int32Array
  index1a(bal: number): number
  index1b(acc: number, bal: number, mbal: number, mval: number): number
  index2a(bal: number, val: number): number
  index2b(acc: number, bal: number, val: number): number
}

/** A one-line reason when the constants are out of range, or null when they are fine. */
export function checkConstants(c: SpecConstants): string | null {
  const whole = (n: number) => Number.isInteger(n)
  for (const key of ['acceptors', 'values', 'maxBallot'] as const) {
    const { min, max } = SPEC_LIMITS[key]
    if (!whole(c[key]) || c[key] < min || c[key] > max) return `${key} must be an integer in ${min}..${max}`
  }
  for (const [name, q] of [
    ['quorum size', c.quorumSize],
    ['q1', c.q1],
    ['q2', c.q2],
  ] as const) {
    if (q !== undefined && (!whole(q) || q < 1 || q > c.acceptors)) {
      return `${name} must be an integer in 1..${c.acceptors} (the number of acceptors)`
    }
  }
  return null
}

export const majority = (acceptors: number): number => Math.floor(acceptors / 2) + 1

/** The model's phase-1 and phase-2 quorum sizes: `q1`/`q2`, else `quorumSize`, else a majority. */
export function specQuorums(c: SpecConstants): { q1: number; q2: number } {
  const both = c.quorumSize ?? majority(c.acceptors)
  return { q1: c.q1 ?? both, q2: c.q2 ?? both }
}

/** All subsets of exactly `size` acceptors, as bitmasks, in increasing numeric order. */
export function quorumMasks(acceptors: number, size: number): number[] {
  const out: number[] = []
  for (let mask = 1; mask < 1 << acceptors; mask++) if (popcount(mask) === size) out.push(mask)
  return out
}

export function popcount(x: number): number {
  let n = 0
  for (let y = x >>> 0; y !== 0; y &= y - 1) n++
  return n
}

export const acceptorName = (a: number): string => `a${a + 1}`
export const valueName = (v: number): string => (v < 0 ? 'None' : `v${v + 1}`)

/** The message in the spec's own record notation, e.g. `[type |-> "2a", bal |-> 1, val |-> v2]`. */
export function formatMessage(m: SpecMessage): string {
  switch (m.type) {
    case '1a':
      return `[type |-> "1a", bal |-> ${m.bal}]`
    case '1b':
      return `[type |-> "1b", acc |-> ${acceptorName(m.acc)}, bal |-> ${m.bal}, mbal |-> ${m.mbal}, mval |-> ${valueName(m.mval)}]`
    case '2a':
      return `[type |-> "2a", bal |-> ${m.bal}, val |-> ${valueName(m.val)}]`
    case '2b':
      return `[type |-> "2b", acc |-> ${acceptorName(m.acc)}, bal |-> ${m.bal}, val |-> ${valueName(m.val)}]`
  }
}

/**
 * Enumerate the universe. 1b messages only carry votes from earlier ballots (mbal < bal), because
 * maxVBal[a] ≤ maxBal[a] < m.bal whenever Phase1b sends m; no other message can ever be sent.
 */
export function buildUniverse(c: SpecConstants): Universe {
  const reason = checkConstants(c)
  if (reason !== null) throw new RangeError(reason)
  const A = c.acceptors
  const V = c.values
  const NB = c.maxBallot + 1
  const { q1: quorumSize, q2 } = specQuorums(c)
  const quorums = quorumMasks(A, quorumSize)
  const quorums2 = quorumMasks(A, q2)
  const hasQuorum = new Uint8Array(1 << A)
  for (let mask = 0; mask < 1 << A; mask++) hasQuorum[mask] = quorums2.some((q) => (q & mask) === q) ? 1 : 0

  const messages: SpecMessage[] = []
  for (let b = 0; b < NB; b++) messages.push({ type: '1a', bal: b })
  const base1b: number[] = []
  for (let a = 0; a < A; a++) {
    for (let b = 0; b < NB; b++) {
      base1b.push(messages.length)
      messages.push({ type: '1b', acc: a, bal: b, mbal: -1, mval: -1 })
      for (let mb = 0; mb < b; mb++) {
        for (let v = 0; v < V; v++) messages.push({ type: '1b', acc: a, bal: b, mbal: mb, mval: v })
      }
    }
  }
  const off2a = messages.length
  for (let b = 0; b < NB; b++) for (let v = 0; v < V; v++) messages.push({ type: '2a', bal: b, val: v })
  const off2b = messages.length
  for (let a = 0; a < A; a++) {
    for (let b = 0; b < NB; b++) {
      for (let v = 0; v < V; v++) messages.push({ type: '2b', acc: a, bal: b, val: v })
    }
  }

  const n = messages.length
  const kind = new Uint8Array(n)
  const acc = new Int8Array(n).fill(-1)
  const bal = new Int8Array(n)
  const mbal = new Int8Array(n).fill(-1)
  const val = new Int8Array(n).fill(-1)
  messages.forEach((m, i) => {
    bal[i] = m.bal
    if (m.type === '1a') kind[i] = KIND_1A
    else if (m.type === '1b') {
      kind[i] = KIND_1B
      acc[i] = m.acc
      mbal[i] = m.mbal
      val[i] = m.mval
    } else if (m.type === '2a') {
      kind[i] = KIND_2A
      val[i] = m.val
    } else {
      kind[i] = KIND_2B
      acc[i] = m.acc
      val[i] = m.val
    }
  })

  const packed = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, acc[i] as number)
    packed[i] =
      (kind[i] as number) |
      ((bal[i] as number) << 2) |
      (a << 5) |
      (((mbal[i] as number) + 1) << 8) |
      ((val[i] as number) << 11)
  }

  return {
    acceptors: A,
    values: V,
    ballots: NB,
    quorumSize,
    q2,
    quorums,
    quorums2,
    hasQuorum,
    messages,
    words: Math.ceil(n / 32),
    kind,
    acc,
    bal,
    mbal,
    val,
    packed,
    index1a: (b) => b,
    index1b: (a, b, mb, mv) => (base1b[a * NB + b] ?? -1) + (mb < 0 ? 0 : 1 + mb * V + mv),
    index2a: (b, v) => off2a + b * V + v,
    index2b: (a, b, v) => off2b + (a * NB + b) * V + v,
  }
}
