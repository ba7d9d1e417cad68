import { describe, expect, it } from 'vitest'
import { enabledBugs, scenarioBugsText, specModelText } from './explorerWords.ts'

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
