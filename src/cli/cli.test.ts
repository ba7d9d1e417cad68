import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { files } from './fakeFiles.ts'
import { readFileCapped } from './readInput.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import { scenarioToJson } from '../scenarios/scenario.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const EXAMPLES = join(ROOT, 'docs/examples')

const disk = readFileCapped
const SUMMARY = /^summary chosen=(\S+) ballot=(\S+) decided=(\d+)\/(\d+) violations=(\d+) steps=(\d+)$/

const scenario = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 1,
    interventions: [{ step: 0, type: 'propose', pid: 1, value: '10' }],
    ...extra,
  })

describe('synod trace: clean runs exit 0', () => {
  it('prints the trace, then the summary line', () => {
    const r = runCli(['trace', 's.json'], files({ 's.json': scenario() }))
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const lines = r.stdout.split('\n')
    expect(lines[0]).toMatch(/^s0 t0 run\.start · A run of 5 processes begins/)
    expect(lines.at(-1)).toBe('summary chosen=10 ballot=1.1 decided=5/5 violations=0 steps=28')
    expect(lines.slice(0, -1).every((l) => /^s\d+ t\d+ [a-z]+\.[a-z]+ /.test(l))).toBe(true)
  })

  it('runs a preset', () => {
    const r = runCli(['trace', '--preset', 'racing-adopt'], files({}))
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n').at(-1)).toBe('summary chosen=10 ballot=2.3 decided=5/5 violations=0 steps=48')
  })

  it('prints "none" when nothing is chosen (the dueling livelock)', () => {
    const r = runCli(['trace', '--preset', 'dueling'], files({}))
    expect(r.code).toBe(0)
    const m = SUMMARY.exec(r.stdout.split('\n').at(-1) ?? '')
    expect(m?.slice(1, 6)).toEqual(['none', 'none', '0', '5', '0'])
  })

  it('--json prints one valid JSON document with the summary and every event', () => {
    const text = runCli(['trace', 's.json'], files({ 's.json': scenario() }))
    const r = runCli(['trace', 's.json', '--json'], files({ 's.json': scenario() }))
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as { summary: Record<string, unknown>; events: { kind: string }[] }
    expect(doc.summary).toEqual({
      chosen: '10',
      ballot: '1.1',
      decided: 5,
      processes: 5,
      violations: 0,
      steps: 28,
    })
    expect(doc.events).toHaveLength(text.stdout.split('\n').length - 1)
    expect(doc.events[0]?.kind).toBe('run.start')
    expect(doc.events.at(-1)?.kind).toBe('run.quiescent')
  })
})

describe('synod trace: a Multi-Paxos scenario file', () => {
  it('runs on its own module, in its own words, as its preset does', () => {
    const preset = anyPresetById('mp-steady')
    if (!preset) throw new Error('no mp-steady')
    const file = JSON.stringify(scenarioToJson(preset.scenario))
    const r = runCli(['trace', 'mp.json'], files({ 'mp.json': file }))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(runCli(['trace', '--preset', 'mp-steady'], files({})).stdout)
    expect(r.stdout).toMatch(/^s0 t0 run\.start · Multi-Paxos with 5 replicas and 3 clients/)
    expect(r.stdout).toContain(" · P1 receives C1's C1.1:put(a1).")
    expect(r.stdout.split('\n').at(-1)).toMatch(/^summary protocol=multipaxos leader=P1 committed=7 /)
  })
})

describe('synod trace: a violation exits 1', () => {
  it('reports the broken variant found by random search', () => {
    const r = runCli(['trace', join(EXAMPLES, 'bug-accept-below-promise.json')], disk)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      'invariant.violated · Violated: Agreement: at most one value is chosen or decided. Two different values are chosen',
    )
    expect(r.stdout.split('\n').at(-1)).toMatch(
      /^summary chosen=A ballot=1\.1 decided=5\/5 violations=\d+ steps=\d+$/,
    )
  })

  it('every bug preset exits 1', () => {
    for (const id of ['bug-ignore-prior', 'bug-small-quorum', 'bug-duplicate-ballots']) {
      expect(runCli(['trace', '--preset', id], files({})).code).toBe(1)
    }
  })
})

describe('synod trace: bad input exits 2 with a one-line message', () => {
  const cases: [string, string[], Record<string, string>, string][] = [
    ['a missing file', ['trace', 'gone.json'], {}, 'synod: file not found: gone.json'],
    [
      'invalid JSON',
      ['trace', 'b.json'],
      { 'b.json': '{"format": 1,' },
      'synod: b.json: the file is not valid JSON',
    ],
    [
      'an unknown field',
      ['trace', 'u.json'],
      { 'u.json': scenario({ speed: 2 }) },
      'synod: u.json: unknown field "speed"',
    ],
    [
      'an unknown config field',
      ['trace', 'u.json'],
      { 'u.json': scenario({ config: { lossPercentage: 2 } }) },
      'synod: u.json: unknown field "config.lossPercentage"',
    ],
    [
      'an out-of-range value',
      ['trace', 'r.json'],
      { 'r.json': scenario({ config: { lossPercent: 101 } }) },
      'synod: r.json: config.lossPercent must be at most 100',
    ],
    [
      'a process out of range',
      ['trace', 'p.json'],
      { 'p.json': scenario({ config: { processCount: 3 } }).replace('"pid":1', '"pid":4') },
      'synod: p.json: interventions[0] names a process above P3',
    ],
    [
      'a newer format',
      ['trace', 'n.json'],
      { 'n.json': '{"format": 3}' },
      'synod: n.json: this scenario uses format 3',
    ],
    [
      'not an object',
      ['trace', 'a.json'],
      { 'a.json': '[1, 2]' },
      'synod: a.json: a scenario must be a JSON object',
    ],
    ['an unknown preset', ['trace', '--preset', 'nope'], {}, 'synod: unknown preset "nope" (known: basic,'],
    [
      'an unknown option',
      ['trace', '--fast', 's.json'],
      { 's.json': scenario() },
      'synod: unknown option "--fast"',
    ],
    ['--preset without an id', ['trace', '--preset'], {}, 'synod: --preset needs an id'],
  ]
  it.each(cases)('%s', (_, argv, fs, message) => {
    const r = runCli(argv, files(fs))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.startsWith(message)).toBe(true)
    expect(r.stderr.split('\n')).toHaveLength(1)
  })

  it.each([
    ['no scenario', ['trace']],
    ['two scenarios', ['trace', 'a.json', 'b.json']],
    ['a file and a preset', ['trace', 'a.json', '--preset', 'basic']],
    ['an unknown command', ['frobnicate']],
  ])('%s: a message, then the usage', (_, argv) => {
    const r = runCli(argv, files({}))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^synod: .+\nusage: synod trace/)
  })

  it('--help prints the usage and exits 0; no arguments prints it and exits 2', () => {
    expect(runCli(['--help'], files({}))).toMatchObject({ code: 0, stderr: '' })
    expect(runCli([], files({}))).toMatchObject({ code: 2, stdout: '' })
  })
})

describe('the documented example scenarios', () => {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))
  it('exist', () => expect(examples.length).toBeGreaterThanOrEqual(3))

  it.each(examples)('%s parses and runs to its documented outcome', (name) => {
    const r = runCli(['trace', join(EXAMPLES, name)], disk)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(name.startsWith('bug-') ? 1 : 0)
    expect(r.stdout.split('\n').at(-1)).toMatch(SUMMARY)
    if (!name.startsWith('bug-'))
      expect(r.stdout).toMatch(/\nsummary chosen=\S+ ballot=\S+ decided=5\/5 violations=0 /)
  })

  it('every-intervention.json shows an invalid intervention reported, not fatal', () => {
    const r = runCli(['trace', join(EXAMPLES, 'every-intervention.json')], disk)
    expect(r.stdout).toContain('intervention.invalid · Ignored drop: message #5 is not in flight.')
    for (const kind of ['msg.delay', 'msg.drop', 'proc.crash', 'proc.recover', 'net.partition', 'net.heal'])
      expect(r.stdout).toContain(` ${kind} `)
    expect(r.stdout).toMatch(
      /msg\.send #(\d+) P1→P3 prepare 1\.1 · #3, P1's prepare 1\.1 to P3, is duplicated by hand: a second copy, #\1, is in flight \(P1 sent it once\)\./,
    )
    expect(r.stdout).not.toMatch(/P1 sends prepare 1\.1 to P3.*duplicate/)
    expect(r.stdout).toContain('Out of turn: P4 receives')
    expect(r.stdout).toContain('timer.fire · Out of turn: P3')
  })
})

describe('the synod command', () => {
  it('prints one clean line, no stack trace, for a bad file', async () => {
    const run = promisify(execFile)
    const err = await run('npx', ['tsx', 'src/cli/main.ts', 'trace', 'no/such/file.json'], {
      cwd: ROOT,
    }).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    )
    expect(err?.code).toBe(2)
    expect(err?.stdout).toBe('')
    const lines = (err?.stderr ?? '').split('\n').filter((l) => l.length > 0 && !l.startsWith('npm warn'))
    expect(lines).toEqual(['synod: file not found: no/such/file.json'])
  }, 30_000)
})
