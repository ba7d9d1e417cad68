import { describe, expect, it } from 'vitest'
import type { ProtocolModule, ProtocolTypes } from '../engine/kernel/module.ts'
import { Simulator } from '../engine/kernel/simulator.ts'
import { paxos, protocolById } from '../engine/index.ts'
import { galleryPresets, type Preset } from '../scenarios/presets.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { defaultGoal } from './goals.ts'
import { outsideSearch, searchStartOf } from './searchStart.ts'
import { createSimSearch, NO_BUDGETS, type SimProgress } from './simSearch.ts'

/**
 * Every broken variant's example (single-decree `bug-*` and Multi-Paxos `mp-bug-*`): the Explore
 * panel's default search, as it starts on the example just opened (cursor 0, the budgets and the
 * goal the panel fills in, the form's bounds), finds a run that breaks the invariant the example's
 * own run breaks first, the one its ⚠ pill names. A newcomer once read "Not reachable … all 15,836
 * states were explored" beside a run showing the violation (tester4, defect 1).
 */

const moduleOf = (s: Scenario) =>
  (protocolById(s.protocol ?? 'paxos') ?? paxos) as unknown as ProtocolModule<ProtocolTypes>

/** The run replayed on the kernel: its invariant violations as `step rule`, in order. */
function violations(s: Scenario): string[] {
  const config = s.config as unknown as ProtocolTypes['Config']
  const sim = new Simulator(moduleOf(s), { seed: s.seed, config, interventions: s.interventions })
  sim.run()
  return sim.log.flatMap((e) =>
    e.kind === 'invariant.violated' ? [`${e.step} ${(e as { rule: string }).rule}`] : [],
  )
}

const ruleOf = (violation: string | undefined): string | undefined => violation?.split(' ')[1]

/** The panel's "Search schedules" with its defaults on the example just opened. */
function panelSearch(p: Preset): SimProgress {
  const ex = p.explore!
  const start = searchStartOf(p.scenario, 0, ex)
  const search = createSimSearch(start.scenario, {
    fromStep: start.fromStep,
    goal: { id: ex.goal ?? defaultGoal(moduleOf(p.scenario)).id },
    budgets: { ...NO_BUDGETS, ...ex.budgets },
    bounds: { maxDepth: 300, maxStates: 300_000 },
  })
  let r = search.runFor(5_000)
  while (!r.done) r = search.runFor(5_000)
  return r
}

const bugPresets = galleryPresets().filter((p) => /^(mp-)?bug-/.test(p.id))

describe("the explorer's default search on each broken variant's example finds its own lesson", () => {
  it('covers every broken example, each with its staged search', () => {
    expect(bugPresets.length).toBeGreaterThanOrEqual(10)
    for (const p of bugPresets) expect(p.explore, p.id).toBeDefined()
  })

  for (const p of bugPresets) {
    it(`${p.id}: the lesson is an invariant its run breaks, and the panel's search finds it`, () => {
      const own = violations(p.scenario)
      const lesson = p.explore!.goal ?? defaultGoal(moduleOf(p.scenario)).id
      expect(own.map(ruleOf), `${p.id}'s own run`).toContain(lesson)
      // A Multi-Paxos example's lesson is the first invariant its run breaks, the one its ⚠ pill
      // names. Single-decree Paxos's is agreement (two values chosen), its lecture's lesson,
      // although P2b or a promise rule may break a step before: see `store/explorer.test.ts`.
      if (p.scenario.protocol === 'multipaxos') expect(ruleOf(own[0])).toBe(lesson)
      const r = panelSearch(p)
      expect(r.found, `${p.id}: ${r.distinctStates} states, bound ${r.boundHit}`).not.toBeNull()
      // The found run, as Load onto the diagram replays it, breaks that invariant where it stops,
      // and its ⚠ pill names the same invariant as the example's own run (Paxos: P2b or a
      // promise rule breaks on the way to two values chosen, as in the example).
      const found = violations(r.found!)
      expect(found).toContain(`${r.found!.cursor} ${lesson}`)
      expect(ruleOf(found[0])).toBe(ruleOf(own[0]))
    }, 120_000)
  }
})

describe('what a search leaves out of the run on the diagram', () => {
  const preset = (id: string) => bugPresets.find((p) => p.id === id)!

  it('a search from step 0 of mp-bug-ignore-promises names the partition, heal and campaign it cannot add', () => {
    const p = preset('mp-bug-ignore-promises')
    const start = searchStartOf(p.scenario, 0, null)
    expect(start).toMatchObject({ fromStep: 0, staged: false })
    const budgets = { ...NO_BUDGETS, ...p.explore!.budgets }
    expect(outsideSearch(moduleOf(p.scenario), p.scenario, start, budgets)).toEqual([
      'partitioned the network into {P1, P2, P3, C1} | {P4, P5} at step 9',
      'healed the partition at step 55',
      'asked P5 to campaign for leadership at step 55',
    ])
  })

  it('the staged search keeps the stage; the campaign, never asked of a replica, is named', () => {
    const p = preset('mp-bug-skip-phase1')
    const start = searchStartOf(p.scenario, 0, p.explore!)
    expect(start).toMatchObject({ fromStep: 26, staged: true })
    const budgets = { ...NO_BUDGETS, ...p.explore!.budgets }
    // The crash and C2's write are within the budgets (one crash, one request): the search may add them.
    expect(outsideSearch(moduleOf(p.scenario), p.scenario, start, budgets)).toEqual([
      'asked P5 to campaign for leadership at step 26',
    ])
  })

  it('past the stage, the search starts at the cursor and keeps the run as it is up to there', () => {
    const p = preset('mp-bug-skip-phase1')
    const start = searchStartOf(p.scenario, 40, p.explore!)
    expect(start).toEqual({ scenario: p.scenario, fromStep: 40, staged: false })
    expect(outsideSearch(moduleOf(p.scenario), p.scenario, start, NO_BUDGETS)).toEqual([])
  })
})
