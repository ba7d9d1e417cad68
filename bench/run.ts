/**
 * `npm run bench`: measures how fast the engine produces events, and writes bench/results.json.
 *
 * Main workload (`engineEventsPerSecond`): the lecture's dueling proposers (5 processes, P1 and P3
 * propose at once, fixed retry delay of 1 tick) with 10% message loss and a step limit of 200000.
 * Loss eventually lets one proposer through, so each run ends after a few hundred steps; the
 * benchmark runs seeds 1, 2, 3, … until at least one second of work is done, and reports the
 * median of five such repetitions.
 *
 * Long-run workload (`longRunEventsPerSecond`): the same livelock without loss, which runs all
 * 200000 steps in one simulator, so the log, the snapshots and the ghost state grow large.
 *
 * Same-length workload (`sameLength`): the livelock cut at 23,000 steps (`SAME_LENGTH_STEPS`),
 * about as many events per run (59,178) as Multi-Paxos's 1,000-command run (58,515 for
 * seed 1), run after run as the main workload is. Issue 11 compares Multi-Paxos with the main
 * workload, whose runs are a few hundred events; a run's length alone moves the events per second
 * by about 2× (its log survives the collector's young generation), so this is the like-for-like
 * number beside it.
 *
 * Then Multi-Paxos (bench/multipaxos.ts), issue 11's ratio (`pairedRatio.ts`) and the explorer
 * (bench/explorer.ts).
 *
 * `npx tsx bench/run.ts engine multipaxos` runs only the named parts (`engine`, `explorer`,
 * `multipaxos`) and prints their numbers without writing bench/results.json: for A/B comparisons
 * of one part, back to back.
 *
 * Benchmarks measure; no test asserts on time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ENGINE_VERSION, runToEnd, type RunInput } from '../src/engine/index.ts'
import { presetById } from '../src/scenarios/presets.ts'
import { benchExplorer } from './explorer.ts'
import { benchMultiPaxos, multiPaxosRepetition } from './multipaxos.ts'
import { pairedRatio } from './pairedRatio.ts'

const REPETITIONS = 5
const LONG_REPETITIONS = 3
const MIN_WORK_MS = 1000
/**
 * The warm-up before the measured repetitions: at least this many runs and this much time. A
 * process still compiles and deoptimizes for its first 4,000–5,000 dueling runs (`--trace-opt
 * --trace-deopt`, 2026-12-03); the old warm-up of 300 ms was about 1,200 runs quiet and a few
 * hundred under load, so the JIT's work fell into the measured repetitions, which then rose by
 * up to 1.7× from one run of the bench to the next. As long as Multi-Paxos's warm-up.
 */
const WARM_UP_RUNS = 6_000
const WARM_UP_MS = 2_000
const MAX_STEPS = 200_000
/** Steps of a same-length run: the livelock's 23,000 steps log 59,178 events (see the top). */
const SAME_LENGTH_STEPS = 23_000

interface Repetition {
  runs: number
  steps: number
  events: number
  /** Wall-clock time spent inside the engine. */
  ms: number
  /** CPU time of this process over the same work: less sensitive to other load on the machine. */
  cpuMs: number
  /** Narrating the logs afterwards (reading `sim.log`: see `Simulator.log`), which `ms` leaves out. */
  textMs: number
}

function dueling(seed: number, lossPercent: number, maxSteps = MAX_STEPS): RunInput {
  const preset = presetById('dueling')
  if (!preset) throw new Error('the dueling preset is missing')
  const s = preset.scenario
  return { seed, config: { ...s.config, lossPercent, maxSteps }, interventions: s.interventions }
}

/**
 * Run inputs in turn (seeds 1, 2, …) until at least `minMs` of engine work has been measured and
 * at least `minRuns` runs made.
 */
function repetition(minMs: number, input: (seed: number) => RunInput, minRuns = 1): Repetition {
  const r: Repetition = { runs: 0, steps: 0, events: 0, ms: 0, cpuMs: 0, textMs: 0 }
  for (let seed = 1; r.runs < minRuns || r.ms < minMs; seed++) {
    const run = input(seed)
    const cpu = process.cpuUsage()
    const start = performance.now()
    const sim = runToEnd(run)
    r.ms += performance.now() - start
    const used = process.cpuUsage(cpu)
    r.cpuMs += (used.user + used.system) / 1000
    r.runs++
    r.steps += sim.state.step
    const text = performance.now()
    r.events += sim.log.length
    r.textMs += performance.now() - text
  }
  return r
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}

const perSecond = (n: number, ms: number): number => Math.round((n / ms) * 1000)

function rowsOf(name: string, reps: Repetition[]) {
  return reps.map((r, i) => ({
    workload: name,
    repetition: i + 1,
    runs: r.runs,
    steps: r.steps,
    events: r.events,
    ms: Math.round(r.ms),
    cpuMs: Math.round(r.cpuMs),
    eventsPerSecond: perSecond(r.events, r.ms),
    eventsPerCpuSecond: perSecond(r.events, r.cpuMs),
    eventsPerSecondWithText: perSecond(r.events, r.ms + r.textMs),
    stepsPerSecond: perSecond(r.steps, r.ms),
  }))
}

const SAME_LENGTH = `dueling livelock, runs of ${SAME_LENGTH_STEPS} steps`

const PARTS = ['engine', 'explorer', 'multipaxos'] as const
type Part = (typeof PARTS)[number]

function engineBench() {
  const lossy = (seed: number) => dueling(seed, 10)
  repetition(WARM_UP_MS, lossy, WARM_UP_RUNS) // warm up the JIT (not counted)
  const reps = Array.from({ length: REPETITIONS }, () => repetition(MIN_WORK_MS, lossy))
  const longReps = Array.from({ length: LONG_REPETITIONS }, () => repetition(0, () => dueling(1, 0)))
  const sameLength = (seed: number) => dueling(seed, 0, SAME_LENGTH_STEPS)
  repetition(WARM_UP_MS, sameLength, 10) // this workload's own warm-up (not counted)
  const sameReps = Array.from({ length: REPETITIONS }, () => repetition(MIN_WORK_MS, sameLength))
  const rows = [
    ...rowsOf('dueling, 10% loss, many runs', reps),
    ...rowsOf('dueling livelock, one run', longReps),
    ...rowsOf(SAME_LENGTH, sameReps),
  ]
  console.table(rows)
  const main = rows.filter((r) => r.workload.endsWith('many runs'))
  const long = rows.filter((r) => r.workload.endsWith('one run'))
  const same = rows.filter((r) => r.workload === SAME_LENGTH)
  const events = reps.reduce((a, r) => a + r.events, 0)
  const steps = reps.reduce((a, r) => a + r.steps, 0)
  const results = {
    workload: `dueling preset, 5 processes, lossPercent 10, retry fixed 1 tick, maxSteps ${MAX_STEPS}, seeds 1..n`,
    repetitions: REPETITIONS,
    minWorkMsPerRepetition: MIN_WORK_MS,
    warmUp: `at least ${WARM_UP_RUNS} runs and ${WARM_UP_MS} ms, not counted`,
    engineEventsPerSecond: median(main.map((r) => r.eventsPerSecond)),
    engineEventsPerCpuSecond: median(main.map((r) => r.eventsPerCpuSecond)),
    engineEventsPerSecondWithText: median(main.map((r) => r.eventsPerSecondWithText)),
    engineStepsPerSecond: median(main.map((r) => r.stepsPerSecond)),
    eventsPerStep: Number((events / steps).toFixed(2)),
    longRun: {
      workload: `dueling preset without loss: one livelocked run of ${MAX_STEPS} steps`,
      repetitions: LONG_REPETITIONS,
      eventsPerSecond: median(long.map((r) => r.eventsPerSecond)),
      events: long[0]?.events ?? 0,
    },
    sameLength: {
      workload: `dueling preset without loss, runs of ${SAME_LENGTH_STEPS} steps (as many events as the Multi-Paxos run), seeds 1..n`,
      repetitions: REPETITIONS,
      eventsPerRun: Math.round((sameReps[0]?.events ?? 0) / (sameReps[0]?.runs ?? 1)),
      eventsPerSecond: median(same.map((r) => r.eventsPerSecond)),
      eventsPerCpuSecond: median(same.map((r) => r.eventsPerCpuSecond)),
    },
    rows,
  }
  console.log(`engineEventsPerSecond (median of ${REPETITIONS}): ${results.engineEventsPerSecond}`)
  console.log(`engineEventsPerCpuSecond (median): ${results.engineEventsPerCpuSecond}`)
  console.log(
    `engineEventsPerSecondWithText (median, every sentence made): ${results.engineEventsPerSecondWithText}`,
  )
  console.log(`longRun.eventsPerSecond (median of ${LONG_REPETITIONS}): ${results.longRun.eventsPerSecond}`)
  console.log(
    `sameLength.eventsPerSecond (median of ${REPETITIONS}, ${results.sameLength.eventsPerRun} events a run): ${results.sameLength.eventsPerSecond}; per CPU second: ${results.sameLength.eventsPerCpuSecond}`,
  )
  return results
}

/** Pairs of repetitions for issue 11's ratio (see `pairedRatio.ts`). */
const RATIO_PAIRS = 6

/**
 * Issue 11's number, Multi-Paxos's events per second within 2× of single-decree's: the ratio of
 * the two headline medians (measured minutes apart), the same against single-decree runs as long
 * as Multi-Paxos's, and the median of pairs measured back to back (`pairedRatio.ts`), which is the
 * one the moment's load does not move.
 */
function issue11Ratio(engine: ReturnType<typeof engineBench>, multi: ReturnType<typeof multiPaxosBench>) {
  const wall = engine.engineEventsPerSecond / multi.multiPaxosEventsPerSecond
  const cpu = engine.engineEventsPerCpuSecond / multi.multiPaxosEventsPerCpuSecond
  console.log(
    `single-decree / Multi-Paxos events per second, the headline medians: ${wall.toFixed(2)}× wall, ${cpu.toFixed(2)}× per CPU second`,
  )
  const sameWall = engine.sameLength.eventsPerSecond / multi.multiPaxosEventsPerSecond
  const sameCpu = engine.sameLength.eventsPerCpuSecond / multi.multiPaxosEventsPerCpuSecond
  console.log(
    `the same, single-decree runs as long as Multi-Paxos's: ${sameWall.toFixed(2)}× wall, ${sameCpu.toFixed(2)}× per CPU second`,
  )
  const lossy = (seed: number) => dueling(seed, 10)
  const paired = pairedRatio(
    RATIO_PAIRS,
    () => repetition(MIN_WORK_MS, lossy),
    () => multiPaxosRepetition(MIN_WORK_MS),
  )
  console.table(paired.pairs)
  console.log(
    `single-decree / Multi-Paxos, ${RATIO_PAIRS} pairs measured back to back (median): ${paired.wall}× wall, ${paired.cpu}× per CPU second (goal: within 2×)`,
  )
  return paired
}

function explorerBench() {
  const explorer = benchExplorer()
  console.log(
    `explorerSpecStatesPerSecond: ${explorer.explorerSpecStatesPerSecond}; explorerSimStatesPerSecond: ${explorer.explorerSimStatesPerSecond}; ` +
      `explorerMultiSpecStatesPerSecond: ${explorer.explorerMultiSpecStatesPerSecond}`,
  )
  return explorer
}

function multiPaxosBench() {
  const multi = benchMultiPaxos()
  const cold = multi.multiPaxosColdRun
  console.table(multi.multiPaxosRepetitions)
  console.log(
    `multiPaxosEventsPerSecond (median of ${multi.multiPaxosRepetitions.length}, after a warm-up): ${multi.multiPaxosEventsPerSecond}; per CPU second: ${multi.multiPaxosEventsPerCpuSecond}; ` +
      `with every sentence made: ${multi.multiPaxosEventsPerSecondWithText}; ` +
      `the warm-up run (cold): ${perSecond(cold.events, cold.ms)} (${Math.round(cold.ms)} ms)`,
  )
  return {
    multiPaxosEventsPerSecond: multi.multiPaxosEventsPerSecond,
    multiPaxosEventsPerCpuSecond: multi.multiPaxosEventsPerCpuSecond,
    multiPaxosEventsPerSecondWithText: multi.multiPaxosEventsPerSecondWithText,
    multiPaxos: {
      workload:
        'Multi-Paxos, 5 replicas, 2 clients × 500 commands, lossPercent 5, leader crash after 300 answers; ' +
        `a warm-up (one run, then an uncounted repetition of at least 40 runs and 2 s), then ${multi.multiPaxosRepetitions.length} repetitions of seeds 1..n of at least 1 s each; coldRun is the first run`,
      repetitions: multi.multiPaxosRepetitions,
      coldRun: {
        ...cold,
        ms: Math.round(cold.ms),
        cpuMs: Math.round(cold.cpuMs),
        textMs: Math.round(cold.textMs),
      },
    },
  }
}

function main(): void {
  const asked = process.argv.slice(2)
  const unknown = asked.filter((a) => !(PARTS as readonly string[]).includes(a))
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`)
  const runs = (part: Part): boolean => asked.length === 0 || asked.includes(part)
  const load = Number((loadavg()[0] ?? 0).toFixed(2))
  const engine = runs('engine') ? engineBench() : null
  const multi = runs('multipaxos') ? multiPaxosBench() : null
  const paired = engine && multi ? issue11Ratio(engine, multi) : null
  // The explorer last, so that nothing else runs in this process between the two engines'
  // measurements (it used to run between them).
  const explorer = runs('explorer') ? explorerBench() : null
  console.log(`load average (1 min) before: ${load}, after: ${(loadavg()[0] ?? 0).toFixed(2)}`)
  if (!engine || !explorer || !multi) return
  const results = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    date: new Date().toISOString(),
    engineVersion: ENGINE_VERSION,
    loadAverage1m: load,
    ...engine,
    ...explorer,
    ...multi,
    issue11Paired: paired,
  }
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json')
  // Keep the browser numbers (bench/browser.ts merges them in) when only this part is re-run.
  const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { browser?: unknown }) : {}
  const merged = previous.browser === undefined ? results : { ...results, browser: previous.browser }
  writeFileSync(out, `${JSON.stringify(merged, null, 2)}\n`)
  console.log(`wrote ${out}`)
}
main()
