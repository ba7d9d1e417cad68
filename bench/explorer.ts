/**
 * Explorer entries of `npm run bench` (called once from bench/run.ts):
 * - `explorerSpecStatesPerSecond`: spec mode, Paxos.tla with 3 acceptors, 2 values, ballots 0..2,
 *   exhaustive (src/explorer/bench.ts, median of 5 runs after a warm-up);
 * - `explorerSimStatesPerSecond`: the schedule search on the bug-amnesia preset's explorer
 *   defaults (first proposal, budgets 2 crashes, 1 recovery, 1 proposal), goal "agreement is
 *   violated", run until the shortest counterexample is found (median of 3 runs after a warm-up).
 * - `explorerMultiPaxosSimStatesPerSecond`: the schedule search on a Multi-Paxos run, the
 *   mp-bug-skip-phase1 preset's one-click search (from step 26, 1 crash, 1 request, goal
 *   "per-slot agreement", the preset's ⚠ pill; until 05e96f4 "executed prefixes agree", 45,729
 *   states at depth 35 against 29,833 at depth 29 now, so states/s of the two are not one
 *   series), until found (median of 3 runs after a warm-up).
 * - `explorerMultiSpecStatesPerSecond`: spec mode on the SMR-style MultiPaxos model,
 *   MultiPaxos_MC_small.cfg (343,796 distinct states; median of 3 runs after a warm-up).
 * All count distinct states per wall-clock second, in this (Node) process.
 */
import { benchExplorerSpec } from '../src/explorer/bench.ts'
import { benchExplorerMultiSpec } from '../src/explorer/multipaxos/bench.ts'
import { createSimSearch, NO_BUDGETS } from '../src/explorer/simSearch.ts'
import { anyPresetById } from '../src/scenarios/presets.ts'

const SIM_REPETITIONS = 3

interface SimRun {
  distinctStates: number
  depth: number
  transitions: number
  seconds: number
  found: boolean
}

/** One preset's one-click search ("Find a violation"), until found. */
function simRun(id: string): SimRun {
  const preset = anyPresetById(id)
  if (!preset?.explore) throw new Error(`the ${id} preset needs explorer defaults`)
  const start = performance.now()
  const search = createSimSearch(
    { ...preset.scenario, interventions: preset.explore.interventions },
    {
      fromStep: preset.explore.fromStep ?? 0,
      goal: { id: preset.explore.goal ?? 'agreement' },
      budgets: { ...NO_BUDGETS, ...preset.explore.budgets },
      bounds: { maxStates: 300_000, maxDepth: 300 },
    },
  )
  let p = search.runFor(20_000)
  while (!p.done) p = search.runFor(20_000)
  const seconds = (performance.now() - start) / 1000
  return {
    distinctStates: p.distinctStates,
    depth: p.depth,
    transitions: p.transitions,
    seconds,
    found: p.found !== null,
  }
}

/** A warm-up, then the median of SIM_REPETITIONS runs of `id`'s one-click search. */
function medianSim(id: string): { sim: SimRun; sims: SimRun[] } {
  simRun(id)
  const sims = Array.from({ length: SIM_REPETITIONS }, () => simRun(id)).sort((a, b) => a.seconds - b.seconds)
  const sim = sims[Math.floor(sims.length / 2)] ?? sims[0]
  if (!sim?.found) throw new Error(`the schedule search must find the ${id} counterexample`)
  return { sim, sims }
}

/** Measure both explorer modes; returns the fields to merge into results.json. */
export function benchExplorer() {
  const spec = benchExplorerSpec(() => performance.now())
  const multi = benchExplorerMultiSpec(() => performance.now())
  const { sim, sims } = medianSim('bug-amnesia')
  const explorerSimStatesPerSecond = Math.round(sim.distinctStates / sim.seconds)
  const mp = medianSim('mp-bug-skip-phase1')
  const explorerMultiPaxosSimStatesPerSecond = Math.round(mp.sim.distinctStates / mp.sim.seconds)
  const rows = [
    {
      workload: spec.workload,
      distinctStates: spec.distinctStates,
      depth: spec.maxDepth,
      seconds: Number(spec.seconds.toFixed(3)),
      statesPerSecond: spec.explorerSpecStatesPerSecond,
    },
    {
      workload: multi.workload,
      distinctStates: multi.distinctStates,
      depth: multi.tlcDepth - 1,
      seconds: Number(multi.seconds.toFixed(3)),
      statesPerSecond: multi.explorerMultiSpecStatesPerSecond,
    },
    {
      workload: 'schedule search: bug-amnesia explore defaults, goal agreement, until found',
      distinctStates: sim.distinctStates,
      depth: sim.depth,
      seconds: Number(sim.seconds.toFixed(3)),
      statesPerSecond: explorerSimStatesPerSecond,
    },
    {
      workload: 'schedule search: mp-bug-skip-phase1 one-click search, until found',
      distinctStates: mp.sim.distinctStates,
      depth: mp.sim.depth,
      seconds: Number(mp.sim.seconds.toFixed(3)),
      statesPerSecond: explorerMultiPaxosSimStatesPerSecond,
    },
  ]
  console.table(rows)
  return {
    explorerSpecStatesPerSecond: spec.explorerSpecStatesPerSecond,
    explorerSimStatesPerSecond,
    explorerMultiPaxosSimStatesPerSecond,
    explorerMultiSpecStatesPerSecond: multi.explorerMultiSpecStatesPerSecond,
    explorer: {
      multiSpec: multi,
      spec: { ...spec, configuration: '3 acceptors, 2 values, ballots 0..2, majority quorums' },
      sim: {
        configuration:
          'bug-amnesia preset, explore defaults (propose A at step 0; crashes 2, recoveries 1, proposals 1), ' +
          'goal agreement violated, bounds 300000 states / depth 300, from step 0',
        repetitions: SIM_REPETITIONS,
        distinctStates: sim.distinctStates,
        depth: sim.depth,
        transitions: sim.transitions,
        seconds: sim.seconds,
        secondsPerRepetition: sims.map((s) => s.seconds),
      },
      multiPaxosSim: {
        configuration:
          'mp-bug-skip-phase1 preset, one-click search (partition at 1, heal at 26; from step 26; ' +
          'crashes 1, proposals 1), goal prefix-agreement, bounds 300000 states / depth 300',
        repetitions: SIM_REPETITIONS,
        distinctStates: mp.sim.distinctStates,
        depth: mp.sim.depth,
        transitions: mp.sim.transitions,
        seconds: mp.sim.seconds,
        secondsPerRepetition: mp.sims.map((s) => s.seconds),
      },
    },
  }
}
