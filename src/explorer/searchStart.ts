import type { ScheduledIntervention } from '../engine/index.ts'
import type { AnyProtocol, ProtocolModule, ProtocolTypes } from '../engine/kernel/module.ts'
import { Simulator } from '../engine/kernel/simulator.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { describeChange } from './changes.ts'
import type { SimBudgets } from './simMoves.ts'

/**
 * Where a schedule search of the run on the diagram starts, and which of the run's own
 * interventions it leaves out although it cannot add them back (a partition, a heal, a request at
 * a process it never asks). Pure.
 *
 * Why: the Multi-Paxos broken variants' examples set their stage with a partition and a heal,
 * which the search has no budget for. Searched from step 0 (the cursor when an example opens),
 * the stage was gone, and an exhaustive "not reachable" verdict told a student who had just
 * watched the run break an invariant that the bug cannot break it.
 */

/** A preset's staged search (its `explore`), as far as where to start is concerned. */
export interface SearchStage {
  readonly interventions: readonly ScheduledIntervention[]
  readonly fromStep?: number
}

export interface SearchStart {
  /** The run to search: the diagram's, with the stage's interventions when `staged`. */
  readonly scenario: Scenario
  readonly fromStep: number
  /** True when the search starts where the example sets its stage, not at the cursor. */
  readonly staged: boolean
}

/**
 * Start at the cursor, keeping the run's own interventions up to it; but on an unchanged example
 * whose search sets a stage (`stage`, null otherwise), at the stage when the cursor has not passed
 * it: the same start as the one-click "Find a violation", so both find the example's lesson. Pure.
 */
export function searchStartOf(scenario: Scenario, cursor: number, stage: SearchStage | null): SearchStart {
  const stageStep = stage?.fromStep ?? 0
  if (stage && cursor <= stageStep)
    return {
      scenario: { ...scenario, interventions: stage.interventions },
      fromStep: stageStep,
      staged: true,
    }
  return { scenario, fromStep: cursor, staged: false }
}

/** Whether the search could add `iv` itself within `budgets` (a request only where it asks). Pure. */
function searchCanAdd(iv: ScheduledIntervention, budgets: SimBudgets, asked: (pid: number) => boolean) {
  const a = iv.action
  switch (a.type) {
    case 'deliver':
    case 'fire-timer':
      return budgets.reorders > 0
    case 'drop':
      return budgets.drops > 0
    case 'duplicate':
      return budgets.duplicates > 0
    case 'crash':
      return budgets.crashes > 0
    case 'recover':
      return budgets.recoveries > 0
    case 'propose':
      return budgets.proposals > 0 && asked(a.pid)
    case 'delay':
    case 'partition':
    case 'heal':
      return false
  }
}

/**
 * The interventions of `run` (the run on the diagram) that a search from `start` neither keeps
 * nor can add within `budgets`, each in the explorer's words with its step (`healed the partition
 * at step 26`, `asked P5 to campaign for leadership at step 26`). A verdict that the goal was not
 * reached says them, since the run may break its invariant only through them. Pure.
 */
export function outsideSearch(
  module: AnyProtocol,
  run: Scenario,
  start: SearchStart,
  budgets: SimBudgets,
): string[] {
  const kept = new Set(
    start.scenario.interventions.filter((iv) => iv.step <= start.fromStep).map((iv) => JSON.stringify(iv)),
  )
  const left = run.interventions.filter((iv) => !kept.has(JSON.stringify(iv)))
  if (left.length === 0) return []
  const { m, initial } = initialOf(module, run)
  // The processes the search sends requests to are those it asks at the start (clients, idle
  // proposers): a request elsewhere (a Multi-Paxos replica's forced campaign) it never makes.
  const asked = (pid: number): boolean => {
    const p = initial.procs.find((x) => x.pid === pid)
    return p !== undefined && m.explorer.wantsRequest(p.local)
  }
  return describeInterventions(
    module,
    run,
    left.filter((iv) => !searchCanAdd(iv, budgets, asked)),
  )
}

/** `run`'s module and its state before step 0. Pure. */
function initialOf(module: AnyProtocol, run: Scenario) {
  const m = module as unknown as ProtocolModule<ProtocolTypes>
  const config = run.config as unknown as ProtocolTypes['Config']
  return { m, initial: new Simulator(m, { seed: run.seed, config, interventions: [] }).state }
}

/**
 * Interventions of `run` in the explorer's words with their steps (`healed the partition at step
 * 26`); a message is named by its id only, as the words are said away from its step. Pure.
 */
export function describeInterventions(
  module: AnyProtocol,
  run: Scenario,
  interventions: readonly ScheduledIntervention[],
): string[] {
  if (interventions.length === 0) return []
  const { m, initial } = initialOf(module, run)
  return interventions.map((iv) => `${describeChange(m, initial, iv.action).text} at step ${iv.step}`)
}
