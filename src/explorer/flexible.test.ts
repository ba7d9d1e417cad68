import { describe, expect, it } from 'vitest'
import { parseExploreArgs } from '../cli/explore.ts'
import { naiveExplore } from './naive.ts'
import { checkSpec } from './run.ts'
import { createSpecExplorer } from './spec.ts'
import type { SpecConstants } from './universe.ts'

/**
 * Flexible Paxos in spec mode: Phase2a needs the 1b messages of a phase-1 quorum (q1 acceptors),
 * and a value is chosen by the votes of a phase-2 quorum (q2 acceptors). Agreement holds exactly
 * when every phase-1 quorum meets every phase-2 quorum, q1 + q2 > acceptors.
 */
const now = () => 0
const model = (acceptors: number, q1: number, q2: number, maxBallot = 1): SpecConstants => ({
  acceptors,
  values: 2,
  maxBallot,
  q1,
  q2,
})

describe('spec mode with separate phase-1 and phase-2 quorums', () => {
  it.each([model(3, 3, 1), model(2, 1, 2), model(3, 2, 1), model(3, 1, 2), model(2, 2, 1, 2)])(
    'the fast explorer agrees with the naive reference: %o',
    (c) => {
      const fast = createSpecExplorer(c).runFor(Number.MAX_SAFE_INTEGER)
      expect({
        distinctStates: fast.distinctStates,
        maxDepth: fast.depth,
        transitions: fast.transitions,
        violationDepth: fast.violationFound ? fast.depth : null,
      }).toEqual(naiveExplore(c))
    },
    // The naive reference is slow by design; a loaded machine needs more than the default 5 s.
    60_000,
  )

  it('q1 + q2 > n is safe even below a majority in one phase (3 acceptors, q1 = 3, q2 = 1)', () => {
    const r = checkSpec(model(3, 3, 1, 2), {}, { now })
    expect(r.quorumsIntersect).toBe(true)
    expect(r.exhaustive).toBe(true)
    expect(r.violation).toBeNull()
  })

  it('q1 + q2 ≤ n breaks agreement, with a phase-2 quorum of q2 acceptors choosing each value', () => {
    const r = checkSpec(model(3, 1, 2), {}, { now })
    expect(r.quorumsIntersect).toBe(false)
    expect(r.violation?.chosen.map((w) => w.quorum.length)).toEqual([2, 2])
    expect(r.constants).toMatchObject({ q1: 1, q2: 2 })
  })

  it('the CLI takes --q1 and --q2 like --quorum', () => {
    expect(parseExploreArgs(['--spec', '--q1', '3', '--q2', '1'])).toMatchObject({
      constants: { acceptors: 3, q1: 3, q2: 1 },
    })
    expect(parseExploreArgs(['--spec', '--acceptors', '2', '--q1', '3'])).toBe(
      '--q1 must be at most the number of acceptors (2), got 3',
    )
  })
})
