/**
 * Constants and state layout of the SMR-style MultiPaxos model (tlaplus/Examples,
 * specifications/MultiPaxos-SMR/MultiPaxos.tla by Guanzhou Hu; MultiPaxos_MC.tla adds TypeOK,
 * Linearizability and the symmetry set).
 *
 * A state is a flat vector of small integers ("slots"), each with a value range and a kind that
 * says how a permutation of replicas and commands acts on it. Replicas are 0..R-1. Commands are
 * 1..N with 0 standing for "nil": writes are 1..W (a write's index is also the value it writes,
 * so kvalue and Ack values use the same numbering), reads are W+1..N. Ballots are 1..B, 0 = none.
 *
 * Slots, in packing order (replica-indexed blocks first so that canonicalisation can tell two
 * permutations apart after the first words):
 * - node[r]: leader (0 none, 1 + replica), kvalue, commitUpTo, balPrepared, balMaxKnown, and per
 *   log slot s: status, cmd, voted (one code for <<voted.bal, voted.cmd>>);
 * - pc[r]: 0 rloop, 1 Done;
 * - Prepare(src, bal): 0/1;
 * - PrepareReply(src, bal): 0 absent, else present, plus one vote code per log slot (a replica
 *   sends at most one PrepareReply per ballot: it sends one exactly when its balMaxKnown rises to
 *   that ballot, and balMaxKnown never falls — checked at run time);
 * - Accept(src, bal, slot): 0 absent, else 1 + cmd (at most one command per ballot and slot —
 *   also checked);
 * - AcceptReply(src, bal, slot): 0/1; CommitNotice(upto): 0/1;
 * - pending: the sequence of commands, 0 after its end;
 * - observed: the sequence of client events, 0 after its end.
 *
 * Pure: no DOM, no clocks, no randomness.
 */

export interface MultiPaxosConstants {
  readonly replicas: number
  readonly writes: number
  readonly reads: number
  readonly maxBallot: number
  /** Symmetry reduction over replicas, writes and reads (MultiPaxos_MC.tla's SymmetricPerms). */
  readonly symmetry: boolean
  /** A broken variant of the model, or null for the model as published. */
  readonly bug: MultiPaxosBug | null
}

/**
 * - `commit-one-short`: HandleAcceptReplies commits with MajorityNum - 1 accept replies
 *   (linearizability fails);
 * - `no-accept-reply`: HandleAccept does not send its AcceptReply (the model deadlocks).
 */
export type MultiPaxosBug = 'commit-one-short' | 'no-accept-reply'
export const MULTIPAXOS_BUGS: readonly MultiPaxosBug[] = ['commit-one-short', 'no-accept-reply']

export const MULTIPAXOS_LIMITS = {
  replicas: { min: 1, max: 5 },
  writes: { min: 1, max: 3 },
  reads: { min: 0, max: 3 },
  maxBallot: { min: 2, max: 5 },
  commands: { max: 5 },
} as const

/** A reason the constants are out of range, or null. */
export function checkMultiPaxosConstants(c: MultiPaxosConstants): string | null {
  const L = MULTIPAXOS_LIMITS
  const whole = (n: number) => Number.isInteger(n)
  for (const key of ['replicas', 'writes', 'reads', 'maxBallot'] as const) {
    const { min, max } = L[key]
    const n = c[key]
    if (!whole(n) || n < min || n > max) return `${key} must be a whole number in ${min}..${max}, got ${n}`
  }
  if (c.writes + c.reads > L.commands.max)
    return `writes + reads must be at most ${L.commands.max}, got ${c.writes + c.reads}`
  if (c.bug !== null && !MULTIPAXOS_BUGS.includes(c.bug)) return `unknown bug "${String(c.bug)}"`
  return null
}

// Instance statuses.
export const EMPTY = 0
export const PREPARING = 1
export const ACCEPTING = 2
export const COMMITTED = 3
export const STATUS_NAMES = ['Empty', 'Preparing', 'Accepting', 'Committed'] as const

// Fields of a node block, then three per log slot.
export const F_LEADER = 0
export const F_KVALUE = 1
export const F_COMMIT = 2
export const F_BALPREP = 3
export const F_BALMAX = 4
export const F_INSTS = 5
export const I_STATUS = 0
export const I_CMD = 1
export const I_VOTED = 2

// How a permutation acts on a slot's value.
export const K_PLAIN = 0
export const K_REPLICA = 1 // 0 none, 1 + replica
export const K_CMD = 2 // 0 nil, 1..N
export const K_CMD1 = 3 // 0 absent, 1 + cmd
export const K_VOTE = 4 // vote code
export const K_EVENT = 5 // 0 none, 1 + event code
export const KIND_COUNT = 6

export interface Layout {
  readonly c: MultiPaxosConstants
  readonly R: number
  readonly W: number
  readonly N: number
  readonly B: number
  readonly majority: number
  /** Distinct client events: Req(c) for c in 1..N, then Ack(c, v) for c in 0..N, v in 0..W. */
  readonly events: number
  readonly nodeSize: number
  readonly node: number
  readonly pc: number
  readonly prepare: number
  readonly prepareReply: number
  /** Slots per PrepareReply entry: presence then one vote per log slot. */
  readonly prSize: number
  readonly accept: number
  readonly acceptReply: number
  readonly commitNotice: number
  readonly pending: number
  readonly observed: number
  /** Number of slots. */
  readonly size: number
  /** Per slot: value kind (K_*), bits, and the replica it belongs to (-1 if none). */
  readonly kind: Uint8Array
  readonly bits: Uint8Array
  readonly owner: Int8Array
  /** Uint32 words of a packed state. */
  readonly words: number
  /** Largest value of each kind (mapping tables are this + 1 long). */
  readonly kindMax: readonly number[]
}

const bitsFor = (max: number): number => (max <= 0 ? 0 : 32 - Math.clz32(max))

export const voteCode = (N: number, bal: number, cmd: number): number =>
  bal === 0 && cmd === 0 ? 0 : (bal - 1) * (N + 1) + cmd + 1
export const voteBal = (N: number, code: number): number =>
  code === 0 ? 0 : Math.floor((code - 1) / (N + 1)) + 1
export const voteCmd = (N: number, code: number): number => (code === 0 ? 0 : (code - 1) % (N + 1))
export const reqEvent = (cmd: number): number => cmd - 1
export const ackEvent = (N: number, W: number, cmd: number, val: number): number => N + cmd * (W + 1) + val

export function buildLayout(c: MultiPaxosConstants): Layout {
  const R = c.replicas
  const W = c.writes
  const N = c.writes + c.reads
  const B = c.maxBallot
  const events = N + (N + 1) * (W + 1)
  const kindMax = [Math.max(N, B, COMMITTED), R, N, N + 1, B * (N + 1), events]
  const kinds: number[] = []
  const widths: number[] = []
  const owners: number[] = []
  const add = (count: number, kind: number, max: number, owner: (i: number) => number): number => {
    const start = kinds.length
    for (let i = 0; i < count; i++) {
      kinds.push(kind)
      widths.push(bitsFor(max))
      owners.push(owner(i))
    }
    return start
  }
  const nodeSize = F_INSTS + 3 * N
  const node = kinds.length
  for (let r = 0; r < R; r++) {
    add(1, K_REPLICA, R, () => r)
    add(1, K_CMD, W, () => r)
    add(1, K_PLAIN, N, () => r)
    add(2, K_PLAIN, B, () => r)
    for (let s = 0; s < N; s++) {
      add(1, K_PLAIN, COMMITTED, () => r)
      add(1, K_CMD, N, () => r)
      add(1, K_VOTE, kindMax[K_VOTE] as number, () => r)
    }
  }
  const perReplica = (per: number) => (i: number) => Math.floor(i / per)
  const pc = add(R, K_PLAIN, 1, (i) => i)
  const prepare = add(R * B, K_PLAIN, 1, perReplica(B))
  const prSize = 1 + N
  const prepareReply = kinds.length
  for (let rb = 0; rb < R * B; rb++) {
    const r = Math.floor(rb / B)
    add(1, K_PLAIN, 1, () => r)
    add(N, K_VOTE, kindMax[K_VOTE] as number, () => r)
  }
  const accept = add(R * B * N, K_CMD1, N + 1, perReplica(B * N))
  const acceptReply = add(R * B * N, K_PLAIN, 1, perReplica(B * N))
  const commitNotice = add(N, K_PLAIN, 1, () => -1)
  const pending = add(N, K_CMD, N, () => -1)
  const observed = add(events, K_EVENT, events, () => -1)
  const totalBits = widths.reduce((a, b) => a + b, 0)
  return {
    c,
    R,
    W,
    N,
    B,
    majority: Math.floor(R / 2) + 1,
    events,
    nodeSize,
    node,
    pc,
    prepare,
    prepareReply,
    prSize,
    accept,
    acceptReply,
    commitNotice,
    pending,
    observed,
    size: kinds.length,
    kind: Uint8Array.from(kinds),
    bits: Uint8Array.from(widths),
    owner: Int8Array.from(owners),
    words: Math.max(1, Math.ceil(totalBits / 32)),
    kindMax,
  }
}

/** The initial state: empty network, null nodes, pending = writes then reads, nothing observed. */
export function initialState(L: Layout): Int32Array {
  const v = new Int32Array(L.size)
  for (let i = 0; i < L.N; i++) v[L.pending + i] = i + 1
  return v
}

/** Pack slots into words, in slot order (used for the identity permutation and for storage). */
export function pack(L: Layout, v: Int32Array, out: Uint32Array): void {
  out.fill(0)
  const bits = L.bits
  let w = 0
  let used = 0
  let acc = 0
  for (let i = 0; i < L.size; i++) {
    const b = bits[i] as number
    if (b === 0) continue
    const x = v[i] as number
    acc |= x << used
    used += b
    if (used >= 32) {
      out[w++] = acc >>> 0
      used -= 32
      acc = used > 0 ? x >>> (b - used) : 0
    }
  }
  if (used > 0) out[w] = acc >>> 0
}

/** Inverse of pack. */
export function unpack(L: Layout, key: Uint32Array, base: number, v: Int32Array): void {
  const bits = L.bits
  let w = base
  let used = 0
  for (let i = 0; i < L.size; i++) {
    const b = bits[i] as number
    if (b === 0) {
      v[i] = 0
      continue
    }
    let x = (key[w] as number) >>> used
    const have = 32 - used
    if (have < b) x |= (key[w + 1] as number) << have
    v[i] = x & ((1 << b) - 1)
    used += b
    if (used >= 32) {
      w++
      used -= 32
    }
  }
}
