import { MIB } from '../explorer/memoryBudget.ts'
import {
  MULTIPAXOS_BUGS,
  MULTIPAXOS_LIMITS,
  type MultiPaxosBug,
  type MultiPaxosConstants,
} from '../explorer/multipaxos/layout.ts'
import { checkMultiPaxos, type MultiPaxosReport } from '../explorer/multipaxos/run.ts'
import type { MultiPaxosBounds } from '../explorer/multipaxos/search.ts'
import type { MultiPaxosViolation } from '../explorer/multipaxos/trace.ts'
import type { CliResult } from './cli.ts'

/** `synod explore --spec multipaxos …`: the SMR-style MultiPaxos model (src/explorer/multipaxos). */

const L = MULTIPAXOS_LIMITS
export const EXPLORE_MULTI_USAGE = `usage: synod explore --spec multipaxos [--replicas <n>] [--writes <n>] [--reads <n>]
                     [--max-ballot <n>] [--no-symmetry] [--bug <name>]
                     [--max-states <n>] [--max-depth <n>] [--max-memory <MiB>] [--json]
  Breadth-first search over every reachable state of MultiPaxos.tla (tlaplus/Examples
  MultiPaxos-SMR), checking TypeOK, Linearizability and deadlock (the model's termination check).
  --replicas   ${L.replicas.min}..${L.replicas.max} (default 3)   --writes ${L.writes.min}..${L.writes.max} (default 1)   --reads ${L.reads.min}..${L.reads.max} (default 1)
               at most ${L.commands.max} commands in all
  --max-ballot ${L.maxBallot.min}..${L.maxBallot.max}, ballots are 1..n (default 2)
  --no-symmetry  count every state (default: one per orbit of replica, write and read
               permutations, as TLC with MultiPaxos_MC.tla's SYMMETRY SymmetricPerms)
  --bug        ${MULTIPAXOS_BUGS.join(' | ')}: commit with one accept reply too few
               (linearizability fails) | HandleAccept sends no reply (the model deadlocks)
  --max-memory stop cleanly before the search's arrays exceed this many MiB (default 512)
exit status: 0 nothing found, 1 an invariant violated or a deadlock, 2 bad arguments`

const NUMERIC = {
  '--replicas': [L.replicas.min, L.replicas.max],
  '--writes': [L.writes.min, L.writes.max],
  '--reads': [L.reads.min, L.reads.max],
  '--max-ballot': [L.maxBallot.min, L.maxBallot.max],
  '--max-states': [1, 100_000_000],
  '--max-depth': [0, 1_000],
  '--max-memory': [1, 2048],
} as const
type NumericOption = keyof typeof NUMERIC

export interface ExploreMultiArgs {
  readonly constants: MultiPaxosConstants
  readonly bounds: Partial<MultiPaxosBounds>
  readonly json: boolean
}

/** Parse the arguments after `explore --spec multipaxos`; a string is a one-line error. */
export function parseExploreMultiArgs(args: readonly string[]): ExploreMultiArgs | string {
  const nums = new Map<NumericOption, number>()
  let json = false
  let symmetry = true
  let bug: MultiPaxosBug | null = null
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '--json') json = true
    else if (a === '--no-symmetry') symmetry = false
    else if (a === '--bug') {
      const name = args[++i] ?? ''
      if (!(MULTIPAXOS_BUGS as readonly string[]).includes(name))
        return `--bug must be one of ${MULTIPAXOS_BUGS.join(', ')}`
      bug = name as MultiPaxosBug
    } else if (a in NUMERIC) {
      const opt = a as NumericOption
      const [min, max] = NUMERIC[opt]
      const text = args[++i]
      if (text === undefined || !/^\d{1,9}$/.test(text))
        return `${opt} needs a whole number in ${min}..${max}`
      const n = Number(text)
      if (n < min || n > max) return `${opt} must be in ${min}..${max}, got ${n}`
      if (nums.has(opt)) return `${opt} given twice`
      nums.set(opt, n)
    } else return `unknown option "${a}" for explore --spec multipaxos`
  }
  const constants: MultiPaxosConstants = {
    replicas: nums.get('--replicas') ?? 3,
    writes: nums.get('--writes') ?? 1,
    reads: nums.get('--reads') ?? 1,
    maxBallot: nums.get('--max-ballot') ?? 2,
    symmetry,
    bug,
  }
  if (constants.writes + constants.reads > L.commands.max)
    return `--writes + --reads must be at most ${L.commands.max}, got ${constants.writes + constants.reads}`
  const bounds: Partial<MultiPaxosBounds> = {
    ...(nums.has('--max-states') ? { maxStates: nums.get('--max-states') } : {}),
    ...(nums.has('--max-depth') ? { maxDepth: nums.get('--max-depth') } : {}),
    ...(nums.has('--max-memory') ? { maxBytes: (nums.get('--max-memory') as number) * MIB } : {}),
  }
  return { constants, bounds, json }
}

const n = (x: number): string => x.toLocaleString('en-US')
const names = (prefix: string, count: number): string =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`).join(', ')

function formatRun(lines: string[], title: string, v: MultiPaxosViolation): void {
  lines.push(`${title} after ${v.depth} steps (a shortest run):`)
  v.steps.forEach((s, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${s.label}`)
    if (s.sent.length > 0) lines.push(`      sends ${s.sent.join(', ')}`)
    if (s.observed.length > 0) lines.push(`      client sees ${s.observed.join(', ')}`)
  })
  lines.push(`client events: ${v.observed.length > 0 ? v.observed.join(', ') : '(none)'}`)
}

/** The report as readable text. */
export function formatMultiReport(r: MultiPaxosReport): string {
  const c = r.constants
  const reads = c.reads > 0 ? names('r', c.reads) : 'none'
  const lines = [
    `MultiPaxos.tla (SMR): replicas ${names('s', c.replicas)}, writes ${names('w', c.writes)}, reads ${reads}, ` +
      `ballots 1..${c.maxBallot}, ${c.symmetry ? `symmetry (${r.symmetryGroup} permutations)` : 'no symmetry'}` +
      (c.bug ? `, bug ${c.bug}` : ''),
  ]
  const what = r.exhaustive
    ? 'exhaustive'
    : r.violation || r.deadlock
      ? 'stopped at the first finding'
      : 'NOT exhaustive'
  lines.push(
    `${what}: ${n(r.distinctStates)} distinct states, max depth ${r.maxDepth} (TLC prints ${r.tlcDepth}), ` +
      `${n(r.transitions)} transitions (${n(r.statesGenerated)} states generated)`,
    `${r.seconds.toFixed(3)} s, ${n(r.statesPerSecond)} states/s, ${r.bytesPerState} bytes/state, ${r.stateBits} bits per state`,
  )
  if (r.boundHit === 'memory' && r.memoryMessage) lines.push(`bound hit: ${r.memoryMessage}`)
  else if (r.boundHit === 'states')
    lines.push(
      `bound hit: --max-states ${n(r.bounds.maxStates)} reached; depths 0..${r.completedDepth} fully explored`,
    )
  else if (r.boundHit === 'depth')
    lines.push(`bound hit: --max-depth ${r.bounds.maxDepth}; deeper states were not explored`)
  if (r.violation) formatRun(lines, `${r.violation.invariant} VIOLATED (${r.violation.why})`, r.violation)
  else if (r.deadlock) formatRun(lines, `DEADLOCK (${r.deadlock.why})`, r.deadlock)
  else if (r.exhaustive) lines.push('every reachable state is linearizable and type-correct, no deadlock')
  else lines.push('no violation and no deadlock in the states explored')
  return lines.join('\n')
}

export function runExploreMulti(args: readonly string[], now: () => number): CliResult {
  const parsed = parseExploreMultiArgs(args)
  if (typeof parsed === 'string') return { code: 2, stdout: '', stderr: `synod: ${parsed}` }
  const report = checkMultiPaxos(parsed.constants, parsed.bounds, { now })
  const stdout = parsed.json ? JSON.stringify(report) : formatMultiReport(report)
  return { code: report.violation || report.deadlock ? 1 : 0, stdout, stderr: '' }
}
