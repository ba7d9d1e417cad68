/**
 * `npm run fuzz [-- --count N --seed S]`: feeds generated hostile inputs to the link codec and the
 * scenario validator and checks that every one either loads or yields a specific message, and
 * that nothing ever throws. Deterministic for a given seed; prints counts and time; exits 1 on
 * the first failures (printing them, shortened).
 */
import { strToU8, zlibSync } from 'fflate'
import { allPresets } from '../src/scenarios/presets.ts'
import { parseScenarioBytes } from '../src/scenarios/input.ts'
import { parseScenario, type ParseResult } from '../src/scenarios/scenario.ts'
import { decodeScenarioLink, encodeScenarioHash, toBase64Url } from '../src/scenarios/url.ts'

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`)
  return value
}

const COUNT = flag('count', 1_000_000)
const SEED = flag('seed', 1)

/** xorshift32: a tiny seeded PRNG, so a failure is reproduced by its seed and index. */
let state = SEED || 1
function rand(n: number): number {
  state ^= state << 13
  state ^= state >>> 17
  state ^= state << 5
  return (state >>> 0) % n
}
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const ALPHABETS = [
  B64,
  '#s=.&?%+/= \n\t\0',
  '{}[]":,0123456789-eE.truefalsn',
  'äß€😀\u202e\ud800\uffff\u200b\ufeff\u00ad\u2028\u3164',
  B64,
]

function randomString(max: number): string {
  const alphabet = pick(ALPHABETS)
  let out = ''
  for (let i = rand(max + 1); i > 0; i--) out += alphabet[rand(alphabet.length)]
  return out
}

const link = (json: string): string => `#s=1.${toBase64Url(zlibSync(strToU8(json)))}`
const deep = (open: string, close: string, n: number, inner = '1') => open.repeat(n) + inner + close.repeat(n)

/** Valid zlib wrapping hostile JSON: deep nesting, huge numbers and arrays, prototype keys. */
function hostileJson(): string[] {
  const big = (n: number, item: string) => `[${Array.from({ length: n }, () => item).join(',')}]`
  const propose = '{"step":0,"type":"propose","pid":1,"value":"v"}'
  return [
    deep('[', ']', 100_000),
    deep('{"a":', '}', 100_000),
    `{"format":1,"config":${deep('{"bugs":', '}', 100_000, '{}')}}`,
    `{"format":1,"title":${deep('[', ']', 100_000)}}`,
    `{"format":1,"interventions":${deep('[', ']', 50_000)}}`,
    '{"format":1,"seed":1e309}',
    '{"format":1,"seed":-1e309}',
    '{"format":1,"seed":1e-400}',
    '{"format":1,"seed":-0}',
    `{"format":1,"seed":${'9'.repeat(5000)}}`,
    '{"format":1e309}',
    '{"format":2}',
    '{"format":-1}',
    `{"format":1,"config":{"processCount":${'9'.repeat(400)}}}`,
    '{"format":1,"cursor":9007199254740993}',
    `{"format":1,"interventions":${big(100_000, propose)}}`,
    `{"format":1,"interventions":${big(200_000, '0')}}`,
    `{"format":1,"beats":${big(100_000, '{"step":1,"text":"x"}')}}`,
    `{"format":1,"interventions":[{"step":0,"type":"partition","groups":${big(50_000, '[1]')}}]}`,
    `{"format":1,"title":"${'x'.repeat(900_000)}"}`,
    '{"__proto__":{"format":1},"format":1}',
    '{"format":1,"__proto__":{"polluted":true}}',
    '{"format":1,"constructor":{"prototype":{"polluted":true}}}',
    '{"format":1,"config":{"__proto__":{"processCount":9}}}',
    '{"format":1,"config":{"retry":{"__proto__":{"policy":"none"}}}}',
    '{"format":1,"interventions":[{"__proto__":{"type":"heal"},"step":0}]}',
    '{"format":1,"interventions":[{"step":0,"type":"__proto__"}]}',
    '{"format":1,"interventions":[{"step":0,"type":"toString"}]}',
    '{"format":1,"config":{"learnerMode":"constructor"}}',
    '{"format":1,"hasOwnProperty":1}',
    '{"format":1,"interventions":[{"step":0,"type":"propose","pid":9,"value":"v"}]}',
    '{"format":1,"config":{"latencyTicksMin":9,"latencyTicksMax":1}}',
    'null',
    '[]',
    '"s=1.x"',
    '1',
    '{"format":1,"title":"\\ud800","description":"\\u0000"}',
    // Direction controls: refused in values (tester4 defect 3), kept in free text.
    '{"format":2,"protocol":"paxos","interventions":[{"step":0,"type":"propose","pid":3,"value":"\\u202e01"}]}',
    '{"format":1,"interventions":[{"step":0,"type":"propose","pid":1,"value":"v\\u0000\\u2067"}]}',
    '{"format":2,"protocol":"multipaxos","interventions":[{"step":0,"type":"propose","pid":6,"value":"put\\u200f"}]}',
    '{"format":2,"protocol":"paxos","title":"\\u202e\\u2069evil","beats":[{"step":0,"text":"\\u202eexe.txt"}]}',
    // Invisible and control characters: refused in values (tester5 defect 2), kept in free text.
    ...[
      '1\\u200b0',
      '\\ufeff10',
      '1\\u20600',
      '1\\u200d0',
      '1\\u00ad0',
      '1\\n0',
      '1\\u00000',
      '1\\u20280',
    ].map(
      (value) =>
        `{"format":2,"protocol":"paxos","interventions":[{"step":0,"type":"propose","pid":3,"value":"${value}"}]}`,
    ),
    ...['1\\ufe0f0', '1\\u034f0', '1\\u31640', '1\\u28000', '1\\u00a00', '\\udb40\\udc4110'].map(
      (value) => `{"format":1,"interventions":[{"step":0,"type":"propose","pid":3,"value":"${value}"}]}`,
    ),
    '{"format":2,"protocol":"multipaxos","interventions":[{"step":0,"type":"propose","pid":6,"value":"put\\ufeffx5"}]}',
    '{"format":2,"protocol":"paxos","title":"Two\\nlines\\u200b\\u2028","beats":[{"step":0,"text":"\\ufeff\\u0000"}]}',
  ]
}

/** Links from issue 14 that were misread: malformed versions, percent-encoding, zip bombs. */
function hostileLinks(): string[] {
  const good = encodeScenarioHash(allPresets()[0]!.scenario)
  return [
    '#s=1',
    '#s=',
    's=',
    '#s=-1.eNo',
    '#s=0.eNo',
    `#s=-1.${good.slice(4)}`,
    '#s=1000000000000000000000.AAAA',
    '#s=1e21.AAAA',
    `#${good.replace('s=', 's%3D')}`,
    `https://synod.test/#${good.replace('s=', 's%3d')}`,
    '#s%3D',
    '#%',
    // Zip bombs: 30 MB and 48 MB of spaces in links under the length limit.
    `#s=1.${toBase64Url(zlibSync(new Uint8Array(30_000_000).fill(32)))}`,
    `#s=1.${toBase64Url(zlibSync(new Uint8Array(48_000_000).fill(32), { level: 9 }))}`,
  ]
}

/** A scenario file's bytes in the encodings editors save (the app and CLI both read them). */
function hostileFiles(): Uint8Array[] {
  const json = '{"format":1,"title":"Files ✓","interventions":[]}'
  const utf16 = (text: string, le: boolean): Uint8Array =>
    Uint8Array.from({ length: text.length * 2 }, (_, i) => {
      const unit = text.charCodeAt(i >> 1)
      return (i % 2 === 0) === le ? unit & 0xff : unit >> 8
    })
  return [
    strToU8(json),
    new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(json)]),
    new Uint8Array([0xff, 0xfe, ...utf16(json, true)]),
    new Uint8Array([0xfe, 0xff, ...utf16(json, false)]),
    utf16(json, true),
    new Uint8Array([0xff, 0xfe, 0x7b]),
    new Uint8Array([0, 0, 0, 0]),
    new Uint8Array([0xef, 0xbb, 0xbf]),
    new Uint8Array(0),
    new Uint8Array(8_000_001).fill(32),
  ]
}

function makeCorpus(): { links: string[]; hostile: { json: string; link: string }[] } {
  const links = allPresets().map((p) => `https://synod.test/app/#${encodeScenarioHash(p.scenario)}`)
  const hostile = hostileJson().map((json) => ({ json, link: link(json) }))
  for (const l of hostileLinks()) hostile.push({ json: '{}', link: l })
  return { links, hostile }
}

/** A mutation of a valid link: truncation, bit flips, insertions, deletions, garbage, new version. */
function mutate(src: string): string {
  const at = rand(src.length)
  switch (rand(8)) {
    case 0:
      return src.slice(0, at)
    case 1: {
      const code = src.charCodeAt(at) ^ (1 << rand(7))
      return src.slice(0, at) + String.fromCharCode(code) + src.slice(at + 1)
    }
    case 2:
      return src.slice(0, at) + B64[rand(64)] + src.slice(at + 1)
    case 3:
      return src.slice(0, at) + randomString(8) + src.slice(at)
    case 4:
      return src.slice(0, at) + src.slice(at + 1 + rand(16))
    case 5:
      return src.replace('s=1.', `s=${pick(['0', '2', '-1', '1e3', '', '01', '1.1', 'NaN'])}.`)
    case 6:
      return src + randomString(64)
    default:
      return src.slice(0, src.indexOf('s=1.') + 4) + randomString(200)
  }
}

/** A message is specific when it says something: not empty, not generic, no leaked internals. */
function badMessage(error: unknown): string | null {
  if (typeof error !== 'string') return `error is a ${typeof error}`
  if (error.trim().length < 12) return `message too short: "${error}"`
  if (/^(error|invalid|failed|unknown error)\.?$/i.test(error.trim())) return `generic message "${error}"`
  if (/\[object |\bundefined\b|\bNaN\b|TypeError|RangeError|SyntaxError/.test(error))
    return `message leaks internals: "${error}"`
  return null
}

/** Checks one result; a loaded scenario must also survive a round trip through the codec. */
function check(r: ParseResult): string | null {
  if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') return 'not a ParseResult'
  if (!r.ok) return badMessage(r.error)
  const again = decodeScenarioLink(encodeScenarioHash(r.scenario))
  return again.ok ? null : `loaded, but does not round-trip: ${again.error}`
}

type Kind =
  | 'random'
  | 'random-b64'
  | 'mutated'
  | 'hostile-link'
  | 'hostile-json'
  | 'hostile-file'
  | 'mutated-json'
  | 'mutated-json-link'
const stats = new Map<Kind, { inputs: number; loaded: number; refused: number }>()
const messages = new Map<string, number>()
const failures: string[] = []

function record(kind: Kind, input: string, run: () => ParseResult): void {
  const s = stats.get(kind) ?? { inputs: 0, loaded: 0, refused: 0 }
  stats.set(kind, s)
  s.inputs++
  let problem: string | null
  try {
    const r = run()
    problem = check(r)
    if (r.ok) s.loaded++
    else {
      s.refused++
      const key = r.error.replace(/\d+/g, 'N').slice(0, 90)
      messages.set(key, (messages.get(key) ?? 0) + 1)
    }
  } catch (e) {
    problem = `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`
  }
  if (problem !== null && failures.length < 20) {
    const shown = input.length > 160 ? `${input.slice(0, 160)}… (${input.length} chars)` : input
    failures.push(`[${kind}] ${problem}\n    input: ${JSON.stringify(shown)}`)
  }
}

function parseJsonText(json: string): ParseResult {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return { ok: false, error: 'not JSON (skipped: the caller reports this)' }
  }
  return parseScenario(value)
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).length

function main(): void {
  const started = performance.now()
  const { links, hostile } = makeCorpus()
  const setupMs = performance.now() - started
  // Every hostile payload once, as a link and as JSON text; then random and mutated inputs.
  for (const h of hostile.slice(0, Math.ceil(COUNT / 2))) {
    record('hostile-link', h.link, () => decodeScenarioLink(h.link))
    record('hostile-json', h.json, () => parseJsonText(h.json))
  }
  for (const bytes of hostileFiles()) {
    const shown = bytes.length > 200 ? `${bytes.length} bytes` : Array.from(bytes.subarray(0, 60)).join(' ')
    record('hostile-file', shown, () => parseScenarioBytes(bytes))
  }
  const small = hostile.filter((h) => h.json.length < 2000).map((h) => h.json)
  for (let i = Math.min(COUNT, 2 * hostile.length); i < COUNT; i++) {
    const r = rand(100)
    if (r < 25) {
      const s = randomString(120)
      record('random', s, () => decodeScenarioLink(s))
    } else if (r < 40) {
      const s = `${pick(['', '#', 'https://x.test/#a=1&'])}s=1.${randomString(300)}`
      record('random-b64', s, () => decodeScenarioLink(s))
    } else if (r < 90) {
      let s = pick(links)
      for (let k = 1 + rand(3); k > 0; k--) s = mutate(s)
      record('mutated', s, () => decodeScenarioLink(s))
    } else if (r < 95) {
      const s = mutate(pick(small))
      record('mutated-json', s, () => parseJsonText(s))
    } else {
      const s = link(mutate(pick(small)))
      record('mutated-json-link', s, () => decodeScenarioLink(s))
    }
  }
  const seconds = (performance.now() - started) / 1000
  console.log(`fuzzed ${COUNT.toLocaleString('en')} inputs (seed ${SEED}) in ${seconds.toFixed(1)} s`)
  console.log(`  (corpus built in ${(setupMs / 1000).toFixed(1)} s)`)
  for (const [kind, s] of stats)
    console.log(
      `  ${kind.padEnd(17)} ${String(s.inputs).padStart(9)} inputs, ${s.loaded} loaded, ${s.refused} refused`,
    )
  console.log(`  ${messages.size} distinct messages (numbers masked); most frequent:`)
  for (const [m, n] of [...messages].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`    ${String(n).padStart(8)}  ${m}`)
  const polluted = Object.getOwnPropertyNames(Object.prototype).length !== PROTO_KEYS
  if (polluted) failures.push('Object.prototype gained properties during the run')
  if (failures.length > 0) {
    console.error(`\n${failures.length} failure(s) (first 20):\n${failures.join('\n')}`)
    process.exit(1)
  }
  console.log('no input threw; every refusal had a specific message')
}

main()
