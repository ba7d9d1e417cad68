/**
 * Spec mode of the explorer: an exhaustive breadth-first model checker of Lamport's Paxos.tla
 * (Init, Next = Phase1a(b) \/ Phase2a(b, v) \/ Phase1b(a) \/ Phase2b(a)), checking agreement:
 * at most one value is chosen, where chosen(v) == \E b, Q : \A a \in Q : a voted for v in b.
 * With separate quorum sizes (Flexible Paxos, `q1`/`q2`), Phase2a's Q ranges over the phase-1
 * quorums and chosen's over the phase-2 quorums; the spec's QuorumAssumption becomes "every
 * phase-1 quorum meets every phase-2 quorum" (q1 + q2 > acceptors).
 *
 * Encoding. A state is the set msgs as a bitset over the universe of possible messages
 * (universe.ts). maxBal, maxVBal and maxVal are not stored because they are functions of msgs:
 * every action that changes them sends a message carrying the new value, and they only grow, so
 * maxBal[a] = the largest bal of a's 1b/2b messages and <<maxVBal[a], maxVal[a]>> = a's 2b message
 * with the largest bal (or -1, -1, None). The naive reference, which keeps them explicitly, finds
 * exactly the same number of distinct states, which checks this claim on every tested model.
 *
 * Every step sends exactly one message (or re-sends one, leaving the state unchanged), so a
 * state's BFS depth is its number of messages and a level's successors all lie in the next level.
 *
 * Counting. `transitions` counts successor states generated from fully expanded states, duplicates
 * and stuttering successors included, one per binding of the spec's existential quantifiers: one per
 * Phase1a(b); per Phase1b(a) one per 1a message m with m.bal > maxBal[a]; per Phase2a(b, v) one
 * per quorum Q whose 1b messages for b are all there times the number of 1b messages in Q1bv with
 * the highest mbal and mval = v (or 1 if Q1bv = {}); per Phase2b(a) one per 2a message m with
 * m.bal >= maxBal[a]. That is how TLC enumerates Next, so transitions + 1 (the initial state) is
 * comparable with TLC's "states generated" (82 for the published 1 acceptor/1 value/ballots 0..1
 * model, which also has 25 distinct states and TLC depth 9, i.e. 8 steps).
 *
 * Pure and chunked: no clocks, no DOM; `runFor(n)` expands at most n states and returns, so a
 * worker can post progress and check for cancellation between chunks.
 */
import { violatesAgreement } from './agreement.ts'
import { fits, memoryBudget, memoryStopMessage, type MemoryBudget } from './memoryBudget.ts'
import { StateStore } from './store.ts'
import {
  DEFAULT_SPEC_BOUNDS,
  type BoundHit,
  type SpecBounds,
  type SpecExplorer,
  type SpecProgress,
} from './types.ts'
import {
  buildUniverse,
  KIND_1A,
  KIND_1B,
  KIND_2A,
  KIND_2B,
  type SpecConstants,
  type Universe,
} from './universe.ts'

export { DEFAULT_SPEC_BOUNDS } from './types.ts'
export type { BoundHit, SpecBounds, SpecExplorer, SpecProgress } from './types.ts'

export function createSpecExplorer(constants: SpecConstants, bounds: Partial<SpecBounds> = {}): SpecExplorer {
  return new SpecSearch(buildUniverse(constants), { ...DEFAULT_SPEC_BOUNDS, ...bounds })
}

class SpecSearch implements SpecExplorer {
  readonly universe: Universe
  readonly bounds: SpecBounds
  memoryMessage: string | null = null
  private readonly store: StateStore
  private readonly budget: MemoryBudget
  /** At most this many successors per expanded state: room is made for them before expanding. */
  private readonly headroom: number
  /** levelStart[d] = id of the first state at depth d; levelStart[level + 1] ends the current level. */
  private readonly levelStart: number[] = [0, 1]
  private level = 0
  private cursor = 0
  private transitions = 0
  private expanded = 0
  private deepest = 0
  private done = false
  private probing = false
  private boundHit: BoundHit = null
  private violationId = -1
  // Scratch for one expansion: the parent's bits and the variables decoded from them.
  private readonly bits: Uint32Array
  private parentId = 0
  private readonly maxBal: Int32Array
  private readonly maxVBal: Int32Array
  private readonly maxVal: Int32Array
  private readonly vote2a: Int32Array
  private readonly mbal1b: Int32Array
  private readonly mval1b: Int32Array
  private readonly mask1b: Int32Array
  private readonly perValue: Int32Array
  private has1a = 0

  constructor(universe: Universe, bounds: SpecBounds) {
    if (!(bounds.maxStates >= 1) || !(bounds.maxDepth >= 0)) throw new RangeError('bounds must be positive')
    this.universe = universe
    this.bounds = bounds
    this.budget = memoryBudget(bounds.maxBytes)
    const { words, acceptors: A, ballots: NB, values: V } = universe
    this.headroom = 2 * NB + 2 * A * NB + 1
    this.store = new StateStore(words)
    this.bits = new Uint32Array(words)
    this.store.append(this.bits, -1)
    this.store.clearSet(16)
    this.maxBal = new Int32Array(A)
    this.maxVBal = new Int32Array(A)
    this.maxVal = new Int32Array(A)
    this.vote2a = new Int32Array(NB)
    this.mbal1b = new Int32Array(NB * A)
    this.mval1b = new Int32Array(NB * A)
    this.mask1b = new Int32Array(NB)
    this.perValue = new Int32Array(V)
    if (bounds.maxDepth === 0) this.probing = true
  }

  runFor(maxStates: number): SpecProgress {
    let budget = Math.max(1, Math.floor(maxStates))
    while (!this.done && budget > 0) {
      const end = this.levelStart[this.level + 1] as number
      if (this.cursor < end) {
        if (!this.roomFor(this.store.peakBytesFor(this.headroom))) break
        this.store.reserve(this.headroom)
        this.expand(this.cursor++)
        budget--
        if (!this.done) this.expanded++
      } else this.nextLevel()
    }
    return this.progress()
  }

  progress(): SpecProgress {
    return {
      distinctStates: this.store.count,
      depth: this.deepest,
      transitions: this.transitions,
      statesGenerated: this.transitions + 1,
      expandedStates: this.expanded,
      completedDepth: this.completedDepth(),
      done: this.done,
      boundHit: this.boundHit,
      violationFound: this.violationId >= 0,
    }
  }

  violationPath(): number[] | null {
    if (this.violationId < 0) return null
    const path: number[] = []
    for (let id = this.violationId; id >= 0; id = this.store.parents[id] as number) path.push(id)
    return path.reverse()
  }

  stateBits(id: number): Uint32Array {
    const W = this.universe.words
    return this.store.keys.slice(id * W, id * W + W)
  }

  bytesUsed(): number {
    return this.store.bytes()
  }

  private completedDepth(): number {
    const stoppedEarly = this.violationId >= 0 || this.boundHit !== null
    return this.done && !stoppedEarly ? this.level : this.level - 1
  }

  /** Whether the memory budget allows growing to `bytes`; if not, the search stops and says why. */
  private roomFor(bytes: number): boolean {
    if (fits(this.budget, bytes)) return true
    this.boundHit = 'memory'
    this.done = true
    this.memoryMessage = memoryStopMessage(this.budget, this.store.count, this.store.bytes(), bytes)
    return false
  }

  /** The current level is fully expanded: move on, stop, or probe the last level allowed. */
  private nextLevel(): void {
    const end = this.levelStart[this.level + 1] as number
    if (this.probing || this.store.count === end) {
      this.done = true
      return
    }
    if (!this.roomFor(this.store.bytesAfterClear(2 * (this.store.count - end)))) return
    this.level++
    this.levelStart.push(this.store.count)
    this.store.clearSet(2 * (this.store.count - end))
    // States at maxDepth are expanded without storing successors; the first new one ends the search.
    if (this.level === this.bounds.maxDepth) this.probing = true
  }

  private expand(id: number): void {
    this.decode(id)
    const u = this.universe
    const NB = u.ballots
    for (let b = 0; b < NB; b++) {
      this.emit(u.index1a(b), 1)
      if (this.vote2a[b] === -1) this.phase2a(b)
    }
    for (let a = 0; a < u.acceptors; a++) {
      const maxBal = this.maxBal[a] as number
      for (let b = maxBal + 1; b < NB; b++) {
        if (this.has1a & (1 << b))
          this.emit(u.index1b(a, b, this.maxVBal[a] as number, this.maxVal[a] as number), 1)
      }
      for (let b = Math.max(0, maxBal); b < NB; b++) {
        const v = this.vote2a[b] as number
        if (v >= 0) this.emit(u.index2b(a, b, v), 1)
      }
    }
  }

  /** Load state `id` into the scratch bits and derive the variables and message summaries. */
  private decode(id: number): void {
    const u = this.universe
    const { words: W, acceptors: A, ballots: NB, packed } = u
    const { keys } = this.store
    const { bits, maxBal, maxVBal, maxVal, vote2a, mask1b, mbal1b, mval1b } = this
    for (let a = 0; a < A; a++) maxBal[a] = maxVBal[a] = maxVal[a] = -1
    for (let b = 0; b < NB; b++) {
      vote2a[b] = -1
      mask1b[b] = 0
    }
    let has1a = 0
    for (let w = 0; w < W; w++) {
      let x = (keys[id * W + w] as number) | 0
      bits[w] = x
      while (x !== 0) {
        const low = x & -x
        x ^= low
        const p = packed[(w << 5) + 31 - Math.clz32(low)] as number
        const kind = p & 3
        const b = (p >> 2) & 7
        if (kind === KIND_1A) has1a |= 1 << b
        else if (kind === KIND_2A) vote2a[b] = p >> 11
        else {
          const a = (p >> 5) & 7
          if (b > (maxBal[a] as number)) maxBal[a] = b
          if (kind === KIND_1B) {
            mask1b[b] = (mask1b[b] as number) | (1 << a)
            mbal1b[b * A + a] = ((p >> 8) & 7) - 1
            mval1b[b * A + a] = p >> 11
          } else if (b > (maxVBal[a] as number)) {
            maxVBal[a] = b
            maxVal[a] = p >> 11
          }
        }
      }
    }
    this.has1a = has1a
    this.parentId = id
  }

  /** Phase2a(b, v) for every v, with the multiplicity TLC generates it with (see the header). */
  private phase2a(b: number): void {
    const u = this.universe
    const A = u.acceptors
    const perValue = this.perValue
    perValue.fill(0)
    const sent = this.mask1b[b] as number
    for (const q of u.quorums) {
      if ((sent & q) !== q) continue
      let top = -1
      for (let a = 0; a < A; a++) if (q & (1 << a)) top = Math.max(top, this.mbal1b[b * A + a] as number)
      if (top < 0) {
        for (let v = 0; v < u.values; v++) perValue[v] = (perValue[v] as number) + 1
        continue
      }
      for (let a = 0; a < A; a++) {
        if (q & (1 << a) && this.mbal1b[b * A + a] === top) {
          const v = this.mval1b[b * A + a] as number
          perValue[v] = (perValue[v] as number) + 1
        }
      }
    }
    for (let v = 0; v < u.values; v++)
      if ((perValue[v] as number) > 0) this.emit(u.index2a(b, v), perValue[v] as number)
  }

  /** One successor: the parent plus message `i`, generated `count` times by distinct bindings. */
  private emit(i: number, count: number): void {
    if (this.done) return
    const w = i >>> 5
    const bit = 1 << (i & 31)
    const old = this.bits[w] as number
    this.transitions += count
    if (old & bit) return // re-sending a message already in msgs: the same state
    if (this.probing) {
      // A state beyond maxDepth exists: the search is cut there.
      this.boundHit = 'depth'
      this.done = true
      return
    }
    this.bits[w] = old | bit
    const id = this.store.insert(this.bits, this.parentId, this.store.count < this.bounds.maxStates)
    if (id === -2) {
      this.boundHit = 'states'
      this.done = true
    } else if (id >= 0) {
      this.deepest = this.level + 1
      if (this.universe.kind[i] === KIND_2B && violatesAgreement(this.universe, this.bits, i)) {
        this.violationId = id
        this.done = true
      }
    }
    this.bits[w] = old
  }
}
