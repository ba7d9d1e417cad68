/** The spec-mode explorer's interface: what a worker or the CLI drives in chunks. */
import type { Universe } from './universe.ts'

export interface SpecBounds {
  /** Store at most this many distinct states (the initial state included). */
  readonly maxStates: number
  /** Explore states at most this many steps from the initial state. */
  readonly maxDepth: number
  /** Memory budget for the search's arrays (default DEFAULT_MEMORY_BUDGET_BYTES, see memoryBudget.ts). */
  readonly maxBytes?: number
}

export const DEFAULT_SPEC_BOUNDS: SpecBounds = { maxStates: 5_000_000, maxDepth: 1_000 }

/** Which bound stopped the search before it was exhaustive, if any. */
export type BoundHit = 'states' | 'depth' | 'memory' | null

export interface SpecProgress {
  readonly distinctStates: number
  /** Steps from the initial state to the deepest state found so far. */
  readonly depth: number
  readonly transitions: number
  /** transitions + 1: TLC's "states generated" (it counts the initial state). */
  readonly statesGenerated: number
  /** States whose successors have all been generated. */
  readonly expandedStates: number
  /** Deepest level whose states have all been expanded (-1 before the first). */
  readonly completedDepth: number
  readonly done: boolean
  readonly boundHit: BoundHit
  readonly violationFound: boolean
}

export interface SpecExplorer {
  readonly universe: Universe
  readonly bounds: SpecBounds
  /** Expand at most `maxStates` more states, then report. Does nothing once done. */
  runFor(maxStates: number): SpecProgress
  progress(): SpecProgress
  /** State ids from the initial state to the first violating state (a shortest path), or null. */
  violationPath(): number[] | null
  /** The bitset of a stored state (a copy). */
  stateBits(id: number): Uint32Array
  /** Bytes held by the search's arrays. */
  bytesUsed(): number
  /** Why the memory budget stopped the search, if it did. */
  readonly memoryMessage: string | null
}
