import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { parseExploreArgs, runExplore } from './explore.ts'

const noFile = (): string => {
  throw new Error('no file reads in explore')
}

describe('synod explore --spec', () => {
  it('is dispatched by runCli and prints a summary, exit 0 when agreement holds', () => {
    const r = runCli(['explore', '--spec', '--acceptors', '1', '--values', '1', '--max-ballot', '1'], noFile)
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('exhaustive: 25 distinct states, max depth 8 (TLC prints 9)')
    expect(r.stdout).toContain('82 states generated')
    expect(r.stdout).toContain('agreement holds in every reachable state')
  })

  it('prints one JSON object with --json', () => {
    const r = runExplore(['--spec', '--acceptors', '2', '--values', '2', '--max-ballot', '1', '--json'])
    const j = JSON.parse(r.stdout) as Record<string, unknown>
    expect(r.code).toBe(0)
    expect(j).toMatchObject({ distinctStates: 145, maxDepth: 12, transitions: 610, violation: null })
    expect(typeof j.seconds).toBe('number')
    expect(typeof j.statesPerSecond).toBe('number')
  })

  it('exits 1 with the counterexample as a message sequence when quorums do not intersect', () => {
    const r = runExplore([
      '--spec',
      '--acceptors',
      '3',
      '--values',
      '2',
      '--max-ballot',
      '1',
      '--quorum',
      '1',
    ])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('AGREEMENT VIOLATED after 8 steps')
    expect(r.stdout).toContain('sends [type |-> "2b"')
    expect(r.stdout).toMatch(/chosen: v1 in ballot \d by \{a\d\}; v2 in ballot \d by \{a\d\}/)
    const j = JSON.parse(runExplore(['--spec', '--max-ballot', '1', '--quorum', '1', '--json']).stdout)
    expect(j.violation.steps).toHaveLength(8)
    expect(j.violation.steps[0]).toMatchObject({ action: 'Phase1a', label: 'Phase1a(b=0)' })
  })

  it('reports a bound that was hit', () => {
    const r = runExplore(['--spec', '--max-states', '500'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('NOT exhaustive: 500 distinct states')
    expect(r.stdout).toContain('bound hit: --max-states 500 reached')
    expect(runExplore(['--spec', '--max-depth', '3']).stdout).toContain('bound hit: --max-depth 3')
  })

  it.each([
    [['--acceptors', '3'], /needs --spec/],
    [['--spec', '--acceptors', '0'], /--acceptors must be in 1\.\.5, got 0/],
    [['--spec', '--values', '4'], /--values must be in 1\.\.3/],
    [['--spec', '--max-ballot', '5'], /--max-ballot must be in 0\.\.4/],
    [['--spec', '--max-ballot', '-1'], /--max-ballot needs a whole number/],
    [['--spec', '--acceptors', 'x'], /--acceptors needs a whole number/],
    [['--spec', '--acceptors'], /--acceptors needs a whole number/],
    [
      ['--spec', '--acceptors', '3', '--quorum', '4'],
      /--quorum must be at most the number of acceptors \(3\)/,
    ],
    [['--spec', '--max-states', '0'], /--max-states must be in 1\.\./],
    [['--spec', '--values', '1', '--values', '2'], /--values given twice/],
    [['--spec', '--frobnicate'], /unknown option "--frobnicate"/],
  ])('exits 2 with one line for %j', (args, message) => {
    const r = runExplore(args)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toContain('\n')
  })

  it('has defaults and --help', () => {
    expect(parseExploreArgs(['--spec'])).toEqual({
      constants: { acceptors: 3, values: 2, maxBallot: 2 },
      maxStates: 5_000_000,
      maxDepth: 1000,
      json: false,
    })
    expect(runExplore(['--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('usage: synod explore'),
    })
  })
})
