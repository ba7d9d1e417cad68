/**
 * One part of a breadth-first search split across K workers by the hash of the canonical key:
 * shard w owns (stores, deduplicates, checks and expands) exactly the states whose key hashes to
 * w mod K. The search goes level by level: every shard expands its frontier and sorts the
 * successors into one outbox per owner; the outboxes are exchanged; every shard inserts what it
 * received, and the new states are its next frontier. A state is new to the whole search exactly
 * when it is new to its owner, so the counts are those of the one-worker search; only which of
 * several same-level parents a state records may differ (the run to it is still a shortest one).
 *
 * An outbox record is the key's words followed by the parent reference (id × K + shard).
 *
 * Pure: no DOM, no clocks, no randomness; the coordinator (in-process or threads) moves buffers.
 */
import { hashWords } from '../store.ts'
import { MultiPaxosActions, type SuccessorSink } from './actions.ts'
import { InvariantChecker, type MultiPaxosInvariant } from './invariants.ts'
import { buildLayout, initialState, unpack, type Layout, type MultiPaxosConstants } from './layout.ts'
import { StateTable } from './stateTable.ts'
import { Canonicalizer } from './symmetry.ts'

export type ShardFinding =
  | {
      readonly kind: 'invariant'
      readonly invariant: MultiPaxosInvariant
      readonly why: string
      readonly ref: number
    }
  | { readonly kind: 'deadlock'; readonly ref: number }

export interface ExpandResult {
  /** One Uint32Array of records per owner shard. */
  readonly outboxes: Uint32Array[]
  readonly transitions: number
  readonly finding: ShardFinding | null
}

/** A growable Uint32 buffer (an outbox): cheaper than a JavaScript array of numbers. */
class Outbox {
  data = new Uint32Array(1024)
  length = 0
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = x
  }
  take(): Uint32Array {
    return this.data.slice(0, this.length)
  }
}

export class Shard implements SuccessorSink {
  readonly L: Layout
  readonly table: StateTable
  private readonly canon: Canonicalizer
  private readonly actions: MultiPaxosActions
  private readonly invariants: InvariantChecker
  private readonly v: Int32Array
  private readonly key: Uint32Array
  private frontierStart = 0
  private frontierEnd = 0
  private parentRef = 0
  private outboxes: Outbox[] = []
  /** Set when growing the table would pass `maxBytes`: the records after that were not stored. */
  full = false

  constructor(
    constants: MultiPaxosConstants,
    readonly shards: number,
    readonly index: number,
    /** This shard's share of the memory budget (its table's bytes, peak while growing). */
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.L = buildLayout(constants)
    this.table = new StateTable(this.L.words)
    this.canon = new Canonicalizer(this.L, constants.symmetry)
    this.actions = new MultiPaxosActions(this.L)
    this.invariants = new InvariantChecker(this.L)
    this.v = new Int32Array(this.L.size)
    this.key = new Uint32Array(this.L.words)
  }

  owner(key: Uint32Array, base = 0): number {
    return (hashWords(key, base, this.L.words) >>> 0) % this.shards
  }

  /** The initial state as a record for its owner (every shard computes the same one). */
  initialRecord(): { owner: number; record: Uint32Array } {
    this.canon.canonical(initialState(this.L), this.key)
    const record = new Uint32Array(this.L.words + 1)
    record.set(this.key)
    record[this.L.words] = 0xffffffff
    return { owner: this.owner(this.key), record }
  }

  /** Expand the current frontier; successors go to their owners' outboxes. */
  expandLevel(): ExpandResult {
    this.outboxes = Array.from({ length: this.shards }, () => new Outbox())
    let transitions = 0
    let finding: ShardFinding | null = null
    for (let id = this.frontierStart; id < this.frontierEnd && finding === null; id++) {
      unpack(this.L, this.table.keys, id * this.L.words, this.v)
      this.parentRef = id * this.shards + this.index
      const n = this.actions.successors(this.v, this)
      transitions += n
      if (n === 0) finding = { kind: 'deadlock', ref: this.parentRef }
    }
    const outboxes = this.outboxes.map((o) => o.take())
    this.outboxes = []
    return { outboxes, transitions, finding }
  }

  emit(t: Int32Array): void {
    this.canon.canonical(t, this.key)
    const out = this.outboxes[this.owner(this.key)] as Outbox
    for (let i = 0; i < this.L.words; i++) out.push(this.key[i] as number)
    out.push(this.parentRef)
  }

  /** Insert received records (the next level); the first invariant violation among the new states. */
  insert(records: Uint32Array): ShardFinding | null {
    const W = this.L.words
    const key = this.key
    let finding: ShardFinding | null = null
    for (let at = 0; at < records.length; at += W + 1) {
      for (let i = 0; i < W; i++) key[i] = records[at + i] as number
      if (this.table.room() === 0) {
        if (this.table.bytesAfterGrowth() > this.maxBytes) {
          this.full = true
          break
        }
        this.table.grow()
      }
      const parent = records[at + W] as number
      const id = this.table.insert(key, parent === 0xffffffff ? -1 : parent)
      if (id < 0 || finding) continue
      unpack(this.L, this.table.keys, id * W, this.v)
      const bad = this.invariants.check(this.v)
      if (bad)
        finding = {
          kind: 'invariant',
          invariant: bad.invariant,
          why: bad.why,
          ref: id * this.shards + this.index,
        }
    }
    return finding
  }

  /** The states inserted since the last call become the frontier; how many there are. */
  nextLevel(): number {
    this.frontierStart = this.frontierEnd
    this.frontierEnd = this.table.count
    return this.frontierEnd - this.frontierStart
  }
}

export interface ShardedResult {
  readonly distinctStates: number
  readonly depth: number
  readonly transitions: number
  readonly finding: ShardFinding | null
}

/**
 * The coordinator, run in one thread (the tests' reference and the fallback without threads).
 * A thread pool runs the same protocol with the shards in workers.
 */
export function runSharded(constants: MultiPaxosConstants, shards: number): ShardedResult {
  const parts = Array.from({ length: shards }, (_, i) => new Shard(constants, shards, i))
  const first = parts[0] as Shard
  const init = first.initialRecord()
  let finding = (parts[init.owner] as Shard).insert(init.record)
  let depth = 0
  let transitions = 0
  let frontier = parts.reduce((n, p) => n + p.nextLevel(), 0)
  while (frontier > 0 && finding === null) {
    const results = parts.map((p) => p.expandLevel())
    transitions += results.reduce((n, r) => n + r.transitions, 0)
    finding = results.find((r) => r.finding)?.finding ?? null
    if (finding) break
    parts.forEach((p, owner) => {
      for (const r of results) {
        const f = p.insert(r.outboxes[owner] as Uint32Array)
        finding ??= f
      }
    })
    frontier = parts.reduce((n, p) => n + p.nextLevel(), 0)
    if (frontier > 0) depth++
  }
  return { distinctStates: parts.reduce((n, p) => n + p.table.count, 0), depth, transitions, finding }
}
