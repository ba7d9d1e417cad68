import { describe, expect, it } from 'vitest'
import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import { MultiPaxosSearch } from '../explorer/multipaxos/search.ts'
import { Shard } from '../explorer/multipaxos/shard.ts'
import { inThreadPorts, type ShardPort } from '../explorer/multipaxos/shardPool.ts'
import { checkWorkers } from '../store/multiPaxosCheck.ts'
import { ExplorerHost } from './explorerHost.ts'
import type { ExplorerReply, ExplorerRequest } from './explorerProtocol.ts'

/**
 * Issue 13, "use the user's cores": a Multi-Paxos check asked for several workers is split across
 * shard workers and merged level by level in the host, with the one-worker counts, progress,
 * cancel and the memory budget. Here the shards run in this thread behind the same ports.
 */
function harness() {
  const replies: ExplorerReply[] = []
  const started: { shards: number; maxBytes: number; closed: number }[] = []
  let clock = 0
  const host = new ExplorerHost(
    (r) => replies.push(r),
    (fn) => setTimeout(fn, 0),
    () => (clock += 50),
    (constants, shards, maxBytes) => {
      const record = { shards, maxBytes, closed: 0 }
      started.push(record)
      const parts = Array.from({ length: shards }, (_, i) => new Shard(constants, shards, i, maxBytes))
      // Answered on a later macrotask, as a worker's message is, so a cancel can arrive between.
      const later = <T>(x: Promise<T>) => new Promise<T>((r) => setTimeout(() => void x.then(r), 0))
      return inThreadPorts(parts).map((p): ShardPort => ({
        ask: (req) => later(p.ask(req)),
        close: () => void record.closed++,
      }))
    },
  )
  const finished = () =>
    new Promise<Extract<ExplorerReply, { type: 'done' }>>((resolve) => {
      const poll = () => {
        const d = replies.find((r) => r.type === 'done')
        if (d?.type === 'done') resolve(d)
        else setTimeout(poll, 1)
      }
      poll()
    })
  return { host, replies, started, finished }
}

const constants = (c: Partial<MultiPaxosConstants> = {}): MultiPaxosConstants => ({
  replicas: 3,
  writes: 1,
  reads: 0,
  maxBallot: 2,
  symmetry: true,
  bug: null,
  ...c,
})
const request = (c: MultiPaxosConstants, workers: number, maxBytes = 64 * 1024 * 1024): ExplorerRequest => ({
  type: 'multispec',
  id: 1,
  gen: 1,
  constants: c,
  bounds: { maxStates: 10_000_000, maxDepth: 1_000, maxBytes },
  workers,
})

describe('ExplorerHost: a Multi-Paxos check split across workers', () => {
  it('gives the one-worker counts with 2 and 3 workers, progress on the way, and closes its workers', async () => {
    const one = new MultiPaxosSearch(constants()).runFor(Number.MAX_SAFE_INTEGER)
    for (const workers of [2, 3]) {
      const h = harness()
      h.host.handle(request(constants(), workers))
      const d = await h.finished()
      expect(h.started.map((s) => s.shards)).toEqual([workers])
      expect(d.progress).toMatchObject({
        distinctStates: one.distinctStates,
        depth: one.depth,
        completedDepth: one.depth,
        transitions: one.transitions,
      })
      expect(d.outcome).toMatchObject({
        mode: 'multispec',
        workers,
        boundHit: null,
        cancelled: false,
        violation: null,
      })
      const progress = h.replies.filter((r) => r.type === 'progress')
      expect(progress.length).toBeGreaterThan(2)
      expect(h.started[0]?.closed).toBe(workers)
    }
  }, 60_000)

  it('finds a violation split, then gives the shortest run to it from the one-worker search', async () => {
    const h = harness()
    h.host.handle(request(constants({ reads: 1, bug: 'commit-one-short' }), 2))
    const d = await h.finished()
    if (d.outcome.mode !== 'multispec') throw new Error('expected multispec')
    expect(d.outcome.violation?.invariant).toBe('Linearizability')
    expect(d.outcome.violation?.steps).toHaveLength(10)
  }, 60_000)

  it('stops cleanly at its memory budget, shared among the workers', async () => {
    const h = harness()
    h.host.handle(request(constants({ reads: 1 }), 2, 2 * 1024 * 1024))
    const d = await h.finished()
    expect(h.started[0]?.maxBytes).toBe(1024 * 1024)
    expect(d.outcome).toMatchObject({ boundHit: 'memory', cancelled: false })
    expect(d.outcome.mode === 'multispec' && d.outcome.memoryMessage).toMatch(
      /^stopped at [\d,]+ states to stay within the memory budget of 2\.0 MiB/,
    )
  }, 60_000)

  it('cancels between levels, once, and closes its workers', async () => {
    const h = harness()
    h.host.handle(request(constants({ reads: 1, symmetry: false }), 2))
    await new Promise((r) => setTimeout(r, 5))
    h.host.handle({ type: 'cancel', id: 2, gen: 1 })
    const d = await h.finished()
    expect(d.outcome.cancelled).toBe(true)
    await new Promise((r) => setTimeout(r, 50))
    expect(h.replies.filter((x) => x.type === 'done')).toHaveLength(1)
    expect(h.started[0]?.closed).toBe(2)
  })

  it('uses the cores it is given, leaving one to the page: 2 cores → 1, 4 → 3, 16 → 8', () => {
    expect([1, 2, 4, 9, 16, 64].map(checkWorkers)).toEqual([1, 1, 3, 8, 8, 8])
  })
})
