import {
  protocolPreset,
  protocolPresetIds,
  runProtocolPreset,
  runOnModule,
  moduleFor,
  configProblems,
  quorumsIntersect,
  runToEnd,
  summarize,
  summaryLine,
  textTrace,
} from '../engine/index.ts'
import { presetById, presetIds } from '../scenarios/presets.ts'
import { fileSizeProblem, looksLikeLink, MAX_FILE_BYTES, parseScenarioBytes } from '../scenarios/input.ts'
import { toRunInput, type Scenario } from '../scenarios/scenario.ts'
import { decodeScenarioLink } from '../scenarios/url.ts'
import { runExplore } from './explore.ts'
import type { ReadFile } from './readInput.ts'

/** What the CLI prints and its exit status: 0 no violation, 1 violation found, 2 bad input. */
export interface CliResult {
  readonly code: 0 | 1 | 2
  readonly stdout: string
  readonly stderr: string
}

const USAGE = `usage: synod trace <scenario.json | link> [--json] [--q1 N] [--q2 N]
       synod trace --preset <id> [--json] [--q1 N] [--q2 N]
       (--q1/--q2: Paxos's phase-1/phase-2 quorum sizes; q1 + q2 ≤ n runs the broken variant)
       synod explore --spec … | synod explore (--preset <id> | <scenario>) --goal … (see explore --help)
presets: ${[...presetIds(), ...protocolPresetIds()].join(', ')}`

const bad = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `synod: ${message}` })

/**
 * A scenario from a link or a file, through the same decoding as the app (src/scenarios/input.ts),
 * so both accept and refuse the same inputs with the same messages; or the message.
 */
function loadFile(path: string, readFile: ReadFile): Scenario | string {
  if (looksLikeLink(path)) {
    const decoded = decodeScenarioLink(path)
    return decoded.ok ? decoded.scenario : decoded.error
  }
  let read: ReturnType<ReadFile>
  try {
    read = readFile(path, MAX_FILE_BYTES)
  } catch (e) {
    const code = (e as { code?: string }).code
    return code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path} (${code ?? 'error'})`
  }
  if ('tooLarge' in read)
    return `${path}: ${fileSizeProblem(read.tooLarge, read.exact) ?? 'the file is too large'}`
  const parsed = parseScenarioBytes(read.bytes)
  return parsed.ok ? parsed.scenario : `${path}: ${parsed.error}`
}

/** Parse arguments, run the scenario, and format the result. Never throws for bad input. */
export function runCli(argv: readonly string[], readFile: ReadFile): CliResult {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h') {
    return { code: command ? 0 : 2, stdout: command ? USAGE : '', stderr: command ? '' : USAGE }
  }
  if (command === 'explore')
    return runExplore(
      rest,
      () => performance.now(),
      (src) => loadFile(src, readFile),
    )
  if (command !== 'trace') return bad(`unknown command "${command}"\n${USAGE}`)
  let json = false
  let preset: string | null = null
  const files: string[] = []
  const quorums: { q1?: number; q2?: number } = {}
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? ''
    if (a === '--help' || a === '-h') return { code: 0, stdout: USAGE, stderr: '' }
    if (a === '--json') json = true
    else if (a === '--preset') {
      preset = rest[++i] ?? null
      if (preset === null) return bad('--preset needs an id')
    } else if (a === '--q1' || a === '--q2') {
      const n = Number(rest[++i])
      if (!Number.isInteger(n) || n < 1) return bad(`${a} needs a whole number of at least 1`)
      quorums[a === '--q1' ? 'q1' : 'q2'] = n
    } else if (a.startsWith('-')) return bad(`unknown option "${a}"`)
    else files.push(a)
  }
  if ((preset === null) === (files.length === 0) || files.length > 1) {
    return bad(`give exactly one scenario file or --preset <id>\n${USAGE}`)
  }
  let scenario: Scenario
  if (preset !== null) {
    // A protocol module's own preset (e.g. Multi-Paxos) runs on its module; the rest are Paxos's.
    const found = presetById(preset) ? null : protocolPreset(preset)
    if (found) {
      const run = runProtocolPreset(found.module, found.preset)
      const stdout = json
        ? JSON.stringify({ summary: run.summary, events: run.log })
        : `${run.text}\n${run.line}`
      return { code: run.summary.violations > 0 ? 1 : 0, stdout, stderr: '' }
    }
    const p = presetById(preset)
    if (!p)
      return bad(`unknown preset "${preset}" (known: ${[...presetIds(), ...protocolPresetIds()].join(', ')})`)
    scenario = p.scenario
  } else {
    const loaded = loadFile(files[0] ?? '', readFile)
    if (typeof loaded === 'string') return bad(loaded)
    scenario = loaded
  }
  const withQuorums = overrideQuorums(scenario, quorums)
  if (typeof withQuorums === 'string') return bad(withQuorums)
  if ((scenario.protocol ?? 'paxos') !== 'paxos') {
    // Another protocol's scenario (e.g. Multi-Paxos) runs on its own module, in its own words.
    const { protocol, ...input } = toRunInput(scenario)
    const run = runOnModule(moduleFor(protocol), input)
    const stdout = json
      ? JSON.stringify({ summary: run.summary, events: run.log })
      : `${run.text}\n${run.line}`
    return { code: run.summary.violations > 0 ? 1 : 0, stdout, stderr: '' }
  }
  const sim = runToEnd(toRunInput(withQuorums.scenario))
  const summary = summarize(sim.state)
  const stdout = json
    ? JSON.stringify({ summary, events: sim.log })
    : `${textTrace(sim.log)}\n${summaryLine(sim.state)}`
  return { code: summary.violations > 0 ? 1 : 0, stdout, stderr: withQuorums.note }
}

/**
 * The scenario with `--q1`/`--q2` applied. Sizes that do not intersect (q1 + q2 ≤ n) run only as
 * the broken variant, which is switched on and said on stderr; or why the sizes cannot run.
 */
function overrideQuorums(
  scenario: Scenario,
  q: { q1?: number; q2?: number },
): { scenario: Scenario; note: string } | string {
  if (q.q1 === undefined && q.q2 === undefined) return { scenario, note: '' }
  if ((scenario.protocol ?? 'paxos') !== 'paxos') return '--q1/--q2 apply to Paxos scenarios only'
  const config = { ...scenario.config, ...q }
  const unsafe = !quorumsIntersect(config)
  const run = unsafe ? { ...config, bugs: { ...config.bugs, smallQuorum: true } } : config
  const problem = configProblems(run)[0]
  if (problem !== undefined) return problem
  const note = unsafe
    ? `synod: note: q1 + q2 ≤ ${run.processCount}: quorums need not intersect, so this runs the broken variant (bugs.smallQuorum)`
    : ''
  return { scenario: { ...scenario, config: run }, note }
}
