import { describe, expect, it } from 'vitest'
import type { MultiPaxosConstants } from './layout.ts'
import { MultiPaxosSearch } from './search.ts'
import { runSharded } from './shard.ts'

const mp = (replicas: number, writes: number, reads: number, bug: MultiPaxosConstants['bug'] = null) => ({
  replicas,
  writes,
  reads,
  maxBallot: 2,
  symmetry: true,
  bug,
})

describe('the frontier split across shards', () => {
  it.each([mp(2, 1, 1), mp(3, 1, 0), mp(2, 2, 1)])(
    'finds the one-worker counts with 1, 2 and 3 shards: %o',
    (c) => {
      const one = new MultiPaxosSearch(c).runFor(Number.MAX_SAFE_INTEGER)
      for (const k of [1, 2, 3]) {
        const r = runSharded(c, k)
        expect({ states: r.distinctStates, depth: r.depth, transitions: r.transitions }).toEqual({
          states: one.distinctStates,
          depth: one.depth,
          transitions: one.transitions,
        })
        expect(r.finding).toBeNull()
      }
    },
    60_000,
  )

  it('stops at the same kind of finding in a broken variant', () => {
    expect(runSharded(mp(3, 1, 1, 'commit-one-short'), 2).finding).toMatchObject({
      kind: 'invariant',
      invariant: 'Linearizability',
    })
    expect(runSharded(mp(3, 1, 1, 'no-accept-reply'), 2).finding).toMatchObject({ kind: 'deadlock' })
  }, 30_000)
})
