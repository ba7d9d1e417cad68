import { describe, expect, it } from 'vitest'
import { defaultConfig, paxosProblems, quorumSizes, quorumsIntersect } from './config.ts'
import { runStartText } from './narration.ts'
import { processView } from './view.ts'
import { initialProc } from './state.ts'
import type { SimConfig } from './types.ts'

const cfg = (over: Partial<SimConfig>): SimConfig => ({ ...defaultConfig(), ...over })
const broken = (over: Partial<SimConfig>): SimConfig =>
  cfg({ ...over, bugs: { ...defaultConfig().bugs, smallQuorum: true } })

describe('quorum systems as data (Flexible Paxos)', () => {
  it('defaults to majorities, and format 1’s small-quorum bug to ⌊n/2⌋', () => {
    expect(quorumSizes(cfg({}))).toEqual({ q1: 3, q2: 3 })
    expect(quorumSizes(cfg({ processCount: 4 }))).toEqual({ q1: 3, q2: 3 })
    expect(quorumSizes(broken({}))).toEqual({ q1: 2, q2: 2 })
    expect(quorumSizes(broken({ processCount: 3 }))).toEqual({ q1: 1, q2: 1 })
  })

  it('takes q1 and q2 separately', () => {
    expect(quorumSizes(cfg({ q1: 4, q2: 2 }))).toEqual({ q1: 4, q2: 2 })
    expect(quorumSizes(cfg({ q2: 5 }))).toEqual({ q1: 3, q2: 5 })
  })

  it('is safe exactly when q1 + q2 > n', () => {
    expect(quorumsIntersect(cfg({ q1: 4, q2: 2 }))).toBe(true)
    expect(quorumsIntersect(cfg({ q1: 5, q2: 1 }))).toBe(true)
    expect(quorumsIntersect(cfg({ q1: 3, q2: 2 }))).toBe(false)
    expect(quorumsIntersect(broken({}))).toBe(false)
  })

  it('allows a non-intersecting choice only as the broken variant', () => {
    expect(paxosProblems(cfg({ q1: 4, q2: 2 }))).toEqual([])
    expect(paxosProblems(cfg({ q1: 3, q2: 2 }))).toEqual([
      'q1 + q2 must be more than processCount (3 + 2 ≤ 5): a phase-1 quorum could miss every acceptor of a phase-2 quorum; only the broken variant bugs.smallQuorum may run it',
    ])
    expect(paxosProblems(broken({ q1: 3, q2: 2 }))).toEqual([])
    expect(paxosProblems(cfg({ q1: 6 }))).toEqual(['q1 must be an integer from 1 to 5 (got 6)'])
    expect(paxosProblems(cfg({ q2: 0 }))).toEqual(['q2 must be an integer from 1 to 5 (got 0)'])
  })

  it('says both sizes when they differ, and one when they agree (old traces stay identical)', () => {
    expect(runStartText(cfg({}), 5)).toBe('A run of 5 processes begins; a quorum is 3 of 5.')
    expect(runStartText(cfg({ q1: 4, q2: 2 }), 5)).toBe(
      'A run of 5 processes begins; a phase-1 quorum is 4 of 5 and a phase-2 quorum 2.',
    )
  })

  it('shows each phase’s own quorum on the proposer’s meter', () => {
    const p = initialProc()
    const preparing = { ...p, proposer: { ...p.proposer, phase: 'preparing' as const, ownValue: 'A' } }
    const accepting = { ...p, proposer: { ...p.proposer, phase: 'accepting' as const, ownValue: 'A' } }
    const c = cfg({ q1: 4, q2: 2 })
    expect(processView(preparing, true, c, 1 as never).lines[0]?.meters[0]?.needed).toBe(4)
    expect(processView(accepting, true, c, 1 as never).lines[0]?.meters[0]?.needed).toBe(2)
  })
})
