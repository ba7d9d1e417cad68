import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'

/** `synod explore --preset … --goal …`: the schedule search takes the goals of the scenario's protocol. */

const noFile = (): never => {
  throw new Error('no file reads in explore')
}
const explore = (...args: string[]) => runCli(['explore', ...args], noFile)

describe('synod explore (schedule search) on Multi-Paxos', () => {
  it('finds the shortest run of the skip-phase-1 preset in which two commands are chosen in one slot (its own lesson)', () => {
    const r = explore('--preset', 'mp-bug-skip-phase1', '--json')
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { goal: unknown; found: string; violation: unknown }
    expect(report.goal).toEqual({ id: 'slot-agreement' })
    expect(report.found).toBe(
      'Violated: per-slot agreement (never two different commands chosen in one slot). Slot 1: C1.1:put(a1) (chosen by a majority at ballot 1.1) and noop (chosen by a majority at ballot 2.5)',
    )
    expect(report.violation).toMatchObject({ protocol: 'multipaxos', cursor: 54 })
  }, 120_000)

  it("takes one of the protocol's invariants as --goal and prints the run in text", () => {
    const r = explore('--preset', 'mp-bug-ignore-promises', '--goal', 'slot-agreement')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      'FOUND: Violated: per-slot agreement (never two different commands chosen in one slot)',
    )
    expect(r.stdout).toContain('"protocol":"multipaxos"')
  }, 60_000)

  it('finds the livelock of dueling leaders: no slot chosen for N steps while a client waits', () => {
    const r = explore(
      '--preset',
      'mp-dueling-leaders',
      '--goal',
      'livelock',
      '--param',
      '40',
      '--proposals',
      '0',
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('FOUND: 40 steps without a slot chosen while C1 waits for C1.1:put(a1)')
  }, 60_000)

  it("refuses another protocol's goal, with the goals it has (exit 2)", () => {
    const r = explore('--preset', 'mp-steady', '--goal', 'agreement')
    expect(r).toMatchObject({ code: 2, stdout: '' })
    expect(r.stderr).toBe(
      'synod: --goal: "agreement" is not a goal for Multi-Paxos (goals: violation, slot-agreement, prefix-agreement, at-most-once, linearizable, slot-chosen, hole-filled, caught-up, livelock)',
    )
  })

  it('refuses a setting out of range, or for a goal that takes none (exit 2)', () => {
    expect(explore('--preset', 'mp-steady', '--goal', 'livelock', '--param', 'many')).toMatchObject({
      code: 2,
      stderr: 'synod: --goal: Steps without a commit (N): a whole number in 1..1000',
    })
    expect(explore('--preset', 'basic', '--goal', 'agreement', '--param', '3')).toMatchObject({
      code: 2,
      stderr: 'synod: --param: the goal "agreement" takes no setting',
    })
  })

  it("lists each protocol's goals in --help, from its module", () => {
    const help = explore('--help').stdout
    expect(help).toContain(
      'Single-decree Paxos: violation, agreement*, validity, promise-monotonic, no-accept-below-promise, stability, chosen, decided, livelock',
    )
    expect(help).toContain(
      'Multi-Paxos: violation, slot-agreement, prefix-agreement*, at-most-once, linearizable, slot-chosen, hole-filled, caught-up, livelock',
    )
  })
})

describe('synod explore (schedule search) on Paxos, as before', () => {
  it('keeps the livelock goal with --ballots', () => {
    const r = explore('--preset', 'dueling', '--goal', 'livelock', '--ballots', '8')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('FOUND: 8 ballots started and no value chosen')
  }, 60_000)
})
