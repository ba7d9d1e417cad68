import type { BugToggles } from '../engine/index.ts'
import type { SimGoal } from '../explorer/goals.ts'
import { NO_BUDGETS, type SimBudgets } from '../explorer/simSearch.ts'
import type { PresetExplore } from '../scenarios/presets.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import type { ExplorerOutcome, ExplorerProgress } from '../worker/explorerProtocol.ts'
import type { Searched } from './searched.ts'

/** The explorer store's state: the panel's forms and the current search (see `explorer.ts`). */

export type ExplorerMode = 'sim' | 'spec'
export type BudgetName = keyof SimBudgets

export interface SimForm {
  /**
   * The picked goal's id, or null for the protocol's default. A goal the protocol on the diagram
   * does not have (Paxos's `agreement` with a Multi-Paxos run loaded) also means its default.
   */
  readonly goal: string | null
  /**
   * True once the user picked the goal in the picker: from then on the one-click "Find a
   * violation" searches for it too, instead of the run's own lesson (see `oneClickGoal`).
   */
  readonly goalPicked: boolean
  /** Each goal's setting as the user left it (the livelock's count, the value to decide). */
  readonly params: Readonly<Record<string, number | string>>
  readonly budgets: SimBudgets
  readonly maxDepth: number
  readonly maxStates: number
}

export interface SpecForm {
  readonly acceptors: number
  readonly values: number
  readonly maxBallot: number
  readonly quorumSize: number
  readonly maxDepth: number
  readonly maxStates: number
}

export interface ExplorerRun {
  readonly mode: ExplorerMode
  readonly status: 'running' | 'done' | 'error'
  readonly progress: ExplorerProgress
  readonly bounds: { readonly maxStates: number; readonly maxDepth: number }
  readonly outcome: ExplorerOutcome | null
  readonly error: string | null
  /** Load a counterexample onto the diagram as soon as it is found (the one-click shortcut). */
  readonly autoLoad: boolean
  readonly cancelling: boolean
  /**
   * Spec mode: the broken variants of the scenario on the diagram when the check began. Paxos.tla
   * is the correct protocol, so the verdict says that these are not part of the model it checked.
   */
  readonly scenarioBugs: readonly (keyof BugToggles)[]
  /** Spec mode: the constants of the model being checked (null for a schedule search). */
  readonly checked: SpecConstantsForm | null
  /** A schedule search: the goal it searches for (the result is a violation only for some goals). */
  readonly goal: SimGoal | null
  /** A schedule search: where it started and its budgets, as the verdict tells them. */
  readonly searched?: Searched | null
  /** The one-click search this run is (its scenario and settings), or null for the form's search. */
  readonly oneClick?: OneClickSearch | null
}

/** A one-click "Find a violation": the scenario it starts from and how it searches. */
export interface OneClickSearch {
  readonly scenario: Scenario
  readonly explore: PresetExplore
}

/** A schedule search's outcome (what the result panel shows of it). */
export type SimOutcome = Extract<ExplorerOutcome, { mode: 'sim' }>

export type SpecConstantsForm = Pick<SpecForm, 'acceptors' | 'values' | 'maxBallot' | 'quorumSize'>

export interface ExplorerState {
  readonly open: boolean
  readonly mode: ExplorerMode
  readonly sim: SimForm
  readonly spec: SpecForm
  readonly run: ExplorerRun | null
}

export const initialExplorerState = (): ExplorerState => ({
  open: false,
  mode: 'sim',
  sim: {
    // Each protocol names its default goal (Paxos: agreement, the lesson of every broken variant).
    goal: null,
    goalPicked: false,
    params: {},
    budgets: NO_BUDGETS,
    maxDepth: 300,
    maxStates: 300_000,
  },
  spec: { acceptors: 3, values: 2, maxBallot: 2, quorumSize: 2, maxDepth: 1_000, maxStates: 5_000_000 },
  run: null,
})
