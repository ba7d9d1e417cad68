/**
 * The split Multi-Paxos search driven over message ports: one shard per worker (a Web Worker in
 * the browser, a worker thread in Node, or an in-thread port in tests), the coordinator only
 * routing each level's outboxes to their owners (see shard.ts for why the counts are the
 * one-worker search's). Asynchronous because the shards answer by message; pure otherwise: the
 * caller supplies the ports, and says between levels whether to stop (a cancel).
 */
import { memoryStopMessage, memoryBudget } from '../memoryBudget.ts'
import type { MultiPaxosBoundHit, MultiPaxosBounds } from './search.ts'
import { Shard, type ExpandResult, type ShardFinding } from './shard.ts'

/** Coordinator → shard. */
export type ShardRequest =
  | { readonly type: 'init' }
  | { readonly type: 'insert'; readonly records: readonly Uint32Array[] }
  | { readonly type: 'next' }
  | { readonly type: 'expand' }

/** What a shard answers to `insert`: its first finding, its state count and its bytes. */
export interface InsertReply {
  readonly finding: ShardFinding | null
  readonly count: number
  readonly bytes: number
  /** The shard's share of the memory budget would be exceeded by growing its table. */
  readonly full: boolean
}

/** One shard behind a message port: `ask` resolves with the shard's answer. */
export interface ShardPort {
  ask<T>(req: ShardRequest): Promise<T>
  close(): void
}

/** A shard's answer to `req`, and the buffers to transfer with it (the outboxes). Pure. */
export function answerShard(shard: Shard, req: ShardRequest): { reply: unknown; transfer: ArrayBuffer[] } {
  if (req.type === 'init') return { reply: shard.initialRecord(), transfer: [] }
  if (req.type === 'next') return { reply: { frontier: shard.nextLevel() }, transfer: [] }
  if (req.type === 'insert') {
    let finding: ShardFinding | null = null
    for (const r of req.records) finding ??= shard.insert(r)
    const reply: InsertReply = {
      finding,
      count: shard.table.count,
      bytes: shard.table.bytes(),
      full: shard.full,
    }
    return { reply, transfer: [] }
  }
  const r = shard.expandLevel()
  return { reply: r, transfer: r.outboxes.map((o) => o.buffer as ArrayBuffer) }
}

/** Ports that run the shards in this thread (tests, and a reference for the real pools). */
export function inThreadPorts(shards: readonly Shard[]): ShardPort[] {
  return shards.map((shard) => ({
    ask: <T>(req: ShardRequest) => Promise.resolve(answerShard(shard, req).reply as T),
    close: () => {},
  }))
}

export interface PoolProgress {
  readonly distinctStates: number
  readonly depth: number
  readonly transitions: number
  readonly bytes: number
}

export interface PoolResult extends PoolProgress {
  readonly finding: ShardFinding | null
  readonly boundHit: MultiPaxosBoundHit
  readonly memoryMessage: string | null
  readonly cancelled: boolean
}

/**
 * Run the split search on `ports` to the end, a finding, a bound or a cancel (`stop()` is asked
 * between levels and between the phases of one). `onLevel` hears the counts after every level.
 */
export async function runPool(
  ports: readonly ShardPort[],
  bounds: MultiPaxosBounds,
  onLevel: (p: PoolProgress) => void,
  stop: () => boolean,
): Promise<PoolResult> {
  const budget = memoryBudget(bounds.maxBytes)
  const all = <T>(req: (i: number) => ShardRequest): Promise<T[]> =>
    Promise.all(ports.map((p, i) => p.ask<T>(req(i))))
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
  let p: PoolProgress = { distinctStates: 1, depth: 0, transitions: 0, bytes: 0 }
  const end = (rest: Partial<PoolResult>): PoolResult => ({
    ...p,
    finding: null,
    boundHit: null,
    memoryMessage: null,
    cancelled: false,
    ...rest,
  })
  const init = await (ports[0] as ShardPort).ask<{ owner: number; record: Uint32Array }>({ type: 'init' })
  const first = await (ports[init.owner] as ShardPort).ask<InsertReply>({
    type: 'insert',
    records: [init.record],
  })
  if (first.finding) return end({ finding: first.finding })
  let frontier = sum((await all<{ frontier: number }>(() => ({ type: 'next' }))).map((r) => r.frontier))
  while (frontier > 0) {
    if (stop()) return end({ cancelled: true })
    if (p.depth >= bounds.maxDepth) return end({ boundHit: 'depth' })
    const expanded = await all<ExpandResult>(() => ({ type: 'expand' }))
    const transitions = p.transitions + sum(expanded.map((r) => r.transitions))
    const found = expanded.find((r) => r.finding)?.finding ?? null
    if (found) return end({ transitions, finding: found })
    if (stop()) return end({ cancelled: true })
    const inserted = await all<InsertReply>((owner) => ({
      type: 'insert',
      records: expanded.map((r) => r.outboxes[owner] as Uint32Array),
    }))
    frontier = sum((await all<{ frontier: number }>(() => ({ type: 'next' }))).map((r) => r.frontier))
    const states = sum(inserted.map((r) => r.count))
    p = {
      distinctStates: states,
      depth: frontier > 0 ? p.depth + 1 : p.depth,
      transitions,
      bytes: sum(inserted.map((r) => r.bytes)),
    }
    onLevel(p)
    const finding = inserted.find((r) => r.finding)?.finding ?? null
    if (finding) return end({ finding })
    if (inserted.some((r) => r.full)) {
      const message = memoryStopMessage(budget, states, p.bytes, p.bytes * 2)
      return end({ boundHit: 'memory', memoryMessage: message })
    }
    if (states >= bounds.maxStates && frontier > 0) return end({ boundHit: 'states' })
  }
  return end({})
}

/** Each shard's part of a memory budget of `maxBytes` split `shards` ways. Pure. */
export const shardBytes = (maxBytes: number, shards: number): number => Math.floor(maxBytes / shards)
