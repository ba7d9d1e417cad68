import { runToEnd, summarize, summaryLine, textTrace } from '../engine/index.ts'
import { presetById, presetIds } from '../scenarios/presets.ts'
import { parseScenario, toRunInput, type Scenario } from '../scenarios/scenario.ts'
import { runExplore } from './explore.ts'
import { decodeScenarioLink } from '../scenarios/url.ts'

/** What the CLI prints and its exit status: 0 no violation, 1 violation found, 2 bad input. */
export interface CliResult {
  readonly code: 0 | 1 | 2
  readonly stdout: string
  readonly stderr: string
}

const USAGE = `usage: synod trace <scenario.json | link> [--json]
       synod trace --preset <id> [--json]
       synod explore --spec … | synod explore (--preset <id> | <scenario>) --goal … (see explore --help)
presets: ${presetIds().join(', ')}`

const bad = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `synod: ${message}` })

/** A shared link (`https://…#s=1.…`) or a bare hash fragment rather than a file path. */
const isLink = (arg: string): boolean => /(^|#|&)s=\d+\./.test(arg)

function loadFile(path: string, readFile: (path: string) => string): Scenario | string {
  if (isLink(path)) {
    const decoded = decodeScenarioLink(path)
    return decoded.ok ? decoded.scenario : decoded.error
  }
  let text: string
  try {
    text = readFile(path)
  } catch (e) {
    const code = (e as { code?: string }).code
    return code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path} (${code ?? 'error'})`
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return `${path} is not valid JSON (${(e as Error).message})`
  }
  const parsed = parseScenario(json)
  return parsed.ok ? parsed.scenario : `${path}: ${parsed.error}`
}

/** Parse arguments, run the scenario, and format the result. Never throws for bad input. */
export function runCli(argv: readonly string[], readFile: (path: string) => string): CliResult {
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
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? ''
    if (a === '--json') json = true
    else if (a === '--preset') {
      preset = rest[++i] ?? null
      if (preset === null) return bad('--preset needs an id')
    } else if (a.startsWith('-')) return bad(`unknown option "${a}"`)
    else files.push(a)
  }
  if ((preset === null) === (files.length === 0) || files.length > 1) {
    return bad(`give exactly one scenario file or --preset <id>\n${USAGE}`)
  }
  let scenario: Scenario
  if (preset !== null) {
    const p = presetById(preset)
    if (!p) return bad(`unknown preset "${preset}" (known: ${presetIds().join(', ')})`)
    scenario = p.scenario
  } else {
    const loaded = loadFile(files[0] ?? '', readFile)
    if (typeof loaded === 'string') return bad(loaded)
    scenario = loaded
  }
  const sim = runToEnd(toRunInput(scenario))
  const summary = summarize(sim.state)
  const stdout = json
    ? JSON.stringify({ summary, events: sim.log })
    : `${textTrace(sim.log)}\n${summaryLine(summary)}`
  return { code: summary.violations > 0 ? 1 : 0, stdout, stderr: '' }
}
