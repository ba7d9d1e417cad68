import { paxos, protocolById, type SimEvent } from '../engine/index.ts'
import { bugSearchOf } from '../explorer/bugSearch.ts'
import { ANY_VIOLATION, type SimGoal } from '../explorer/goals.ts'
import { outsideSearch, searchStartOf, type SearchStage, type SearchStart } from '../explorer/searchStart.ts'
import type { SimBudgets } from '../explorer/simSearch.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { runIndex } from './runIndex.ts'
import { synodStore } from './store.ts'

/**
 * Where the explorer panel's schedule search starts on the run on the diagram, and what the
 * verdict says the search did not look at: the run's own interventions it could not add, and a
 * violation the run had already reached before the start.
 */

/** Where a schedule search started, with which budgets, in which protocol's run. */
export interface Searched {
  readonly protocol: string
  readonly fromStep: number
  readonly budgets: SimBudgets
  /** The run's own interventions the search neither kept nor could add (see `outsideSearch`). */
  readonly outside?: readonly string[]
  /**
   * Where the run on the diagram already broke the goal's invariant at or before the start, if
   * it did: a search sees only what comes after its start, so "not reachable" is said with it.
   */
  readonly brokenBefore?: { readonly step: number; readonly rule: string } | null
}

/**
 * A search of `own` (the run on the diagram, whose event log is `log`) from `start` with `budgets`
 * for `goal`, as its verdict tells it: where, with which budgets, what of `own` it neither kept nor
 * could add, and where `log` had already broken the goal's invariant by the start. Pure.
 */
export function searchedOf(
  own: Scenario,
  start: SearchStart,
  budgets: SimBudgets,
  goal: SimGoal,
  log: readonly SimEvent[],
): Searched {
  const protocol = own.protocol ?? 'paxos'
  const module = protocolById(protocol) ?? paxos
  const outside = outsideSearch(module, own, start, budgets)
  const broken = runIndex(log).violations.find(
    (v) => v.step <= start.fromStep && (goal.id === ANY_VIOLATION || v.rule === goal.id),
  )
  const brokenBefore = broken ? { step: broken.step, rule: broken.rule } : null
  return { protocol, fromStep: start.fromStep, budgets, outside, brokenBefore }
}

/** Same seed, settings and interventions: a run that is its example unchanged (cursor aside). Pure. */
const sameInputs = (a: Scenario, b: Scenario): boolean =>
  a === b ||
  JSON.stringify([a.protocol, a.seed, a.config, a.interventions]) ===
    JSON.stringify([b.protocol, b.seed, b.config, b.interventions])

/**
 * The stage the run on the diagram sets before its search: its example's (`explore`), when the run
 * is that example unchanged; else, when a broken variant is switched on, the stage of that
 * variant's search (its requests kept, from the last of them: `bugSearchOf`), the one-click "Find a
 * violation"'s start. Null otherwise (a changed run's own interventions are the stage). Pure.
 *
 * Why the second: a student who ticked "skip phase 1" on mp-leader-crash, picked a goal and pressed
 * "Search schedules" searched from step 0 without the lecture's requests ("not reachable … client
 * requests 0"), while "Find a violation" beside it found the run at once (tester6 #1).
 */
export function stageOf(presetId: string | null, scenario: Scenario): SearchStage | null {
  return exampleStageOf(presetId, scenario) ?? bugSearchOf(protocolOf(scenario), scenario)
}

/** The stage of the example on the diagram, when the run is that example unchanged. Pure. */
export function exampleStageOf(presetId: string | null, scenario: Scenario): SearchStage | null {
  const preset = presetId === null ? undefined : anyPresetById(presetId)
  if (!preset?.explore || !sameInputs(preset.scenario, scenario)) return null
  return preset.explore
}

const protocolOf = (scenario: Scenario) => protocolById(scenario.protocol ?? 'paxos') ?? paxos

/** Where "Search schedules" starts on the run on the diagram (see `searchStartOf`). */
export function panelSearchStart(): SearchStart {
  const { presetId, scenario, cursor } = synodStore.getState()
  return searchStartOf(scenario, cursor, stageOf(presetId, scenario))
}
