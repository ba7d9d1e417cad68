import { describe, expect, it } from 'vitest'
import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import { ExplorerHost } from './explorerHost.ts'
import type { ExplorerReply, ExplorerRequest } from './explorerProtocol.ts'

/** A host whose yields are queued, so a test decides when the next slice runs. */
function harness() {
  const replies: ExplorerReply[] = []
  const queue: (() => void)[] = []
  let clock = 0
  const host = new ExplorerHost(
    (r) => replies.push(r),
    (fn) => queue.push(fn),
    () => (clock += 7),
  )
  return {
    host,
    replies,
    queue,
    runAll: () => {
      while (queue.length > 0) queue.shift()?.()
    },
  }
}

const multi = (gen: number, c: Partial<MultiPaxosConstants> = {}): ExplorerRequest => ({
  type: 'multispec',
  id: gen,
  gen,
  constants: { replicas: 2, writes: 1, reads: 1, maxBallot: 2, symmetry: true, bug: null, ...c },
  bounds: { maxStates: 1_000_000, maxDepth: 1_000, maxBytes: 64 * 1024 * 1024 },
})

const done = (replies: ExplorerReply[]) => {
  const r = replies[replies.length - 1]
  if (r?.type !== 'done' || r.outcome.mode !== 'multispec') throw new Error('expected a multispec result')
  return r
}

describe('ExplorerHost: Multi-Paxos spec mode', () => {
  it('checks the model exhaustively in slices, with progress first', () => {
    const h = harness()
    h.host.handle(multi(1))
    h.runAll()
    expect(h.replies[0]?.type).toBe('progress')
    const r = done(h.replies)
    expect(r.progress.distinctStates).toBe(582)
    expect(r.outcome).toMatchObject({ violation: null, deadlock: null, boundHit: null, cancelled: false })
  })

  it('reports the stale read of the broken variant as a run', () => {
    const h = harness()
    h.host.handle(multi(1, { replicas: 3, bug: 'commit-one-short' }))
    h.runAll()
    const o = done(h.replies).outcome
    if (o.mode !== 'multispec') throw new Error('expected multispec')
    expect(o.violation?.invariant).toBe('Linearizability')
    expect(o.violation?.steps).toHaveLength(10)
  })

  it('cancels between slices', () => {
    const h = harness()
    h.host.handle(multi(1, { replicas: 3, symmetry: false }))
    h.queue.shift()?.()
    h.host.handle({ type: 'cancel', id: 2, gen: 1 })
    const r = done(h.replies)
    expect(r.outcome.cancelled).toBe(true)
    h.runAll()
    expect(h.replies.filter((x) => x.type === 'done')).toHaveLength(1)
  })

  it('answers bad constants with an error reply', () => {
    const h = harness()
    h.host.handle(multi(1, { replicas: 9 }))
    expect(h.replies[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/replicas must be/) })
  })
})
