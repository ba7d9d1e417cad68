import { MIB } from '../explorer/memoryBudget.ts'
import { checkSpec, type SpecReport } from '../explorer/run.ts'
import { SPEC_LIMITS, type SpecConstants } from '../explorer/universe.ts'
import type { CliResult } from './cli.ts'
import { exportMultiPaxos, exportPaxos } from '../explorer/tlaExport.ts'
import { EXPLORE_MULTI_USAGE, parseExploreMultiArgs, runExploreMulti } from './exploreMulti.ts'
import { importTrace, writeExport } from './tlcHandoff.ts'
import { EXPLORE_SIM_USAGE, runExploreSim } from './exploreSim.ts'
import type { Scenario } from '../scenarios/scenario.ts'

/** `synod explore --spec …`: exhaustive model checking of Lamport's Paxos.tla (see src/explorer). */

export const EXPLORE_USAGE = `usage: synod explore --spec [paxos] [--acceptors <n>] [--values <n>] [--max-ballot <n>]
                     [--quorum <size> | --q1 <size> --q2 <size>] [--max-states <n>] [--max-depth <n>]
                     [--max-memory <MiB>] [--json]
  Breadth-first search over every reachable state of Paxos.tla, checking agreement.
  --acceptors  ${SPEC_LIMITS.acceptors.min}..${SPEC_LIMITS.acceptors.max} (default 3)     --values  ${SPEC_LIMITS.values.min}..${SPEC_LIMITS.values.max} (default 2)
  --max-ballot ${SPEC_LIMITS.maxBallot.min}..${SPEC_LIMITS.maxBallot.max}, ballots are 0..n (default 2)
  --quorum     quorums are all sets of this many acceptors (default: a majority)
  --q1, --q2   Flexible Paxos: phase-1 (1b) and phase-2 (2b) quorum sizes (default: --quorum);
               safe when q1 + q2 > acceptors
  --max-states stop after this many distinct states (default 5000000, at most 20000000)
  --max-depth  explore at most this many steps from the initial state (default: no limit)
  --max-memory stop cleanly before the search's arrays exceed this many MiB (default 512)
exit status: 0 no violation within the bounds, 1 agreement violated, 2 bad arguments

       synod explore --spec [paxos|multipaxos] <the model's options> --export-tla <dir>
  Write MC.tla, MC.cfg and README.md to <dir>: the same model for TLC, with the command to run it.
       synod explore --import-trace <TLC's -dumpTrace json file> [--json]
  Replay a TLC counterexample of either model as Synod's own run (exit 1 if it ends in a violation).`

const MAX_STATES_LIMIT = 20_000_000
const MAX_DEPTH_LIMIT = 1_000

interface ExploreArgs {
  readonly constants: SpecConstants
  readonly maxStates: number
  readonly maxDepth: number
  /** Memory budget in bytes, when given. */
  readonly maxBytes?: number
  readonly json: boolean
}

const NUMERIC = {
  '--acceptors': { min: SPEC_LIMITS.acceptors.min, max: SPEC_LIMITS.acceptors.max },
  '--values': { min: SPEC_LIMITS.values.min, max: SPEC_LIMITS.values.max },
  '--max-ballot': { min: SPEC_LIMITS.maxBallot.min, max: SPEC_LIMITS.maxBallot.max },
  '--quorum': { min: 1, max: SPEC_LIMITS.acceptors.max },
  '--q1': { min: 1, max: SPEC_LIMITS.acceptors.max },
  '--q2': { min: 1, max: SPEC_LIMITS.acceptors.max },
  '--max-states': { min: 1, max: MAX_STATES_LIMIT },
  '--max-depth': { min: 0, max: MAX_DEPTH_LIMIT },
  '--max-memory': { min: 1, max: 2048 },
} as const
type NumericOption = keyof typeof NUMERIC

/** Parse the arguments after `explore`; a string is a one-line error. */
export function parseExploreArgs(args: readonly string[]): ExploreArgs | string {
  const nums = new Map<NumericOption, number>()
  let spec = false
  let json = false
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '--spec') spec = true
    else if (a === '--json') json = true
    else if (a in NUMERIC) {
      const opt = a as NumericOption
      const text = args[++i]
      const { min, max } = NUMERIC[opt]
      if (text === undefined || !/^\d{1,9}$/.test(text))
        return `${opt} needs a whole number in ${min}..${max}`
      const n = Number(text)
      if (n < min || n > max) return `${opt} must be in ${min}..${max}, got ${n}`
      if (nums.has(opt)) return `${opt} given twice`
      nums.set(opt, n)
    } else return `unknown option "${a}" for explore`
  }
  if (!spec) return 'explore needs --spec'
  const acceptors = nums.get('--acceptors') ?? 3
  const quorumSize = nums.get('--quorum')
  const sizes = { '--quorum': quorumSize, '--q1': nums.get('--q1'), '--q2': nums.get('--q2') }
  for (const [opt, q] of Object.entries(sizes)) {
    if (q !== undefined && q > acceptors)
      return `${opt} must be at most the number of acceptors (${acceptors}), got ${q}`
  }
  const [q1, q2] = [sizes['--q1'], sizes['--q2']]
  return {
    constants: {
      acceptors,
      values: nums.get('--values') ?? 2,
      maxBallot: nums.get('--max-ballot') ?? 2,
      ...(quorumSize === undefined ? {} : { quorumSize }),
      ...(q1 === undefined ? {} : { q1 }),
      ...(q2 === undefined ? {} : { q2 }),
    },
    maxStates: nums.get('--max-states') ?? 5_000_000,
    maxDepth: nums.get('--max-depth') ?? MAX_DEPTH_LIMIT,
    ...(nums.has('--max-memory') ? { maxBytes: (nums.get('--max-memory') as number) * MIB } : {}),
    json,
  }
}

const n = (x: number): string => x.toLocaleString('en-US')

/** The report as readable text. */
export function formatSpecReport(r: SpecReport): string {
  const c = r.constants
  const values = Array.from({ length: c.values }, (_, v) => `v${v + 1}`).join(', ')
  const lines = [
    `Paxos.tla: acceptors a1..a${c.acceptors}, values ${values}, ballots 0..${c.maxBallot}, ` +
      (c.q1 === undefined
        ? `quorums = all ${c.quorumSize}-acceptor sets (${r.quorums.length})`
        : `phase-1 quorums = all ${c.q1}-acceptor sets, phase-2 quorums = all ${c.q2 ?? c.quorumSize}-acceptor sets`),
  ]
  if (!r.quorumsIntersect)
    lines.push(`note: these quorums do not all intersect (the spec's QuorumAssumption fails)`)
  const what = r.exhaustive ? 'exhaustive' : r.violation ? 'stopped at the first violation' : 'NOT exhaustive'
  lines.push(
    `${what}: ${n(r.distinctStates)} distinct states, max depth ${r.maxDepth} (TLC prints ${r.tlcDepth}), ` +
      `${n(r.transitions)} transitions (${n(r.statesGenerated)} states generated)`,
    `${r.seconds.toFixed(3)} s, ${n(r.statesPerSecond)} states/s, ${r.bytesPerState} bytes/state, ` +
      `${r.messageUniverse} possible messages`,
  )
  if (r.boundHit === 'memory' && r.memoryMessage) lines.push(`bound hit: ${r.memoryMessage}`)
  else if (r.boundHit === 'states') {
    lines.push(
      `bound hit: --max-states ${n(r.bounds.maxStates)} reached; depths 0..${r.completedDepth} fully explored`,
    )
  } else if (r.boundHit === 'depth') {
    lines.push(
      `bound hit: --max-depth ${r.bounds.maxDepth}; every state within ${r.bounds.maxDepth} steps was found, deeper ones were not explored`,
    )
  }
  if (r.violation === null) {
    lines.push(
      r.exhaustive ? 'agreement holds in every reachable state' : 'agreement holds in every state explored',
    )
    return lines.join('\n')
  }
  lines.push(`AGREEMENT VIOLATED after ${r.violation.depth} steps (a shortest counterexample):`)
  r.violation.steps.forEach((s, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${s.label.padEnd(22)} ${s.description}`)
    lines.push(`      sends ${s.messageText}`)
  })
  const chosen = r.violation.chosen.map((w) => `${w.value} in ballot ${w.ballot} by {${w.quorum.join(', ')}}`)
  lines.push(`chosen: ${chosen.join('; ')}`)
  return lines.join('\n')
}

/** `--name <value>` once in args: the value (null if absent) and the other arguments. */
function optionValue(
  args: readonly string[],
  name: string,
): { value: string | null; rest: string[]; error?: string } {
  const at = args.indexOf(name)
  if (at < 0) return { value: null, rest: [...args] }
  const value = args[at + 1]
  const rest = [...args.slice(0, at), ...args.slice(at + 2)]
  if (value === undefined || value.startsWith('--'))
    return { value: null, rest, error: `${name} needs a path` }
  if (rest.includes(name)) return { value: null, rest, error: `${name} given twice` }
  return { value, rest }
}

const SPEC_MODELS = ['paxos', 'multipaxos'] as const

/** `--spec [paxos | multipaxos]`: which model, and the other arguments. */
function specModel(args: readonly string[]): {
  name: (typeof SPEC_MODELS)[number] | null
  rest: string[]
  error?: string
} {
  const at = args.indexOf('--spec')
  if (at < 0) return { name: null, rest: [...args] }
  const next = args[at + 1]
  const rest = [
    ...args.slice(0, at),
    ...args.slice(at + (next !== undefined && !next.startsWith('-') ? 2 : 1)),
  ]
  if (next === undefined || next.startsWith('-')) return { name: 'paxos', rest }
  if (!(SPEC_MODELS as readonly string[]).includes(next))
    return {
      name: null,
      rest,
      error: `unknown model "${next}" for --spec (known: ${SPEC_MODELS.join(', ')})`,
    }
  return { name: next as (typeof SPEC_MODELS)[number], rest }
}

/** Run `synod explore …`. Never throws for bad input. */
export function runExplore(
  args: readonly string[],
  now: () => number = () => performance.now(),
  load: (source: string) => Scenario | string = () => 'no scenario loader',
): CliResult {
  if (args.includes('--help') || args.includes('-h'))
    return {
      code: 0,
      stdout: `${EXPLORE_USAGE}\n\n${EXPLORE_MULTI_USAGE}\n\n${EXPLORE_SIM_USAGE}`,
      stderr: '',
    }
  const imported = optionValue(args, '--import-trace')
  if (imported.error) return { code: 2, stdout: '', stderr: `synod: ${imported.error}` }
  if (imported.value !== null) {
    const other = imported.rest.find((a) => a !== '--json')
    if (other)
      return { code: 2, stdout: '', stderr: `synod: --import-trace takes only --json, got "${other}"` }
    return importTrace(imported.value, imported.rest.includes('--json'))
  }
  const exported = optionValue(args, '--export-tla')
  if (exported.error) return { code: 2, stdout: '', stderr: `synod: ${exported.error}` }
  const model = specModel(exported.rest)
  if (model.error) return { code: 2, stdout: '', stderr: `synod: ${model.error}` }
  if (exported.value !== null && model.name === null)
    return { code: 2, stdout: '', stderr: 'synod: --export-tla needs --spec (paxos or multipaxos)' }
  if (model.name === 'multipaxos') {
    if (exported.value === null) return runExploreMulti(model.rest, now)
    const p = parseExploreMultiArgs(model.rest)
    if (typeof p === 'string') return { code: 2, stdout: '', stderr: `synod: ${p}` }
    return writeExport(exported.value, exportMultiPaxos(p.constants), p.json)
  }
  if (model.name === null) {
    const specOnly = args.find((a) =>
      ['--acceptors', '--values', '--max-ballot', '--quorum', '--q1', '--q2'].includes(a),
    )
    if (specOnly)
      return { code: 2, stdout: '', stderr: `synod: ${specOnly} needs --spec (model checking Paxos.tla)` }
    return runExploreSim(args, load, now)
  }
  const parsed = parseExploreArgs(['--spec', ...model.rest])
  if (typeof parsed === 'string') return { code: 2, stdout: '', stderr: `synod: ${parsed}` }
  if (exported.value !== null) return writeExport(exported.value, exportPaxos(parsed.constants), parsed.json)
  const report = checkSpec(
    parsed.constants,
    { maxStates: parsed.maxStates, maxDepth: parsed.maxDepth, maxBytes: parsed.maxBytes },
    { now },
  )
  const stdout = parsed.json ? JSON.stringify(report) : formatSpecReport(report)
  return { code: report.violation ? 1 : 0, stdout, stderr: '' }
}
