import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { importMultiPaxosTrace } from '../explorer/multipaxos/tlcImport.ts'
import type { TlaExport } from '../explorer/tlaExport.ts'
import { importPaxosTrace } from '../explorer/tlcPaxos.ts'
import { parseTlcTrace } from '../explorer/tlcTrace.ts'
import type { CliResult } from './cli.ts'

/**
 * The CLI's side of the hand-off to TLC: `--export-tla <dir>` writes MC.tla, MC.cfg and a README
 * for the model the other options describe; `--import-trace <file>` reads TLC's `-dumpTrace json`
 * output and replays it as Synod's own run (src/explorer/tlcTrace.ts).
 */

export function writeExport(dir: string, exported: TlaExport, json: boolean): CliResult {
  try {
    mkdirSync(dir, { recursive: true })
    for (const [name, text] of Object.entries(exported.files)) writeFileSync(join(dir, name), text)
  } catch (e) {
    return {
      code: 2,
      stdout: '',
      stderr: `synod: cannot write to ${dir} (${(e as { code?: string }).code ?? 'error'})`,
    }
  }
  const files = Object.keys(exported.files)
  const stdout = json
    ? JSON.stringify({ exported: files.map((f) => join(dir, f)), command: exported.command })
    : `wrote ${files.join(', ')} to ${dir}; in that folder, with the module from tlaplus/Examples (see README.md):\n  ${exported.command}`
  return { code: 0, stdout, stderr: '' }
}

export function importTrace(path: string, json: boolean): CliResult {
  const bad = (m: string): CliResult => ({ code: 2, stdout: '', stderr: `synod: ${path}: ${m}` })
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    return bad((e as { code?: string }).code === 'ENOENT' ? 'file not found' : 'cannot read it')
  }
  const trace = parseTlcTrace(text)
  if (typeof trace === 'string') return bad(trace)
  if (trace.model === 'paxos') {
    const r = importPaxosTrace(trace.states)
    if (typeof r === 'string') return bad(r)
    if (json) return { code: r.agreementViolated ? 1 : 0, stdout: JSON.stringify(r), stderr: '' }
    const c = r.constants
    const lines = [
      `TLC trace of Paxos.tla: ${c.acceptors} acceptors, ${c.values} values, ballots 0..${c.maxBallot}, quorums of ${c.quorumSize}; ${r.run.steps.length} steps, each a step of the spec`,
      ...r.run.steps.flatMap((s, i) => [
        `  ${String(i + 1).padStart(2)}. ${s.label.padEnd(22)} ${s.description}`,
      ]),
      r.agreementViolated
        ? `AGREEMENT VIOLATED: ${r.run.chosen.map((w) => `${w.value} in ballot ${w.ballot} by {${w.quorum.join(', ')}}`).join('; ')}`
        : 'agreement holds in the last state',
    ]
    return { code: r.agreementViolated ? 1 : 0, stdout: lines.join('\n'), stderr: '' }
  }
  const r = importMultiPaxosTrace(trace.states)
  if (typeof r === 'string') return bad(r)
  const found = r.ending.kind !== 'none'
  if (json) return { code: found ? 1 : 0, stdout: JSON.stringify(r), stderr: '' }
  const c = r.constants
  const ending =
    r.ending.kind === 'invariant'
      ? `${r.ending.invariant} VIOLATED in the last state (${r.ending.why})`
      : r.ending.kind === 'deadlock'
        ? 'DEADLOCK: no step is possible in the last state and some request is unanswered'
        : 'the last state violates nothing Synod checks'
  const lines = [
    `TLC trace of MultiPaxos.tla: ${c.replicas} replicas, ${c.writes} writes, ${c.reads} reads${c.bug ? `, broken variant ${c.bug}` : ''}; ${r.steps.length} steps, each a step of the spec`,
    ...r.steps.flatMap((s, i) => [
      `  ${String(i + 1).padStart(2)}. ${s.label}`,
      ...(s.sent.length > 0 ? [`      sends ${s.sent.join(', ')}`] : []),
      ...(s.observed.length > 0 ? [`      client sees ${s.observed.join(', ')}`] : []),
    ]),
    ending,
  ]
  return { code: found ? 1 : 0, stdout: lines.join('\n'), stderr: '' }
}
