/** Runs a spec-mode search to the end in chunks (see chunks.ts) and summarises it. */
import { runInChunks, searchFigures, type ChunkOptions, type SearchFigures } from './chunks.ts'
import { createSpecExplorer, type BoundHit, type SpecBounds, type SpecProgress } from './spec.ts'
import { explainViolation, type SpecViolation } from './trace.ts'
import { acceptorName, majority, type SpecConstants } from './universe.ts'

/** A finished spec-mode check: its model, its figures (see chunks.ts) and its verdict. */
export interface SpecReport extends SearchFigures {
  readonly constants: Required<Omit<SpecConstants, 'q1' | 'q2'>> & Pick<SpecConstants, 'q1' | 'q2'>
  readonly quorums: readonly (readonly string[])[]
  /** Whether every two quorums intersect (the spec's QuorumAssumption). */
  readonly quorumsIntersect: boolean
  /** Size of the universe of possible messages (= bits per state). */
  readonly messageUniverse: number
  readonly bounds: SpecBounds
  readonly bytesUsed: number
  readonly bytesPerState: number
  /** True when every reachable state was explored (no bound hit, not cancelled, no violation). */
  readonly exhaustive: boolean
  readonly boundHit: BoundHit
  /** Deepest level whose states were all expanded; with a bound hit, the search covered this much. */
  readonly completedDepth: number
  readonly cancelled: boolean
  /** Why the memory budget stopped the search, if it did. */
  readonly memoryMessage: string | null
  readonly violation: SpecViolation | null
}

export type CheckSpecOptions = ChunkOptions<SpecProgress>

export function checkSpec(
  constants: SpecConstants,
  bounds: Partial<SpecBounds>,
  options: CheckSpecOptions,
): SpecReport {
  const start = options.now()
  const explorer = createSpecExplorer(constants, bounds)
  const { progress, cancelled } = runInChunks(explorer, options)
  const violation = explainViolation(explorer)
  const seconds = (options.now() - start) / 1000
  const u = explorer.universe
  const quorums = u.quorums.map((q) =>
    Array.from({ length: u.acceptors }, (_, a) => a)
      .filter((a) => q & (1 << a))
      .map(acceptorName),
  )
  return {
    constants: {
      acceptors: u.acceptors,
      values: u.values,
      maxBallot: u.ballots - 1,
      quorumSize: constants.quorumSize ?? majority(u.acceptors),
      ...(u.q2 !== u.quorumSize && { q1: u.quorumSize, q2: u.q2 }),
    },
    quorums,
    // Paxos.tla's QuorumAssumption, in Flexible Paxos's form: every phase-1 quorum meets every
    // phase-2 quorum (for majorities, every two quorums meet).
    quorumsIntersect: u.quorums.every((p) => u.quorums2.every((q) => (p & q) !== 0)),
    messageUniverse: u.messages.length,
    bounds: explorer.bounds,
    ...searchFigures(progress, seconds),
    bytesUsed: explorer.bytesUsed(),
    bytesPerState: Math.round((explorer.bytesUsed() / progress.distinctStates) * 10) / 10,
    exhaustive: progress.done && progress.boundHit === null && !progress.violationFound,
    boundHit: progress.boundHit,
    completedDepth: progress.completedDepth,
    cancelled,
    memoryMessage: explorer.memoryMessage,
    violation,
  }
}
