import { describe, expect, it } from 'vitest'
import { buildLayout, pack, unpack, type MultiPaxosConstants } from './layout.ts'
import { checkMultiPaxos } from './run.ts'
import { MultiPaxosSearch } from './search.ts'
import { Canonicalizer } from './symmetry.ts'

const now = () => 0
const mp = (
  replicas: number,
  writes: number,
  reads: number,
  maxBallot = 2,
  symmetry = true,
  bug: MultiPaxosConstants['bug'] = null,
): MultiPaxosConstants => ({ replicas, writes, reads, maxBallot, symmetry, bug })

describe('MultiPaxos spec mode against TLC', () => {
  it('matches the published MultiPaxos_MC_small.cfg: 343,796 distinct states, 736,012 generated, depth 28', () => {
    // tlaplus/Examples specifications/MultiPaxos-SMR/manifest.json: distinctStates 343796,
    // totalStates 736012, stateDepth 28 (TLC counts the initial state as depth 1).
    const r = checkMultiPaxos(mp(3, 1, 1), {}, { now })
    expect(r).toMatchObject({
      distinctStates: 343_796,
      statesGenerated: 736_012,
      maxDepth: 27,
      tlcDepth: 28,
      exhaustive: true,
      violation: null,
      deadlock: null,
      symmetryGroup: 6,
    })
  }, 120_000) // about 1.5 s alone; generous because the suite runs on a shared, busy machine
})

/** Every stored state of a finished search, as slot vectors. */
function storedStates(s: MultiPaxosSearch): Int32Array[] {
  const out: Int32Array[] = []
  for (let id = 0; id < s.table.count; id++) out.push(s.stateVector(id))
  return out
}

describe('symmetry reduction', () => {
  // Without symmetry every reachable state is stored; their orbits must be exactly the states the
  // reduced search stores (TLC's count is the number of orbits reached).
  it.each([mp(2, 1, 1), mp(3, 1, 0), mp(2, 2, 0), mp(2, 2, 1), mp(1, 2, 2), mp(2, 1, 2)])(
    'orbits of the full search = reduced count: %o',
    (c) => {
      const full = new MultiPaxosSearch({ ...c, symmetry: false })
      expect(full.runFor(Number.MAX_SAFE_INTEGER).done).toBe(true)
      const reduced = new MultiPaxosSearch(c)
      const p = reduced.runFor(Number.MAX_SAFE_INTEGER)
      const L = full.L
      const canon = new Canonicalizer(L, true)
      const key = new Uint32Array(L.words)
      const orbits = new Set<string>()
      for (const v of storedStates(full)) {
        canon.canonical(v, key)
        orbits.add(key.join(','))
      }
      expect(p.distinctStates).toBe(orbits.size)
      // One replica takes the commands in pending's fixed order: no two reachable states are symmetric.
      if (c.replicas > 1) expect(p.distinctStates).toBeLessThan(full.progress().distinctStates)
      expect(p.depth).toBe(full.progress().depth)
    },
    60_000,
  )

  it('maps a state and its permutations to the same key, and leaves the group size to the constants', () => {
    const L = buildLayout(mp(3, 2, 1))
    expect(new Canonicalizer(L, true).groupSize).toBe(12)
    expect(new Canonicalizer(L, false).groupSize).toBe(1)
    expect(new Canonicalizer(buildLayout(mp(3, 1, 1)), true).groupSize).toBe(6)
  })
})

describe('state packing', () => {
  it('unpack(pack(v)) = v for values in range', () => {
    const L = buildLayout(mp(3, 2, 1, 3))
    const key = new Uint32Array(L.words)
    const back = new Int32Array(L.size)
    for (let trial = 0; trial < 200; trial++) {
      const v = new Int32Array(L.size)
      // A deterministic spread of values: every slot at its maximum, zero, or in between.
      for (let i = 0; i < L.size; i++) v[i] = ((i * 7 + trial * 13) % 5) % (1 << (L.bits[i] as number))
      pack(L, v, key)
      unpack(L, key, 0, back)
      expect(Array.from(back)).toEqual(Array.from(v))
    }
  })
})

describe('broken variants', () => {
  it('commit-one-short: a read returns a stale value (Linearizability), 10 steps', () => {
    const r = checkMultiPaxos(mp(3, 1, 1, 2, true, 'commit-one-short'), {}, { now })
    expect(r.exhaustive).toBe(false)
    expect(r.deadlock).toBeNull()
    expect(r.violation).toMatchObject({ kind: 'invariant', invariant: 'Linearizability', depth: 10 })
    expect(r.violation?.why).toContain('r1 returned "nil" though w1 was acknowledged before r1 was requested')
    expect(r.violation?.observed).toEqual(['Req w1', 'Ack w1 → "nil"', 'Req r1', 'Ack r1 → "nil"'])
    expect(r.violation?.steps[0]?.action).toBe('BecomeLeader')
  })

  it('no-accept-reply: the model deadlocks before every request is answered', () => {
    const r = checkMultiPaxos(mp(3, 1, 1, 2, true, 'no-accept-reply'), {}, { now })
    expect(r.violation).toBeNull()
    expect(r.deadlock).toMatchObject({ kind: 'deadlock', invariant: null, depth: 9 })
    expect(r.deadlock?.steps.some((s) => s.action === 'HandleAccept' && s.sent.length === 0)).toBe(true)
  })

  it('the model as published holds on smaller configurations too', () => {
    for (const c of [mp(1, 1, 1), mp(2, 1, 1), mp(3, 1, 0), mp(2, 2, 0), mp(1, 1, 0, 3)]) {
      const r = checkMultiPaxos(c, {}, { now })
      expect(r.exhaustive).toBe(true)
      expect(r.violation).toBeNull()
      expect(r.deadlock).toBeNull()
    }
  })
})

describe('bounds', () => {
  it('stops at the memory budget with a clear message, never growing past it', () => {
    const r = checkMultiPaxos(mp(3, 1, 1), { maxBytes: 1024 * 1024 }, { now })
    expect(r.boundHit).toBe('memory')
    expect(r.exhaustive).toBe(false)
    expect(r.bytesUsed).toBeLessThanOrEqual(1024 * 1024)
    expect(r.memoryMessage).toMatch(/^stopped at [\d,]+ states to stay within the memory budget of 1\.0 MiB/)
  })

  it('reports the states and depth bounds', () => {
    expect(checkMultiPaxos(mp(3, 1, 1), { maxStates: 1000 }, { now })).toMatchObject({
      boundHit: 'states',
      distinctStates: 1000,
      exhaustive: false,
    })
    const d = checkMultiPaxos(mp(3, 1, 1), { maxDepth: 5 }, { now })
    expect(d).toMatchObject({ boundHit: 'depth', maxDepth: 5, completedDepth: 4 })
  })

  it('rejects constants out of range', () => {
    expect(() => checkMultiPaxos(mp(0, 1, 1), {}, { now })).toThrow(/replicas must be/)
    expect(() => checkMultiPaxos(mp(3, 3, 3), {}, { now })).toThrow(/writes \+ reads must be at most 5/)
    expect(() => checkMultiPaxos(mp(3, 1, 1, 1), {}, { now })).toThrow(/maxBallot must be/)
  })
})
