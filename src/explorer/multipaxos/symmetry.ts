/**
 * Symmetry reduction as TLC does it for MultiPaxos_MC.tla's SYMMETRY SymmetricPerms
 * (Permutations(Replicas) \cup Permutations(Writes) \cup Permutations(Reads)): TLC closes the
 * given permutations under composition, so the group is every combination of a replica
 * permutation, a write permutation and a read permutation, and it fingerprints each state's
 * smallest image under that group. Two states then count as one exactly when one is a permutation
 * of the other, so the number of distinct states is the number of orbits reached, whatever total
 * order picks the smallest image. Here the order is that of the packed words (layout.ts).
 *
 * Each permutation is precomputed as a slot-position map (replica-indexed slots move to the
 * image replica's block) and one value table per slot kind (leaders, commands, votes, events).
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import {
  ackEvent,
  K_CMD,
  K_CMD1,
  K_EVENT,
  K_REPLICA,
  K_VOTE,
  KIND_COUNT,
  pack,
  voteBal,
  voteCmd,
  voteCode,
  type Layout,
} from './layout.ts'

/** All permutations of 0..n-1, identity first. */
export function permutations(n: number): number[][] {
  if (n <= 1) return [Array.from({ length: n }, (_, i) => i)]
  const out: number[][] = []
  for (const rest of permutations(n - 1)) {
    for (let at = rest.length; at >= 0; at--) out.push([...rest.slice(0, at), n - 1, ...rest.slice(at)])
  }
  return out
}

interface Perm {
  /** src[j] = the slot whose (mapped) value lands in slot j. */
  readonly src: Int32Array
  /** Value tables of all kinds, kind k starting at kindBase[k]. */
  readonly map: Int32Array
}

export class Canonicalizer {
  /** Number of group elements used (1 without symmetry). */
  readonly groupSize: number
  private readonly perms: Perm[]
  private readonly kindBase: Int32Array
  private cand: Uint32Array

  constructor(
    readonly L: Layout,
    symmetry: boolean,
  ) {
    this.kindBase = new Int32Array(KIND_COUNT)
    let total = 0
    for (let k = 0; k < KIND_COUNT; k++) {
      this.kindBase[k] = total
      total += (L.kindMax[k] as number) + 1
    }
    const R = L.R
    const W = L.W
    const D = L.N - L.W
    const replicaPerms = symmetry ? permutations(R) : [permutations(R)[0] as number[]]
    const writePerms = symmetry ? permutations(W) : [permutations(W)[0] as number[]]
    const readPerms = symmetry ? permutations(D) : [permutations(D)[0] as number[]]
    this.perms = []
    for (const pr of replicaPerms)
      for (const pw of writePerms)
        for (const pd of readPerms) {
          // Commands 1..N: writes 1..W, reads W+1..N; 0 (nil) is fixed.
          const cmd = [0, ...pw.map((x) => x + 1), ...pd.map((x) => x + W + 1)]
          this.perms.push(this.build(pr, cmd, total))
        }
    this.groupSize = this.perms.length
    this.cand = new Uint32Array(L.words)
  }

  private build(pr: readonly number[], cmd: readonly number[], total: number): Perm {
    const L = this.L
    const map = new Int32Array(total)
    const c = (x: number) => cmd[x] as number
    for (let k = 0; k < KIND_COUNT; k++) {
      const base = this.kindBase[k] as number
      for (let x = 0; x <= (L.kindMax[k] as number); x++) {
        let y = x
        if (k === K_REPLICA) y = x === 0 ? 0 : (pr[x - 1] as number) + 1
        else if (k === K_CMD) y = c(x)
        else if (k === K_CMD1) y = x === 0 ? 0 : c(x - 1) + 1
        else if (k === K_VOTE) y = voteCode(L.N, voteBal(L.N, x), c(voteCmd(L.N, x)))
        else if (k === K_EVENT && x > 0) {
          const e = x - 1
          if (e < L.N) y = c(e + 1) - 1 + 1
          else {
            const a = e - L.N
            const command = Math.floor(a / (L.W + 1))
            y = ackEvent(L.N, L.W, c(command), c(a % (L.W + 1))) + 1
          }
        }
        map[base + x] = y
      }
    }
    // Replica-indexed regions: [start, bytes per replica].
    const regions: [number, number][] = [
      [L.node, L.nodeSize],
      [L.pc, 1],
      [L.prepare, L.B],
      [L.prepareReply, L.B * L.prSize],
      [L.accept, L.B * L.N],
      [L.acceptReply, L.B * L.N],
    ]
    const src = new Int32Array(L.size)
    for (let i = 0; i < L.size; i++) src[i] = i
    for (const [start, per] of regions) {
      for (let r = 0; r < L.R; r++)
        for (let k = 0; k < per; k++) src[start + (pr[r] as number) * per + k] = start + r * per + k
    }
    return { src, map }
  }

  /** Write the smallest image of v under the group into `out` (L.words words). */
  canonical(v: Int32Array, out: Uint32Array): void {
    const L = this.L
    pack(L, v, out)
    const { bits, kind, size } = L
    const kindBase = this.kindBase
    let best = out
    let cand = this.cand
    next: for (let p = 1; p < this.perms.length; p++) {
      const { src, map } = this.perms[p] as Perm
      let w = 0
      let used = 0
      let acc = 0
      let cmp = 0
      for (let j = 0; j < size; j++) {
        const b = bits[j] as number
        if (b === 0) continue
        const x = map[(kindBase[kind[j] as number] as number) + (v[src[j] as number] as number)] as number
        acc |= x << used
        used += b
        if (used >= 32) {
          const word = acc >>> 0
          if (cmp === 0) {
            const old = best[w] as number
            if (word > old) continue next
            if (word < old) cmp = -1
          }
          cand[w++] = word
          used -= 32
          acc = used > 0 ? x >>> (b - used) : 0
        }
      }
      if (used > 0) {
        const word = acc >>> 0
        if (cmp === 0) {
          const old = best[w] as number
          if (word > old) continue
          if (word < old) cmp = -1
        }
        cand[w] = word
      }
      if (cmp < 0) {
        const t = best
        best = cand
        cand = t
      }
    }
    if (best !== out) {
      out.set(best)
      this.cand = best
    } else this.cand = cand
  }
}
