import type { ScheduledIntervention } from '../engine/index.ts'
import type { AnyProtocol, BugSearch } from '../engine/kernel/module.ts'
import type { Scenario } from '../scenarios/scenario.ts'

/**
 * "Find a violation" on a scenario whose broken variant a user switched on (Settings), where no
 * preset says how to search: the protocol names the goal and the faults the search may add for
 * that variant (`explorer.bugSearches`), and the search starts after the scenario's last request.
 * Everything up to there is kept as it is (the requests are the workload: a lecture's clients);
 * what the scenario does later (`mp-leader-crash`'s lost messages and crash) is left to the search,
 * which may put such faults back where they break the variant, or choose others. Pure.
 */

/** The search for the scenario on the diagram, as a preset's `explore` reads, and which variant it is for. */
export interface ScenarioBugSearch {
  readonly bug: string
  readonly fromStep: number
  readonly interventions: readonly ScheduledIntervention[]
  readonly budgets: BugSearch['budgets']
  readonly goal: string
}

/** The first broken variant of `scenario` that `module` can search for, and how; null if none. Pure. */
export function bugSearchOf(module: AnyProtocol, scenario: Scenario): ScenarioBugSearch | null {
  const searches: Readonly<Record<string, BugSearch>> | undefined = module.explorer.bugSearches
  const bugs = (scenario.config as unknown as { bugs?: Readonly<Record<string, unknown>> }).bugs
  if (!searches || !bugs) return null
  const bug = Object.keys(searches).find((name) => bugs[name] === true)
  const search = bug === undefined ? undefined : searches[bug]
  if (bug === undefined || !search) return null
  let fromStep = 0
  for (const iv of scenario.interventions)
    if (iv.action.type === 'propose') fromStep = Math.max(fromStep, iv.step)
  const interventions = scenario.interventions.filter((iv) => iv.step <= fromStep)
  return { bug, fromStep, interventions, budgets: search.budgets, goal: search.goal }
}
