import { describe, expect, it } from 'vitest'
import { paxos, protocolById } from '../engine/index.ts'
import {
  asSentence,
  enabledBugs,
  goalIsViolation,
  scenarioBugsText,
  specModelText,
  unreachableText,
} from './explorerWords.ts'

describe('what spec mode says it checked', () => {
  it('names the model: correct Paxos.tla, its constants, and whether quorums intersect', () => {
    const c = { acceptors: 3, values: 2, maxBallot: 2, quorumSize: 2 }
    expect(specModelText(c)).toBe(
      "Model checked: Lamport's Paxos.tla, the correct protocol, with 3 acceptors, 2 values, ballots 0..2 and quorums of 2 (every two intersect).",
    )
    expect(specModelText({ ...c, acceptors: 4 })).toMatch(/quorums of 2, which need not intersect\.$/)
  })

  it("says plainly that the scenario's broken variants are not part of the model", () => {
    expect(scenarioBugsText([])).toBeNull()
    expect(scenarioBugsText(['amnesiaOnCrash'])).toBe(
      "The scenario's broken variant “No stable storage” is not part of this model: it checks correct Paxos, so it cannot find that bug. To see the bug break agreement, use “Find a schedule”.",
    )
    expect(scenarioBugsText(['ignorePriorValues', 'smallQuorum'])).toMatch(
      /^The scenario's broken variants “Proposer ignores reported values”, “Quorums too small” are not part.*set Quorum size/,
    )
  })

  it('lists the toggles that are on', () => {
    const off = {
      ignorePriorValues: false,
      acceptBelowPromise: false,
      amnesiaOnCrash: false,
      smallQuorum: false,
      duplicateBallots: false,
    }
    expect(enabledBugs(off)).toEqual([])
    expect(enabledBugs({ ...off, duplicateBallots: true, amnesiaOnCrash: true })).toEqual([
      'amnesiaOnCrash',
      'duplicateBallots',
    ])
  })
})

describe('how a found schedule is shown', () => {
  it('shows only a broken rule as a violation, never a goal such as a hole filled', () => {
    const mp = protocolById('multipaxos')!
    expect(goalIsViolation(mp, 'violation')).toBe(true)
    expect(goalIsViolation(mp, 'prefix-agreement')).toBe(true)
    expect(goalIsViolation(mp, 'hole-filled')).toBe(false)
    expect(goalIsViolation(mp, 'slot-chosen')).toBe(false)
    expect(goalIsViolation(paxos, 'decided')).toBe(false)
  })

  it("makes the goal's words a sentence", () => {
    expect(asSentence('P5 fills slot 1 with a no-op')).toBe('P5 fills slot 1 with a no-op.')
    expect(asSentence('slot 2 is chosen')).toBe('Slot 2 is chosen.')
    expect(asSentence('Agreement violated.')).toBe('Agreement violated.')
  })
})

describe('unreachableText', () => {
  it('says the budgets and the start, so "unreachable" is not read as "cannot happen"', () => {
    const mp = protocolById('multipaxos')
    if (!mp) throw new Error('multipaxos is missing')
    const budgets = { reorders: 2, drops: 1, duplicates: 0, crashes: 0, recoveries: 0, proposals: 3 }
    const text = unreachableText('25,800', { protocol: 'multipaxos', fromStep: 0, budgets }, mp)
    expect(text).toBe(
      'Not reachable within these budgets: all 25,800 states were explored, from step 0 with at most reorders 2, drops 1, duplicates 0, crashes 0, recoveries 0, ' +
        `${mp.requestWords.budget.toLowerCase()} 3. Schedules with more of any of these were not searched: raise a budget, or start from a later step.`,
    )
  })

  it('names what of the run was outside the search, and a violation the run reached before its start', () => {
    const mp = protocolById('multipaxos')!
    const budgets = { reorders: 0, drops: 0, duplicates: 0, crashes: 1, recoveries: 0, proposals: 0 }
    const searched = { protocol: 'multipaxos', fromStep: 250, budgets }
    const one = unreachableText('1', { ...searched, outside: ['healed the partition at step 55'] }, mp)
    expect(one).toMatch(
      / Not among what the search can add, this run's own change \(healed the partition at step 55\) was left out: the run on the diagram may reach the goal only through them\.$/,
    )
    const six = Array.from({ length: 6 }, (_, i) => `crashed P${i + 1} at step 1`)
    expect(unreachableText('1', { ...searched, outside: six }, mp)).toContain(
      'changes (crashed P1 at step 1; crashed P2 at step 1; crashed P3 at step 1; crashed P4 at step 1; and 2 more) were left out',
    )
    const broken = unreachableText(
      '1',
      { ...searched, brokenBefore: { step: 71, rule: 'slot-agreement' } },
      mp,
    )
    expect(broken).toContain(
      'This run already broke it at step 71 (Violated: per-slot agreement (never two different commands chosen in one slot)), before step 250 where the search starts',
    )
    expect(unreachableText('1', { ...searched, outside: [], brokenBefore: null }, mp)).toBe(
      unreachableText('1', searched, mp),
    )
  })
})
