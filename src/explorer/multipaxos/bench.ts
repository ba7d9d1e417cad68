/**
 * Benchmark of MultiPaxos spec mode for `npm run bench`: MultiPaxos_MC_small.cfg (3 replicas,
 * writes {w1}, reads {r1}, MaxBallot 2, symmetry): 343,796 distinct states. One warm-up run for
 * the JIT, then the median of `repetitions` timed runs; the clock is passed in.
 */
import type { MultiPaxosConstants } from './layout.ts'
import { checkMultiPaxos, type MultiPaxosReport } from './run.ts'

export const BENCH_MULTIPAXOS_CONSTANTS: MultiPaxosConstants = {
  replicas: 3,
  writes: 1,
  reads: 1,
  maxBallot: 2,
  symmetry: true,
  bug: null,
}

export interface ExplorerMultiSpecBench {
  readonly workload: string
  readonly repetitions: number
  readonly distinctStates: number
  readonly statesGenerated: number
  readonly tlcDepth: number
  /** Median over the repetitions. */
  readonly seconds: number
  readonly explorerMultiSpecStatesPerSecond: number
  readonly bytesPerState: number
  readonly secondsPerRepetition: readonly number[]
}

export function benchExplorerMultiSpec(now: () => number, repetitions = 3): ExplorerMultiSpecBench {
  const run = (): MultiPaxosReport => checkMultiPaxos(BENCH_MULTIPAXOS_CONSTANTS, {}, { now })
  run()
  const reports: MultiPaxosReport[] = []
  for (let i = 0; i < Math.max(1, repetitions); i++) reports.push(run())
  const times = reports.map((r) => r.seconds).sort((a, b) => a - b)
  const seconds = times[Math.floor(times.length / 2)] as number
  const r = reports[0] as MultiPaxosReport
  if (!r.exhaustive) throw new Error('the benchmark model must be explored exhaustively')
  return {
    workload:
      'MultiPaxos.tla (SMR) spec mode: MultiPaxos_MC_small.cfg, 3 replicas, w1, r1, MaxBallot 2, symmetry',
    repetitions: reports.length,
    distinctStates: r.distinctStates,
    statesGenerated: r.statesGenerated,
    tlcDepth: r.tlcDepth,
    seconds,
    explorerMultiSpecStatesPerSecond: Math.round(r.distinctStates / seconds),
    bytesPerState: r.bytesPerState,
    secondsPerRepetition: reports.map((x) => x.seconds),
  }
}
