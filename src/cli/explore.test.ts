import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { parseExploreArgs, runExplore } from './explore.ts'

const noFile = (): never => {
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

describe('synod explore --spec multipaxos', () => {
  const small = ['--spec', 'multipaxos', '--replicas', '2', '--writes', '1', '--reads', '1']

  it('prints the JSON report: counts, timing, no violation, no deadlock; exit 0', () => {
    const r = runExplore([...small, '--json'])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout) as Record<string, unknown>
    expect(j).toMatchObject({ distinctStates: 582, maxDepth: 19, violation: null, deadlock: null })
    expect(j.transitions).toBe(954)
    expect(typeof j.seconds).toBe('number')
    expect(typeof j.statesPerSecond).toBe('number')
    const full = JSON.parse(runExplore([...small, '--no-symmetry', '--json']).stdout) as Record<
      string,
      unknown
    >
    expect(full.distinctStates).toBeGreaterThan(582)
  })

  it('is dispatched by runCli with readable text', () => {
    const r = runCli(['explore', ...small], noFile)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      'replicas s1, s2, writes w1, reads r1, ballots 1..2, symmetry (2 permutations)',
    )
    expect(r.stdout).toContain('exhaustive: 582 distinct states, max depth 19 (TLC prints 20)')
    expect(r.stdout).toContain('every reachable state is linearizable and type-correct, no deadlock')
  })

  it('exits 1 with the run for each broken variant', () => {
    const stale = runExplore(['--spec', 'multipaxos', '--bug', 'commit-one-short', '--json'])
    expect(stale.code).toBe(1)
    const j = JSON.parse(stale.stdout)
    expect(j.violation.invariant).toBe('Linearizability')
    expect(j.violation.steps).toHaveLength(10)
    expect(j.deadlock).toBeNull()
    const stuck = runExplore(['--spec', 'multipaxos', '--bug', 'no-accept-reply'])
    expect(stuck.code).toBe(1)
    expect(stuck.stdout).toContain(
      'DEADLOCK (no step is possible and some request is unanswered) after 9 steps',
    )
  })

  it('stops at --max-memory with the budget message', () => {
    const r = runExplore(['--spec', 'multipaxos', '--max-memory', '1'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('NOT exhaustive')
    expect(r.stdout).toMatch(
      /bound hit: stopped at [\d,]+ states to stay within the memory budget of 1\.0 MiB/,
    )
  })

  it.each([
    [['--spec', 'multipax'], /unknown model "multipax" for --spec/],
    [['--spec', 'multipaxos', '--replicas', '6'], /--replicas must be in 1\.\.5, got 6/],
    [['--spec', 'multipaxos', '--writes', '3', '--reads', '3'], /--writes \+ --reads must be at most 5/],
    [['--spec', 'multipaxos', '--max-ballot', '1'], /--max-ballot must be in 2\.\.5/],
    [['--spec', 'multipaxos', '--bug', 'typo'], /--bug must be one of commit-one-short, no-accept-reply/],
    [
      ['--spec', 'multipaxos', '--acceptors', '3'],
      /unknown option "--acceptors" for explore --spec multipaxos/,
    ],
  ])('exits 2 with one line for %j', (args, message) => {
    const r = runExplore(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toContain('\n')
  })

  it('still runs Paxos.tla for --spec and --spec paxos', () => {
    const args = ['--acceptors', '1', '--values', '1', '--max-ballot', '1']
    expect(runExplore(['--spec', 'paxos', ...args]).stdout).toContain('exhaustive: 25 distinct states')
    expect(runExplore(['--spec', ...args]).stdout).toContain('exhaustive: 25 distinct states')
  })
})

describe('synod explore (schedule search) default goal', () => {
  // The lesson of a broken variant is two values chosen, not its first symptom: with "any
  // violation" as the default, bug-accept-below-promise stopped at its own restatement.
  it('finds two different values chosen on bug-accept-below-promise without --goal', () => {
    const r = runCli(['explore', '--preset', 'bug-accept-below-promise'], noFile)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      'FOUND: Violated: Agreement: at most one value is chosen or decided. Two different values are chosen',
    )
  }, 60_000)

  it('still stops at the first violation of any kind with --goal violation', () => {
    const r = runCli(['explore', '--preset', 'bug-accept-below-promise', '--goal', 'violation'], noFile)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/FOUND: Violated: An acceptor never accepts below its promise/)
  }, 60_000)
})
