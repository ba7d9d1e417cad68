import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { files } from './fakeFiles.ts'

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? ''

describe('synod trace: Flexible Paxos quorums', () => {
  it('flexible-quorums (n=5, q1=4, q2=2) chooses A and stays safe', () => {
    const r = runCli(['trace', '--preset', 'flexible-quorums'], files({}))
    expect(r.code).toBe(0)
    expect(lastLine(r.stdout)).toMatch(/^summary chosen=A ballot=1\.1 decided=5\/5 violations=0 /)
    expect(r.stdout).toContain('a phase-1 quorum is 4 of 5 and a phase-2 quorum 2')
  })

  it('the same run with q1 + q2 ≤ n is the broken variant, says so, and breaks agreement', () => {
    const r = runCli(['trace', '--preset', 'flexible-quorums', '--q1', '3'], files({}))
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      'synod: note: q1 + q2 ≤ 5: quorums need not intersect, so this runs the broken variant (bugs.smallQuorum)',
    )
    expect(r.stdout).toContain('Violated: Agreement: at most one value is chosen')
    expect(lastLine(r.stdout)).toMatch(/violations=[1-9]/)
  })

  it('a safe override runs without a note; impossible sizes are refused', () => {
    const safe = runCli(['trace', '--preset', 'flexible-quorums', '--q1', '5', '--q2', '1'], files({}))
    expect([safe.code, safe.stderr]).toEqual([0, ''])
    expect(runCli(['trace', '--preset', 'basic', '--q1', '6'], files({})).stderr).toBe(
      'synod: q1 must be an integer from 1 to 5 (got 6)',
    )
    expect(runCli(['trace', '--preset', 'basic', '--q2', 'x'], files({})).stderr).toBe(
      'synod: --q2 needs a whole number of at least 1',
    )
  })
})
