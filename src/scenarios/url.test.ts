import fc from 'fast-check'
import { valueTextProblem } from './userText.ts'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../engine/index.ts'
import { allPresets, galleryPresets } from './presets.ts'
import { parseScenario, scenarioToJson, type Scenario } from './scenario.ts'
import { decodeScenarioLink, encodeScenarioHash, fromBase64Url, toBase64Url } from './url.ts'

/** A frozen link made by codec version 1: it must decode to the same scenario forever. */
const V1_FIXTURE =
  's=1.eNo9zkEKwjAQBdCryF9n0aqrHEDwDOKi2GkYaJOQTIMScncngt0NM_M-v2IJaZsEdjQg79jTb8xEM-z1bCAsq-5w47fsiU5lhMEr-IUdbG0G7IVSIS8cfIZ9VGShCDuo_cROYwoxZFIXWVM1vkzr3i_jgGb-4HKAWYF-b9nde4v2bF-_9zVp'

const sample = (over: Partial<Scenario> = {}): Scenario => ({
  engine: 1,
  seed: 42,
  config: defaultConfig(),
  interventions: [
    { step: 0, action: { type: 'propose', pid: 1, value: '10' } },
    { step: 3, action: { type: 'drop', msgId: 4 } },
  ],
  ...over,
})

describe('URL codec', () => {
  it('round-trips every preset', () => {
    for (const p of allPresets()) {
      const r = decodeScenarioLink(`https://example.test/#${encodeScenarioHash(p.scenario)}`)
      expect(r.ok && scenarioToJson(r.scenario)).toEqual(scenarioToJson(p.scenario))
    }
  })

  it("round-trips every protocol's presets (lists such as Multi-Paxos's workload are kept whole)", () => {
    for (const p of galleryPresets()) {
      const r = decodeScenarioLink(`https://example.test/#${encodeScenarioHash(p.scenario)}`)
      expect(r.ok && scenarioToJson(r.scenario)).toEqual(scenarioToJson(p.scenario))
    }
  })

  it('keeps a lecture scenario with dozens of interventions well under 2,000 characters', () => {
    const interventions = Array.from({ length: 40 }, (_, i) => ({
      step: i * 3,
      action:
        i % 4 === 0
          ? { type: 'propose' as const, pid: 1 + (i % 5), value: `v${i}` }
          : { type: 'delay' as const, msgId: i * 2 + 1, ticks: 15 },
    }))
    const hash = encodeScenarioHash(sample({ interventions, title: 'Forty interventions' }))
    expect(hash.length).toBeLessThan(1000)
  })

  it('round-trips random base64url bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
      }),
    )
  })

  it('round-trips random valid scenarios', () => {
    const action = fc.oneof(
      fc.record({
        type: fc.constant('propose' as const),
        pid: fc.integer({ min: 1, max: 5 }),
        // A valid value: nothing a page would hide (userText.ts).
        value: fc.string({ minLength: 1, maxLength: 24 }).filter((v) => valueTextProblem(v) === null),
      }),
      fc.record({
        type: fc.constantFrom('drop' as const, 'deliver' as const, 'duplicate' as const),
        msgId: fc.integer({ min: 1, max: 999 }),
      }),
      fc.record({
        type: fc.constantFrom('crash' as const, 'recover' as const, 'fire-timer' as const),
        pid: fc.integer({ min: 1, max: 5 }),
      }),
      fc.record({ type: fc.constant('heal' as const) }),
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.record({ step: fc.integer({ min: 0, max: 5000 }), action }), { maxLength: 30 }),
        fc.string({ maxLength: 120 }),
        (seed, interventions, title) => {
          const s = sample({ seed, interventions, title })
          const r = decodeScenarioLink(encodeScenarioHash(s))
          expect(r.ok && scenarioToJson(r.scenario)).toEqual(scenarioToJson(s))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('decodes the frozen version-1 fixture', () => {
    const r = decodeScenarioLink(`#${V1_FIXTURE}`)
    expect(r.ok).toBe(true)
    if (r.ok)
      expect(r.scenario.interventions[0]).toEqual({
        step: 0,
        action: { type: 'propose', pid: 1, value: '10' },
      })
  })

  it('explains every kind of broken link without throwing', () => {
    const good = encodeScenarioHash(sample())
    const cases: [string, RegExp][] = [
      ['https://example.test/', /holds no scenario/],
      ['#s=abc', /malformed/],
      ['#s=7.AAAA', /newer Synod/],
      ['#s=1.@@@@', /invalid characters/],
      // Cut short: the compressed stream ends early, or the text has a length no encoder makes.
      [`#${good.slice(0, 30)}`, /^the scenario link looks truncated/],
      [`#${good.slice(0, 4 * 8 + 1)}`, /^the scenario link looks truncated/],
      ['#s=1.', /^the scenario link looks truncated/],
      [
        `#s=1.${toBase64Url(new TextEncoder().encode('not zlib at all'))}`,
        /corrupted \(it could not be decompressed\)/,
      ],
      [`#s=1.${'A'.repeat(70_000)}`, /too long/],
    ]
    for (const [link, message] of cases) {
      const r = decodeScenarioLink(link)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(message)
    }
  })

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = decodeScenarioLink(text)
        expect(typeof r.ok).toBe('boolean')
      }),
      { numRuns: 2000 },
    )
  })

  it('rejects hostile but well-formed JSON with a specific message', () => {
    const hostile: unknown[] = [
      {
        format: 1,
        title: '<img src=x onerror=alert(1)>',
        interventions: [{ step: 0, type: 'propose', pid: 1, value: '<script>' }],
      },
      { format: 1, seed: 1e300 },
      { format: 1, config: { processCount: 'five' } },
      { format: 1, interventions: [{ step: -1, type: 'heal' }] },
      { format: 1, __proto__: { polluted: true }, constructor: 1 },
    ]
    expect(parseScenario(hostile[0]).ok).toBe(true)
    for (const h of hostile.slice(1)) {
      const r = parseScenario(h)
      expect(r.ok).toBe(false)
    }
  })
})

/** The encoder as first written (one character at a time): the reference for the faster one. */
function toBase64UrlReference(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let k = 0; k < chars; k++) out += alphabet[(n >> (18 - 6 * k)) & 63]
  }
  return out
}

describe('toBase64Url', () => {
  it('writes what the one-character-at-a-time encoder wrote, byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toBase64Url(bytes)).toBe(toBase64UrlReference(bytes))
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
      }),
      { numRuns: 500 },
    )
  })

  it('encodes a long input (every tail length) as before', () => {
    for (const length of [100_000, 100_001, 100_002]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7919 + (i >> 8)) & 0xff)
      expect(toBase64Url(bytes)).toBe(toBase64UrlReference(bytes))
    }
  })
})
