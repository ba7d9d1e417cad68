import { describe, expect, it } from 'vitest'
import { PROTOCOLS, paxos, protocolById } from '../engine/index.ts'
import { defaultGoal, goalOptions, goalProblem } from './goals.ts'

/** The schedule search's goals come from each protocol module, and only from there. */

const multipaxos = protocolById('multipaxos')!

describe("the explorer's goals", () => {
  it('offers Paxos its properties as goals, agreement first by default, plus a value decided and a livelock', () => {
    expect(goalOptions(paxos).map((g) => g.id)).toEqual([
      'violation',
      'agreement',
      'validity',
      'promise-monotonic',
      'no-accept-below-promise',
      'stability',
      'chosen',
      'decided',
      'livelock',
    ])
    expect(defaultGoal(paxos)).toEqual({ id: 'agreement' })
    expect(goalOptions(paxos).find((g) => g.id === 'agreement')?.title).toBe(
      'Violated: Agreement: at most one value is chosen or decided',
    )
  })

  it('offers Multi-Paxos one goal per invariant, its sometimes goals and the livelock of no commit', () => {
    const options = goalOptions(multipaxos)
    expect(options.map((g) => g.id)).toEqual([
      'violation',
      'slot-agreement',
      'prefix-agreement',
      'at-most-once',
      'linearizable',
      'slot-chosen',
      'hole-filled',
      'caught-up',
      'livelock',
    ])
    expect(options.find((g) => g.id === 'prefix-agreement')?.title).toBe(
      'Violated: executed prefixes agree across replicas',
    )
    expect(options.find((g) => g.id === 'livelock')).toMatchObject({
      title: 'Livelock: no slot chosen for N steps while a client waits',
      param: { kind: 'int', min: 1, max: 1000, initial: 40 },
    })
    expect(defaultGoal(multipaxos)).toEqual({ id: 'prefix-agreement' })
  })

  for (const m of PROTOCOLS)
    it(`${m.id}: goal ids are distinct, the default and every preset search's goal are its own`, () => {
      const ids = goalOptions(m).map((g) => g.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(goalProblem(m, defaultGoal(m))).toBeNull()
      const presets = (m.presets as readonly { id: string }[]).map((p) => p.id)
      for (const [id, search] of Object.entries(m.explorer.presetSearches ?? {})) {
        expect(presets, id).toContain(id)
        expect(goalProblem(m, { id: search.goal }), id).toBeNull()
      }
    })

  it("says what is wrong with a goal: another protocol's, or a setting out of range", () => {
    expect(goalProblem(multipaxos, { id: 'agreement' })).toMatch(/^"agreement" is not a goal for Multi-Paxos/)
    expect(goalProblem(paxos, { id: 'livelock', param: 0 })).toBe(
      'Ballots started (k): a whole number in 1..100',
    )
    expect(goalProblem(paxos, { id: 'decided', param: '  ' })).toBe('Value: 1..20 characters')
    expect(goalProblem(multipaxos, { id: 'livelock', param: 40 })).toBeNull()
  })
})
