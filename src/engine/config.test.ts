import { describe, expect, it } from 'vitest'
import { ballotKey, compareBallots, compareMaybe, formatBallot } from './index.ts'
import { ballotsEqual } from './protocols/paxos/ballot.ts'
import { LIMITS, configProblems, defaultConfig, quorumSize } from './index.ts'
import { Simulator } from './index.ts'
import type { SimConfig } from './index.ts'

describe('ballots', () => {
  it('format as round.pid, as in the lecture', () => {
    expect(formatBallot({ round: 3, pid: 2 })).toBe('3.2')
    expect(formatBallot({ round: 12, pid: 5 })).toBe('12.5')
    expect(formatBallot(null)).toBe('none')
  })

  it('format as the bare round when they carry no pid (the duplicate-ballots bug)', () => {
    expect(formatBallot({ round: 4, pid: 0 })).toBe('4')
    expect(ballotKey({ round: 4, pid: 0 })).toBe('4.0')
  })

  it('order by round, then by proposer id; none is below every ballot', () => {
    const sorted = [
      { round: 2, pid: 1 },
      { round: 1, pid: 5 },
      { round: 2, pid: 3 },
      { round: 1, pid: 1 },
    ].sort(compareBallots)
    expect(sorted.map(formatBallot)).toEqual(['1.1', '1.5', '2.1', '2.3'])
    expect(compareMaybe(null, { round: 0, pid: 0 })).toBeLessThan(0)
    expect(compareMaybe({ round: 0, pid: 0 }, null)).toBeGreaterThan(0)
    expect(compareMaybe(null, null)).toBe(0)
    expect(ballotsEqual({ round: 2, pid: 3 }, { round: 2, pid: 3 })).toBe(true)
    expect(ballotsEqual({ round: 2, pid: 3 }, null)).toBe(false)
  })
})

describe('config', () => {
  it('defaults to a valid five-process configuration with a majority quorum of 3', () => {
    const c = defaultConfig()
    expect(configProblems(c)).toEqual([])
    expect(c.processCount).toBe(5)
    expect(quorumSize(c)).toBe(3)
    expect(Object.values(c.bugs).every((on) => !on)).toBe(true)
  })

  it.each([
    [3, 2, 1],
    [4, 3, 2],
    [5, 3, 2],
    [7, 4, 3],
    [9, 5, 4],
  ])('n=%i: a majority is %i; the small-quorum bug uses %i', (n, majority, small) => {
    const c = defaultConfig(n)
    expect(quorumSize(c)).toBe(majority)
    expect(quorumSize({ ...c, bugs: { ...c.bugs, smallQuorum: true } })).toBe(small)
  })

  const bad: [string, Partial<SimConfig>][] = [
    ['processCount must be an integer from 3 to 9 (got 2)', { processCount: 2 }],
    ['processCount must be an integer from 3 to 9 (got 10)', { processCount: 10 }],
    ['processCount must be an integer from 3 to 9 (got 4.5)', { processCount: 4.5 }],
    ['latencyTicksMin must be an integer from 1 to 1000 (got 0)', { latencyTicksMin: 0 }],
    ['latencyTicksMax must be an integer from 1 to 1000 (got 1001)', { latencyTicksMax: 1001 }],
    ['latencyTicksMax must be at least latencyTicksMin', { latencyTicksMin: 9, latencyTicksMax: 8 }],
    ['lossPercent must be an integer from 0 to 100 (got 101)', { lossPercent: 101 }],
    ['duplicatePercent must be an integer from 0 to 100 (got -1)', { duplicatePercent: -1 }],
    ['proposerTimeoutTicks must be an integer from 1 to 100000 (got 0)', { proposerTimeoutTicks: 0 }],
    ['maxSteps must be an integer from 1 to 200000 (got 200001)', { maxSteps: 200_001 }],
    ['maxSteps must be an integer from 1 to 200000 (got NaN)', { maxSteps: Number.NaN }],
  ]
  it.each(bad)('rejects: %s', (problem, over) => {
    expect(configProblems({ ...defaultConfig(), ...over })).toContain(problem)
  })

  it('checks the retry settings too', () => {
    const c = defaultConfig()
    const problems = configProblems({
      ...c,
      retry: { policy: 'backoff', delayTicks: 0, backoffBaseTicks: 0, backoffMaxTicks: 100_001 },
    })
    expect(problems).toEqual([
      'retry.delayTicks must be an integer from 1 to 100000 (got 0)',
      'retry.backoffBaseTicks must be an integer from 1 to 100000 (got 0)',
      'retry.backoffMaxTicks must be an integer from 1 to 100000 (got 100001)',
    ])
  })

  it('the simulator refuses an invalid config rather than run it wrongly', () => {
    const config = { ...defaultConfig(), processCount: 40, maxSteps: 10_000_000 }
    expect(() => new Simulator({ seed: 1, config, interventions: [] })).toThrow(
      'invalid simulator config: processCount must be an integer from 3 to 9 (got 40); maxSteps must be an integer from 1 to 200000 (got 10000000)',
    )
  })

  it('keeps every limit finite and small enough for bitmask quorums', () => {
    expect(LIMITS.processCountMax).toBeLessThan(31)
    for (const v of Object.values(LIMITS)) expect(Number.isFinite(v)).toBe(true)
  })
})
