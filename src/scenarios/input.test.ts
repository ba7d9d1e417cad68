import { strToU8, zlibSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { defaultConfig, LIMITS } from '../engine/index.ts'
import { inflateCapped } from './inflate.ts'
import { scenarioFileText } from './importExport.ts'
import {
  decodeFileText,
  fileSizeProblem,
  MAX_FILE_BYTES,
  MAX_SCENARIO_BYTES,
  parseScenarioBytes,
} from './input.ts'
import { presetById } from './presets.ts'
import { BEATS_MAX } from './schema.ts'
import { scenarioToJson, type Scenario } from './scenario.ts'
import { decodeScenarioLink, scenarioLink, toBase64Url } from './url.ts'

const racing = presetById('racing-adopt')!.scenario
const racingFile = scenarioFileText(racing)

/** The largest valid scenario: every list full, every text at its limit in its widest form. */
function largestValid(kind: 'propose' | 'partition'): Scenario {
  const wide = (n: number) => '\ud800'.repeat(n) // a lone surrogate: JSON writes it as 6 characters
  const groups = Array.from({ length: LIMITS.processCountMax }, (_, i) => [i + 1])
  return {
    engine: 1_000_000,
    seed: 0xffff_ffff,
    config: defaultConfig(LIMITS.processCountMax),
    title: wide(120),
    description: wide(2000),
    beats: Array.from({ length: BEATS_MAX }, () => ({ step: LIMITS.maxStepsCap, text: wide(500) })),
    interventions: Array.from({ length: LIMITS.interventionsMax }, () => ({
      step: LIMITS.maxStepsCap,
      action:
        kind === 'propose'
          ? { type: 'propose' as const, pid: 9, value: wide(LIMITS.valueLengthMax) }
          : { type: 'partition' as const, groups },
    })),
    cursor: LIMITS.maxStepsCap,
  }
}

describe('zip bombs', () => {
  // 48 MB of spaces: a 47 KB zlib stream, a 62 KB link.
  const bomb = zlibSync(new Uint8Array(48_000_000).fill(32), { level: 9 })

  it('stop inflating soon after the limit instead of inflating everything first', () => {
    const r = inflateCapped(bomb, MAX_SCENARIO_BYTES)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.reason).toBe('too-large')
    // At most one slice (512 compressed bytes, ≤ 1,032:1) beyond the limit was produced.
    expect(r.inflatedBytes).toBeGreaterThan(MAX_SCENARIO_BYTES)
    expect(r.inflatedBytes).toBeLessThan(MAX_SCENARIO_BYTES + 600_000)
  })

  it('a bomb link is refused with the limit named', () => {
    const link = `#s=1.${toBase64Url(bomb)}`
    expect(link.length).toBeLessThan(64_000)
    expect(decodeScenarioLink(link)).toEqual({
      ok: false,
      error: 'the scenario in this link is too large (more than 4 MB once decompressed, the limit)',
    })
  })

  it('inflates ordinary and truncated input like the one-shot inflater', () => {
    const data = zlibSync(strToU8(racingFile.repeat(40)))
    const r = inflateCapped(data, MAX_SCENARIO_BYTES)
    expect(r.ok && new TextDecoder().decode(r.bytes)).toBe(racingFile.repeat(40))
    expect(inflateCapped(data.subarray(0, data.length - 9), MAX_SCENARIO_BYTES)).toMatchObject({
      ok: false,
      reason: 'truncated',
    })
    expect(inflateCapped(strToU8('not zlib at all'), MAX_SCENARIO_BYTES)).toMatchObject({
      ok: false,
      reason: 'corrupt',
    })
    expect(inflateCapped(new Uint8Array(0), 10)).toMatchObject({ ok: false, reason: 'corrupt' })
  })
})

describe('links that cannot be opened say why', () => {
  it.each([
    ['#s=', 'the scenario link is empty (nothing follows “s=”)'],
    ['#s=1', 'the scenario link is incomplete (nothing follows its version number)'],
    ['#s=-1.eNo', 'the scenario link is malformed (it must start with a version number, as in “s=1.”)'],
    ['#s=0.eNo', 'the scenario link is malformed (it must start with a version number, as in “s=1.”)'],
    [
      '#s=1000000000000000000000.AAAA',
      'this link was made by a newer Synod (link version 100000000000…, this one reads 1); please update',
    ],
    ['#s=12.AAAA', 'this link was made by a newer Synod (link version 12, this one reads 1); please update'],
  ])('%s', (link, message) => {
    expect(decodeScenarioLink(link)).toEqual({ ok: false, error: message })
  })

  it('a percent-encoded "s%3D" opens like "s="', () => {
    const good = scenarioLink(racing, 'https://x.test/')
    if (!good.ok) throw new Error(good.error)
    const encoded = good.link.replace('#s=', '#s%3D')
    expect(decodeScenarioLink(encoded)).toEqual(decodeScenarioLink(good.link))
    expect(decodeScenarioLink(good.link).ok).toBe(true)
  })
})

describe('the largest valid scenarios are never refused', () => {
  it.each(['propose', 'partition'] as const)(
    '10,000 %s interventions: file and JSON fit the limits',
    (kind) => {
      const s = largestValid(kind)
      const file = scenarioFileText(s)
      expect(file.length).toBeLessThan(MAX_FILE_BYTES)
      expect(JSON.stringify(scenarioToJson(s)).length).toBeLessThan(MAX_SCENARIO_BYTES)
      const r = parseScenarioBytes(strToU8(file))
      expect(r.ok && r.scenario.interventions.length).toBe(LIMITS.interventionsMax)
    },
  )

  // Compressing megabytes takes a while on a loaded machine: a generous timeout, no timing asserted.
  it('a run too large for a link gets a reason, never a link the app refuses', { timeout: 60_000 }, () => {
    // Values that do not compress: 10,000 proposals of distinct pseudo-random values.
    const noise = (i: number) => ((i * 2_654_435_761) >>> 0).toString(36).padStart(7, 'x')
    const proposals = Array.from({ length: LIMITS.interventionsMax }, (_, i) => ({
      step: i,
      action: { type: 'propose' as const, pid: 1 + (i % 5), value: noise(i) + noise(i + 7) },
    }))
    const r = scenarioLink({ ...racing, interventions: proposals }, 'https://x.test/')
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^this run is too large for a link \(it would be [\d,]+ characters; links hold at most 64,000\)$/,
      ),
    })
    // Just under and over the limit, whatever scenarioLink produces, the decoder opens.
    let made = 0
    for (let n = 3_000; n <= 6_000; n += 750) {
      const link = scenarioLink({ ...racing, interventions: proposals.slice(0, n) }, 'https://x.test/')
      if (link.ok) {
        made++
        expect(decodeScenarioLink(link.link).ok).toBe(true)
      }
    }
    expect(made).toBeGreaterThan(0)
    expect(made).toBeLessThan(5)
  })
})

describe('scenario files in any encoding editors save', () => {
  const utf16 = (text: string, littleEndian: boolean, bom: boolean): Uint8Array => {
    const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2)
    const units = [
      ...(bom ? [0xfeff] : []),
      ...Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)),
    ]
    units.forEach((u, i) => {
      out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff
      out[2 * i + (littleEndian ? 1 : 0)] = u >> 8
    })
    return out
  }
  const text = scenarioFileText({ ...racing, title: 'Ünïcödé ✓ 😀' })

  it.each([
    ['UTF-8', strToU8(text)],
    ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)])],
    ['UTF-16LE with a mark', utf16(text, true, true)],
    ['UTF-16BE with a mark', utf16(text, false, true)],
    ['UTF-16LE without a mark', utf16(text, true, false)],
    ['UTF-16BE without a mark', utf16(text, false, false)],
  ])('%s', (_, bytes) => {
    expect(decodeFileText(bytes)).toBe(text)
    const r = parseScenarioBytes(bytes)
    expect(r.ok && r.scenario.title).toBe('Ünïcödé ✓ 😀')
  })

  it('a file over the limit is refused by its size, in words', () => {
    expect(fileSizeProblem(629_145_600)).toBe('the file is too large (629 MB; the limit is 8 MB)')
    expect(fileSizeProblem(MAX_FILE_BYTES)).toBeNull()
    expect(fileSizeProblem(MAX_FILE_BYTES + 1, false)).toBe(
      'the file is too large (more than 8 MB, the limit)',
    )
    expect(parseScenarioBytes(new Uint8Array(MAX_FILE_BYTES + 1))).toEqual({
      ok: false,
      error: 'the file is too large (8 MB; the limit is 8 MB)',
    })
  })
})
