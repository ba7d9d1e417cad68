/**
 * Benchmark of spec mode for `npm run bench`: exhaustive search of Paxos.tla with 3 acceptors,
 * 2 values and ballots 0..2 (185 369 distinct states). One warm-up run for the JIT, then the
 * median of `repetitions` timed runs. The clock is passed in to keep this module free of globals:
 * call `benchExplorerSpec(() => performance.now())`.
 */
import { checkSpec, type SpecReport } from './run.ts'
import type { SpecConstants } from './universe.ts'

export const BENCH_SPEC_CONSTANTS: SpecConstants = { acceptors: 3, values: 2, maxBallot: 2 }

export interface ExplorerSpecBench {
  readonly workload: string
  readonly repetitions: number
  readonly distinctStates: number
  readonly maxDepth: number
  readonly transitions: number
  /** Median over the repetitions. */
  readonly seconds: number
  /** Distinct states per second, from the median time. */
  readonly explorerSpecStatesPerSecond: number
  readonly transitionsPerSecond: number
  readonly bytesPerState: number
  readonly secondsPerRepetition: readonly number[]
}

export function benchExplorerSpec(now: () => number, repetitions = 5): ExplorerSpecBench {
  const run = (): SpecReport => checkSpec(BENCH_SPEC_CONSTANTS, {}, { now })
  run()
  const reports: SpecReport[] = []
  for (let i = 0; i < Math.max(1, repetitions); i++) reports.push(run())
  const times = reports.map((r) => r.seconds).sort((a, b) => a - b)
  const seconds = times[Math.floor(times.length / 2)] as number
  const r = reports[0] as SpecReport
  if (r.violation !== null || !r.exhaustive)
    throw new Error('the benchmark model must be explored exhaustively')
  return {
    workload: 'Paxos.tla spec mode: 3 acceptors, 2 values, ballots 0..2, majority quorums, exhaustive BFS',
    repetitions: reports.length,
    distinctStates: r.distinctStates,
    maxDepth: r.maxDepth,
    transitions: r.transitions,
    seconds,
    explorerSpecStatesPerSecond: Math.round(r.distinctStates / seconds),
    transitionsPerSecond: Math.round(r.transitions / seconds),
    bytesPerState: r.bytesPerState,
    secondsPerRepetition: reports.map((x) => x.seconds),
  }
}
