/** Runs a MultiPaxos check to the end in chunks (see ../chunks.ts) and summarises it. */
import { runInChunks, searchFigures, type ChunkOptions, type SearchFigures } from '../chunks.ts'
import { bytesPerState } from '../memoryBudget.ts'
import { buildLayout, checkMultiPaxosConstants, type MultiPaxosConstants } from './layout.ts'
import {
  MultiPaxosSearch,
  type MultiPaxosBoundHit,
  type MultiPaxosBounds,
  type MultiPaxosProgress,
} from './search.ts'
import { explainMultiPaxos, type MultiPaxosViolation } from './trace.ts'

/** A finished MultiPaxos check: its model, its figures (see ../chunks.ts) and its verdict. */
export interface MultiPaxosReport extends SearchFigures {
  readonly model: 'MultiPaxos'
  readonly constants: MultiPaxosConstants
  /** Symmetry group size (replica × write × read permutations; 1 without symmetry). */
  readonly symmetryGroup: number
  /** Bits of one packed state, and the Uint32 words it takes. */
  readonly stateBits: number
  readonly bounds: MultiPaxosBounds
  readonly bytesUsed: number
  readonly bytesPerState: number
  /** Every reachable state was explored and nothing was found. */
  readonly exhaustive: boolean
  readonly boundHit: MultiPaxosBoundHit
  readonly completedDepth: number
  readonly cancelled: boolean
  /** Why the memory budget stopped the search, if it did. */
  readonly memoryMessage: string | null
  /** A state violating TypeOK or Linearizability, with a shortest run to it. */
  readonly violation: MultiPaxosViolation | null
  /** A state where no step is possible though requests are unanswered, with a shortest run to it. */
  readonly deadlock: MultiPaxosViolation | null
}

export type CheckMultiPaxosOptions = ChunkOptions<MultiPaxosProgress>

export function checkMultiPaxos(
  constants: MultiPaxosConstants,
  bounds: Partial<MultiPaxosBounds>,
  options: CheckMultiPaxosOptions,
): MultiPaxosReport {
  const problem = checkMultiPaxosConstants(constants)
  if (problem) throw new RangeError(problem)
  const start = options.now()
  const search = new MultiPaxosSearch(constants, bounds)
  const { progress, cancelled } = runInChunks(search, options)
  return summarize(search, progress, (options.now() - start) / 1000, cancelled)
}

export function summarize(
  search: MultiPaxosSearch,
  progress: MultiPaxosProgress,
  seconds: number,
  cancelled: boolean,
): MultiPaxosReport {
  const finding = explainMultiPaxos(search)
  const L = search.L
  const stateBits = Array.from(L.bits).reduce((a, b) => a + b, 0)
  return {
    model: 'MultiPaxos',
    constants: L.c,
    symmetryGroup: search.canon.groupSize,
    stateBits,
    bounds: search.bounds,
    ...searchFigures(progress, seconds),
    bytesUsed: progress.bytesUsed,
    bytesPerState: bytesPerState(progress.bytesUsed, progress.distinctStates),
    exhaustive: progress.done && progress.boundHit === null && progress.finding === null && !cancelled,
    boundHit: progress.boundHit,
    completedDepth: progress.completedDepth,
    cancelled,
    memoryMessage: search.memoryMessage,
    violation: finding?.kind === 'invariant' ? finding : null,
    deadlock: finding?.kind === 'deadlock' ? finding : null,
  }
}

/** Bits per packed state for these constants (for displays before a run). */
export const multiPaxosStateBits = (c: MultiPaxosConstants): number =>
  Array.from(buildLayout(c).bits).reduce((a, b) => a + b, 0)
