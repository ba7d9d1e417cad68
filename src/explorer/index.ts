/** Spec mode of the explorer: exhaustive model checking of Lamport's Paxos.tla. */
export { benchExplorerSpec, BENCH_SPEC_CONSTANTS, type ExplorerSpecBench } from './bench.ts'
export { checkSpec, type CheckSpecOptions, type SpecReport } from './run.ts'
export { chosenValues } from './agreement.ts'
export {
  createSpecExplorer,
  DEFAULT_SPEC_BOUNDS,
  type BoundHit,
  type SpecBounds,
  type SpecExplorer,
  type SpecProgress,
} from './spec.ts'
export { explainViolation, type ChosenWitness, type SpecStep, type SpecViolation } from './trace.ts'
export {
  buildUniverse,
  checkConstants,
  formatMessage,
  SPEC_LIMITS,
  type SpecConstants,
  type SpecMessage,
  type Universe,
} from './universe.ts'
