import { describe, expect, it } from 'vitest'
import { runToEnd } from '../engine/index.ts'
import { allPresets, presetById } from '../scenarios/presets.ts'
import { toRunInput, type Scenario } from '../scenarios/scenario.ts'
import { DEFAULT_MEMORY_BUDGET_BYTES, MIB } from './memoryBudget.ts'
import {
  STATE_OVERHEAD_BYTES,
  createSimSearch,
  usedKey,
  type SimBudgets,
  type SimGoal,
  type SimProgress,
} from './simSearch.ts'

const NONE: SimBudgets = { reorders: 0, drops: 0, duplicates: 0, crashes: 0, recoveries: 0, proposals: 0 }

function search(
  scenario: Scenario,
  goal: SimGoal,
  budgets: Partial<SimBudgets>,
  maxStates = 200_000,
): SimProgress {
  const s = createSimSearch(scenario, {
    fromStep: 0,
    goal,
    budgets: { ...NONE, ...budgets },
    bounds: { maxDepth: 200, maxStates },
  })
  let r = s.runFor(10_000)
  while (!r.done) r = s.runFor(10_000)
  return r
}

const agreement: SimGoal = { id: 'agreement' }

describe('schedule search', () => {
  const bugs = allPresets().filter((p) => p.explore)

  it('has explorer defaults for every broken variant', () => {
    expect(bugs.map((p) => p.id).sort()).toEqual(
      [
        'bug-accept-below-promise',
        'bug-amnesia',
        'bug-duplicate-ballots',
        'bug-ignore-prior',
        'bug-small-quorum',
      ].sort(),
    )
  })

  for (const p of bugs) {
    it(`finds agreement broken for ${p.id}, and the counterexample replays to it`, () => {
      const ex = p.explore!
      const r = search({ ...p.scenario, interventions: ex.interventions }, agreement, ex.budgets)
      expect(r.found).not.toBeNull()
      expect(r.foundText).toMatch(/^Violated: Agreement: at most one value is chosen/)
      const replay = runToEnd(toRunInput(r.found!))
      expect(replay.log.some((e) => e.kind === 'invariant.violated' && e.rule === 'agreement')).toBe(true)
    }, 30_000)
  }

  it('finds no violation of the correct protocol within the same bounds', () => {
    for (const p of bugs.filter((b) => b.id !== 'bug-small-quorum')) {
      const ex = p.explore!
      const config = {
        ...p.scenario.config,
        bugs: {
          ...p.scenario.config.bugs,
          ignorePriorValues: false,
          acceptBelowPromise: false,
          amnesiaOnCrash: false,
          duplicateBallots: false,
        },
      }
      const r = search(
        { ...p.scenario, config, interventions: ex.interventions },
        { id: 'violation' },
        ex.budgets,
        50_000,
      )
      expect(r.found, p.id).toBeNull()
      // Small budgets are covered exhaustively; crash budgets make the space larger than this bound.
      if (!ex.budgets.crashes) expect(r.boundHit, p.id).toBeNull()
    }
  }, 60_000)

  it('finds the shortest counterexample first', () => {
    const p = presetById('bug-ignore-prior')!
    const r = search({ ...p.scenario, interventions: p.explore!.interventions }, agreement, { proposals: 1 })
    // The second proposal must come after A is chosen; the search stops at the first quorum for it.
    expect(r.found!.interventions).toHaveLength(2)
    const again = search({ ...p.scenario, interventions: p.explore!.interventions }, agreement, {
      proposals: 1,
    })
    expect(again).toEqual(r)
  })

  it('finds a livelock witness for dueling proposers', () => {
    const p = presetById('dueling')!
    const r = search(p.scenario, { id: 'livelock', param: 8 }, {})
    expect(r.found).not.toBeNull()
    const replay = runToEnd(toRunInput(r.found!))
    expect(replay.state.ghost.chosen).toHaveLength(0)
  })

  it('stops cleanly at its memory budget, long before the 5,000,000 states it allows', () => {
    const p = presetById('basic')!
    const budgets = { ...NONE, drops: 2, crashes: 2, recoveries: 2, proposals: 1 }
    const s = createSimSearch(p.scenario, {
      fromStep: 0,
      goal: agreement,
      budgets,
      bounds: { maxDepth: 300, maxStates: 5_000_000, maxBytes: 2 * MIB },
    })
    let r = s.runFor(10_000)
    while (!r.done) r = s.runFor(10_000)
    expect(r).toMatchObject({ done: true, boundHit: 'memory', found: null })
    expect(r.memoryBytes).toBeLessThanOrEqual(2 * MIB)
    expect(r.distinctStates).toBeLessThan((2 * MIB) / STATE_OVERHEAD_BYTES)
    expect(r.memoryMessage).toMatch(/^stopped at [\d,]+ states to stay within the memory budget of 2\.0 MiB/)
  })

  it('counts the default memory budget when none is given', () => {
    const p = presetById('basic')!
    const r = search(p.scenario, agreement, { drops: 1 }, 50)
    expect(r.boundHit).toBe('states')
    expect(r.memoryBytes).toBeGreaterThan(50 * STATE_OVERHEAD_BYTES)
    expect(r.memoryBytes).toBeLessThan(DEFAULT_MEMORY_BUDGET_BYTES)
  })

  it('reports the bound it hit and how far it got', () => {
    const p = presetById('basic')!
    const r = search(p.scenario, agreement, { drops: 2, crashes: 2, recoveries: 2, proposals: 1 }, 500)
    expect(r.done).toBe(true)
    expect(r.boundHit).toBe('states')
    expect(r.distinctStates).toBe(500)
    expect(r.depth).toBeGreaterThan(0)
  })
})

describe('schedule search bookkeeping', () => {
  const zero = { reorders: 0, drops: 0, duplicates: 0, crashes: 0, recoveries: 0, proposals: 0 }

  it('keys spent budgets unambiguously: (10 reorders, 1 drop) is not (1 reorder, 10 duplicates)', () => {
    const a = usedKey({ ...zero, reorders: 10, drops: 1 }, 0)
    const b = usedKey({ ...zero, reorders: 1, duplicates: 10 }, 0)
    expect(a).not.toBe(b)
    // The goal's count (a livelock's ballots) is keyed too, apart from the budgets.
    expect(usedKey({ ...zero, proposals: 1 }, 0)).not.toBe(usedKey(zero, 10))
  })

  it('names a ballot as the lecture does, also when ballots carry no process id', () => {
    const base = presetById('bug-duplicate-ballots')!.scenario
    const r = search(
      { ...base, interventions: [{ step: 0, action: { type: 'propose', pid: 1, value: 'A' } }] },
      { id: 'chosen' },
      {},
    )
    expect(r.foundText).toBe('value A chosen in ballot 1')
  })
})
