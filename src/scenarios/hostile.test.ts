import { describe, expect, it } from 'vitest'
import { parseScenario } from './scenario.ts'

/** Hostile JSON found while fuzzing (scripts/fuzz.ts): each is refused with a specific message. */
describe('parseScenario on hostile JSON', () => {
  const refused = (json: string) => {
    const r = parseScenario(JSON.parse(json))
    return r.ok ? 'loaded' : r.error
  }

  it('refuses oversized lists before validating their entries', () => {
    const zeros = `[${'0,'.repeat(199_999)}0]`
    expect(refused(`{"format":1,"interventions":${zeros}}`)).toBe(
      'interventions must have at most 10000 entries',
    )
    expect(refused(`{"format":1,"beats":${zeros}}`)).toBe('beats must have at most 200 entries')
  })

  it('reports the first bad entry of a long list', () => {
    expect(refused(`{"format":1,"interventions":[${'0,'.repeat(9_000)}0]}`)).toMatch(
      /^interventions\[0\] must have a known "type"/,
    )
  })

  it('treats prototype keys as unknown fields and pollutes nothing', () => {
    expect(refused('{"format":1,"__proto__":{"polluted":true}}')).toBe('unknown field "__proto__"')
    expect(refused('{"format":1,"config":{"__proto__":{"processCount":9}}}')).toBe(
      'unknown field "config.__proto__"',
    )
    expect(refused('{"format":1,"constructor":{"prototype":{"polluted":true}}}')).toBe(
      'unknown field "constructor"',
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses deep nesting and non-finite numbers with a message', () => {
    expect(refused(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe('a scenario must be a JSON object')
    expect(refused(`{"format":1,"title":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toBe(
      'title must be a string',
    )
    expect(refused('{"format":1,"seed":1e309}')).toBe('seed must be a whole number')
  })

  it('refuses direction controls in values, in either format and protocol, naming the first', () => {
    const propose = (format: number, protocol: string, pid: number, value: string) =>
      refused(
        JSON.stringify({
          format,
          ...(format === 2 && { protocol }),
          interventions: [{ step: 0, type: 'propose', pid, value }],
        }),
      )
    const message = (code: string, at: number) =>
      `interventions[0].value must not contain direction-control characters (${code} at position ${at})`
    expect(propose(2, 'paxos', 3, '\u202E01')).toBe(message('U+202E', 1))
    expect(propose(1, 'paxos', 1, 'v\u202E\u0000')).toBe(message('U+202E', 2))
    expect(propose(2, 'paxos', 1, 'a\u200Fb')).toBe(message('U+200F', 2))
    expect(propose(2, 'multipaxos', 6, 'put\u2066')).toBe(message('U+2066', 4))
    expect(propose(2, 'paxos', 1, '10')).toBe('loaded')
  })

  it('refuses invisible and control characters in values, in either format and protocol, naming the first', () => {
    const propose = (format: number, protocol: string, pid: number, value: string) =>
      refused(
        JSON.stringify({
          format,
          ...(format === 2 && { protocol }),
          interventions: [{ step: 0, type: 'propose', pid, value }],
        }),
      )
    const message = (code: string, at: number) =>
      `interventions[0].value must not contain invisible or control characters (${code} at position ${at})`
    // tester5's spoofs: each was drawn as "10".
    expect(propose(2, 'paxos', 3, '1\u200B0')).toBe(message('U+200B', 2))
    expect(propose(2, 'paxos', 3, '\uFEFF10')).toBe(message('U+FEFF', 1))
    expect(propose(1, 'paxos', 3, '1\u20600')).toBe(message('U+2060', 2))
    expect(propose(2, 'paxos', 3, '1\u200D0')).toBe(message('U+200D', 2))
    expect(propose(2, 'paxos', 3, '1\u00AD0')).toBe(message('U+00AD', 2))
    expect(propose(2, 'paxos', 3, '1\n0')).toBe(message('U+000A', 2))
    expect(propose(1, 'paxos', 1, 'v\u0000\u202E')).toBe(message('U+0000', 2))
    expect(propose(2, 'multipaxos', 6, 'put\uFEFFx5')).toBe(message('U+FEFF', 4))
    expect(propose(2, 'multipaxos', 6, 'put x5')).toBe('loaded')
  })

  it('keeps invisible characters in free text: they hide only themselves', () => {
    const text = 'Two\nlines\u200B\u2028\u0000 \uFEFF'
    const json = JSON.stringify({ format: 2, protocol: 'paxos', title: text, beats: [{ step: 0, text }] })
    expect(refused(json)).toBe('loaded')
  })

  it('keeps right-to-left scripts and controls in free text (shown isolated)', () => {
    const text = 'שלום \u202Eevil'
    const json = JSON.stringify({ format: 2, protocol: 'paxos', title: text, beats: [{ step: 0, text }] })
    expect(refused(json)).toBe('loaded')
  })
})
