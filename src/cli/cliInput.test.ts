import { strToU8, zlibSync } from 'fflate'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scenarioFileText } from '../scenarios/importExport.ts'
import { parseScenarioBytes } from '../scenarios/input.ts'
import { presetById } from '../scenarios/presets.ts'
import { decodeScenarioLink, encodeScenarioHash, toBase64Url } from '../scenarios/url.ts'
import { files } from './fakeFiles.ts'
import { runCli } from './cli.ts'
import { readFileCapped } from './readInput.ts'

const basic = presetById('basic')!.scenario
const text = scenarioFileText(basic)
const utf16le = (s: string): Uint8Array => {
  const out = new Uint8Array(2 + s.length * 2)
  out.set([0xff, 0xfe])
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff
    out[3 + 2 * i] = s.charCodeAt(i) >> 8
  }
  return out
}

describe('the CLI reads what the app imports', () => {
  it.each([
    ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)])],
    ['UTF-16LE with a byte-order mark', utf16le(text)],
  ])('%s', (_, bytes) => {
    const r = runCli(['trace', 's.json'], files({ 's.json': bytes }))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/\nsummary chosen=10 /)
  })
})

describe('the CLI and the app refuse the same inputs with the same message', () => {
  const bad: [string, string | Uint8Array][] = [
    ['not JSON', '{"format": 1,'],
    ['binary', new Uint8Array([0, 1, 2, 3, 255])],
    ['an array', '[1, 2]'],
    ['a newer format', '{"format": 3}'],
    ['an unknown field', '{"format": 1, "speed": 2}'],
    ['a bad UTF-16 file', utf16le('{"format": 1, "seed": -1}')],
    [
      'a value with a right-to-left override',
      '{"format":2,"protocol":"paxos","interventions":[{"step":0,"type":"propose","pid":3,"value":"\\u202e01"}]}',
    ],
    [
      'a Multi-Paxos command with an isolate',
      '{"format":2,"protocol":"multipaxos","interventions":[{"step":0,"type":"propose","pid":6,"value":"put\\u2067"}]}',
    ],
    [
      'a value with a zero-width space',
      '{"format":2,"protocol":"paxos","interventions":[{"step":0,"type":"propose","pid":3,"value":"1\\u200b0"}]}',
    ],
    [
      'a value with a newline',
      '{"format":1,"interventions":[{"step":0,"type":"propose","pid":3,"value":"1\\n0"}]}',
    ],
    [
      'a Multi-Paxos command with a byte-order mark',
      '{"format":2,"protocol":"multipaxos","interventions":[{"step":0,"type":"propose","pid":6,"value":"put\\ufeffx5"}]}',
    ],
  ]
  it.each(bad)('a file: %s', (_, content) => {
    const app = parseScenarioBytes(typeof content === 'string' ? strToU8(content) : content)
    expect(app.ok).toBe(false)
    const cli = runCli(['trace', 'f.json'], files({ 'f.json': content }))
    expect(cli.code).toBe(2)
    expect(cli.stderr).toBe(`synod: f.json: ${app.ok ? '' : app.error}`)
  })

  it('names the direction control and where it is, for a file and a link alike', () => {
    const json = bad[6]![1] as string
    const error =
      'interventions[0].value must not contain direction-control characters (U+202E at position 1)'
    expect(parseScenarioBytes(strToU8(json))).toEqual({ ok: false, error })
    const link = `#s=1.${toBase64Url(zlibSync(strToU8(json)))}`
    const linkError = `the scenario in this link is invalid: ${error}`
    expect(decodeScenarioLink(link)).toEqual({ ok: false, error: linkError })
    expect(runCli(['trace', link], files({}))).toEqual({ code: 2, stdout: '', stderr: `synod: ${linkError}` })
  })

  it('names an invisible character and where it is, for a file and a link alike', () => {
    const json = bad[8]![1] as string
    const error =
      'interventions[0].value must not contain invisible or control characters (U+200B at position 2)'
    expect(parseScenarioBytes(strToU8(json))).toEqual({ ok: false, error })
    expect(runCli(['trace', 'f.json'], files({ 'f.json': json })).stderr).toBe(`synod: f.json: ${error}`)
    const link = `#s=1.${toBase64Url(zlibSync(strToU8(json)))}`
    const linkError = `the scenario in this link is invalid: ${error}`
    expect(decodeScenarioLink(link)).toEqual({ ok: false, error: linkError })
    expect(runCli(['trace', link], files({}))).toEqual({ code: 2, stdout: '', stderr: `synod: ${linkError}` })
  })

  const good = encodeScenarioHash(basic)
  it.each([
    '#s=1',
    '#s=',
    's=',
    '#s=-1.eNo',
    `#s=1.${good.slice(4, 40)}`,
    '#s=1000000000000000000000.AAAA',
    'https://synod.test/?preset=basic',
  ])('a link: %s', (link) => {
    const app = decodeScenarioLink(link)
    expect(app.ok).toBe(false)
    const cli = runCli(['trace', link], files({}))
    expect(cli).toEqual({ code: 2, stdout: '', stderr: `synod: ${app.ok ? '' : app.error}` })
    expect(cli.stderr).not.toMatch(/file not found|e\+/)
  })

  it('a link cut in half is called truncated, in the same words by both', () => {
    for (const cut of [
      good.slice(0, good.length / 2),
      good.slice(0, 4 * 20 + 5),
      good.slice(0, 4 * 20 + 4),
    ]) {
      const app = decodeScenarioLink(`#${cut}`)
      expect(app.ok ? '' : app.error).toMatch(/^the scenario link looks truncated/)
      expect(runCli(['trace', `#${cut}`], files({})).stderr).toBe(`synod: ${app.ok ? '' : app.error}`)
    }
  })

  it('a percent-encoded link (#s%3D1.…) opens in both', () => {
    const link = `https://synod.test/#${good.replace('s=', 's%3D')}`
    expect(decodeScenarioLink(link).ok).toBe(true)
    const cli = runCli(['trace', link], files({}))
    expect(cli.code).toBe(0)
    expect(cli.stdout).toMatch(/\nsummary chosen=10 /)
  })
})

describe('the CLI never reads without bound', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synod-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses a 629 MB file by its size, without reading it', () => {
    const path = join(dir, 'huge.json')
    writeFileSync(path, '')
    truncateSync(path, 629_145_600) // sparse: takes no disk space
    const r = runCli(['trace', path], readFileCapped)
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `synod: ${path}: the file is too large (629 MB; the limit is 8 MB)`,
    })
  })

  it('stops reading an endless device at the limit', () => {
    const r = runCli(['trace', '/dev/zero'], readFileCapped)
    expect(r.stderr).toBe('synod: /dev/zero: the file is too large (more than 8 MB, the limit)')
    expect(r.code).toBe(2)
  })

  it('reads a file exactly at its size', () => {
    const path = join(dir, 'ok.json')
    writeFileSync(path, text)
    expect(runCli(['trace', path], readFileCapped).code).toBe(0)
  })
})

describe('synod trace --help', () => {
  it('prints the usage and exits 0', () => {
    const r = runCli(['trace', '--help'], files({}))
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^usage: synod trace/)
  })
})
