import type { ExplorerChange } from '../explorer/changes.ts'
import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import type { MultiPaxosBoundHit, MultiPaxosBounds } from '../explorer/multipaxos/search.ts'
import type { MultiPaxosViolation } from '../explorer/multipaxos/trace.ts'
import type { SimBounds, SimBudgets, SimGoal } from '../explorer/simSearch.ts'
import type { BoundHit } from '../explorer/types.ts'
import type { SpecBounds } from '../explorer/spec.ts'
import type { SpecViolation } from '../explorer/trace.ts'
import type { SpecConstants } from '../explorer/universe.ts'
import type { Scenario } from '../scenarios/scenario.ts'

/**
 * The typed boundary between the main thread and the explorer worker: one union per direction.
 * Every request carries a request id and a generation number; every reply echoes both, so the
 * client ignores replies of a search it has cancelled or replaced.
 */

/** How often the worker posts progress while it searches. */
export const PROGRESS_INTERVAL_MS = 100
/** How long the worker searches before it yields, so a cancel message can arrive. */
export const SLICE_MS = 40

export interface SimSearchRequest {
  readonly scenario: Scenario
  readonly fromStep: number
  readonly goal: SimGoal
  readonly budgets: SimBudgets
  readonly bounds: SimBounds
}

/** Main thread → explorer worker. */
export type ExplorerRequest =
  /** Model-check Paxos.tla with these constants (spec mode). */
  | {
      readonly type: 'spec'
      readonly id: number
      readonly gen: number
      readonly constants: SpecConstants
      readonly bounds: SpecBounds
    }
  /** Model-check the SMR-style MultiPaxos model (spec mode, src/explorer/multipaxos). */
  | {
      readonly type: 'multispec'
      readonly id: number
      readonly gen: number
      readonly constants: MultiPaxosConstants
      readonly bounds: MultiPaxosBounds
      /** Workers to split the frontier across (the user's cores; default 1: one search). */
      readonly workers?: number
    }
  /** Search the schedules of a scenario for a goal (schedule search). */
  | { readonly type: 'sim'; readonly id: number; readonly gen: number; readonly search: SimSearchRequest }
  /** Stop the current search; it answers with `done` and `cancelled: true`. */
  | { readonly type: 'cancel'; readonly id: number; readonly gen: number }

/** What a search reports while it runs and when it ends (both modes). */
export interface ExplorerProgress {
  readonly distinctStates: number
  /** Depth of the deepest state found so far. */
  readonly depth: number
  /** Deepest level fully explored (-1 before the first); spec mode only, else depth - 1. */
  readonly completedDepth: number
  readonly transitions: number
  readonly elapsedMs: number
  readonly statesPerSecond: number
}

/** The end of a search: exhaustive, a bound hit, cancelled, or a counterexample. */
export type ExplorerOutcome =
  | {
      readonly mode: 'spec'
      readonly boundHit: BoundHit
      readonly cancelled: boolean
      readonly violation: SpecViolation | null
      readonly quorumsIntersect: boolean
      readonly memoryMessage: string | null
    }
  | {
      readonly mode: 'multispec'
      readonly boundHit: MultiPaxosBoundHit
      readonly cancelled: boolean
      /** A state violating TypeOK or Linearizability, and a deadlocked state: each with a shortest run. */
      readonly violation: MultiPaxosViolation | null
      readonly deadlock: MultiPaxosViolation | null
      readonly memoryMessage: string | null
      readonly transitions: number
      readonly bytesPerState: number
      /** How many workers searched (the shortest run to a finding is always the one-worker search's). */
      readonly workers: number
    }
  | {
      readonly mode: 'sim'
      readonly boundHit: 'states' | 'depth' | 'memory' | null
      /** When the memory budget stopped the search, what it says (states, bytes, budget). */
      readonly memoryMessage: string | null
      readonly cancelled: boolean
      /** The shortest schedule reaching the goal, as a scenario, and what the goal event said. */
      readonly found: Scenario | null
      readonly foundText: string | null
      /** What the found schedule changed, in words, each with the step that shows it (empty if none). */
      readonly changes: readonly ExplorerChange[]
      /** The step the search started from (where the counterexample begins). */
      readonly fromStep: number
    }

/** Explorer worker → main thread. */
export type ExplorerReply =
  | {
      readonly type: 'progress'
      readonly id: number
      readonly gen: number
      readonly progress: ExplorerProgress
    }
  | {
      readonly type: 'done'
      readonly id: number
      readonly gen: number
      readonly progress: ExplorerProgress
      readonly outcome: ExplorerOutcome
    }
  | { readonly type: 'error'; readonly id: number; readonly gen: number; readonly message: string }
