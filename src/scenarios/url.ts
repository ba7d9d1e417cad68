import { strFromU8, strToU8, zlibSync } from 'fflate'
import { protocolById } from '../engine/index.ts'
import { inflateCapped, inflateInSlices, type InflateResult } from './inflate.ts'
import { formatBytes, MAX_SCENARIO_BYTES } from './input.ts'
import { parseScenario, scenarioToJson, type ParseResult, type Scenario } from './scenario.ts'

/**
 * The shareable-link codec: `#s=<codec version>.<payload>`, where the payload is the scenario JSON,
 * zlib-compressed (fflate) and base64url-encoded. Decoding takes untrusted text and never throws:
 * every failure is a specific, friendly message, and nothing in it is ever executed.
 */

export const URL_CODEC_VERSION = 1
/** Links longer than this are refused before any decompression work. */
export const MAX_LINK_CHARS = 64_000
/** Decompressed scenarios larger than this are refused (a zip bomb cannot exhaust memory). */
export { MAX_SCENARIO_BYTES }

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]))

const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0))

/**
 * base64url without padding. Pure. The characters' codes go into one byte array, decoded once
 * (all ASCII, so UTF-8 reads them as they are; fflate uses the platform's TextDecoder): 3-4×
 * faster in Chromium than growing a string one character at a time, and than `btoa` (whose
 * argument must be built first).
 */
export function toBase64Url(bytes: Uint8Array): string {
  const n = bytes.length
  const out = new Uint8Array(Math.ceil((n * 8) / 6))
  let j = 0
  let i = 0
  for (; i + 2 < n; i += 3) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out[j++] = B64_CODES[v >> 18] ?? 0
    out[j++] = B64_CODES[(v >> 12) & 63] ?? 0
    out[j++] = B64_CODES[(v >> 6) & 63] ?? 0
    out[j++] = B64_CODES[v & 63] ?? 0
  }
  // One or two bytes left: two or three characters, no padding.
  if (i < n) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8)
    out[j++] = B64_CODES[v >> 18] ?? 0
    out[j++] = B64_CODES[(v >> 12) & 63] ?? 0
    if (i + 1 < n) out[j++] = B64_CODES[(v >> 6) & 63] ?? 0
  }
  return strFromU8(out)
}

/** Inverse of toBase64Url; null when the text is not base64url. Pure. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null
  const out = new Uint8Array(Math.floor((text.length * 6) / 8))
  let bits = 0
  let acc = 0
  let j = 0
  for (const c of text) {
    const v = B64_INDEX.get(c)
    if (v === undefined) return null
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[j++] = (acc >> bits) & 0xff
    }
  }
  return out
}

/** Only the entries of `value` that differ from `base` (one level of nesting). Pure. */
function diff(value: Record<string, unknown>, base: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const b = base[k]
    // Lists (Multi-Paxos's workload) are values: kept whole unless equal, since an index-wise
    // diff would turn a list into an object the decoder refuses.
    if (Array.isArray(v) || Array.isArray(b)) {
      if (JSON.stringify(v) !== JSON.stringify(b)) out[k] = v
    } else if (typeof v === 'object' && v !== null && typeof b === 'object' && b !== null) {
      const inner = diff(v as Record<string, unknown>, b as Record<string, unknown>)
      if (Object.keys(inner).length > 0) out[k] = inner
    } else if (v !== b) out[k] = v
  }
  return out
}

/**
 * The scenario JSON a link carries: config fields equal to the protocol's defaults are left out
 * (so those defaults are part of the link format: changing one needs a new format and a
 * migration). Pure.
 */
function linkJson(s: Scenario): string {
  const full = scenarioToJson(s)
  const defaults = protocolById(s.protocol ?? 'paxos')?.config.defaults() ?? {}
  const config = diff(s.config as unknown as Record<string, unknown>, defaults as Record<string, unknown>)
  return JSON.stringify({ ...full, config })
}

/**
 * The hash fragment for a scenario (`s=1.…`, without the `#`). Config fields equal to the defaults
 * are left out (the decoder fills them in), which keeps typical links short. Pure.
 */
export function encodeScenarioHash(s: Scenario): string {
  return `s=${URL_CODEC_VERSION}.${toBase64Url(zlibSync(strToU8(linkJson(s)), { level: 9 }))}`
}

/**
 * The link for a scenario on the page at `base` (an address without its hash), or why there can
 * be none: a link this app would refuse to open is never produced. Pure.
 */
export function scenarioLink(
  s: Scenario,
  base: string,
): { ok: true; link: string } | { ok: false; error: string } {
  const json = strToU8(linkJson(s))
  if (json.length > MAX_SCENARIO_BYTES) return { ok: false, error: tooLargeForLink(json.length) }
  const link = `${base}#s=${URL_CODEC_VERSION}.${toBase64Url(zlibSync(json, { level: 9 }))}`
  if (link.length > MAX_LINK_CHARS) return { ok: false, error: tooLargeForLink(link.length, 'characters') }
  return { ok: true, link }
}

const tooLargeForLink = (n: number, unit: 'bytes' | 'characters' = 'bytes'): string =>
  unit === 'bytes'
    ? `this run is too large for a link (${formatBytes(n)} of scenario; links hold at most ${formatBytes(MAX_SCENARIO_BYTES)})`
    : `this run is too large for a link (it would be ${n.toLocaleString('en')} characters; links hold at most ${MAX_LINK_CHARS.toLocaleString('en')})`

const fail = (error: string): ParseResult => ({ ok: false, error })

/** The characters a link's payload is written in (base64url, unpadded). */
const BASE64URL_TEXT = /^[A-Za-z0-9_-]*$/

/** A link whose payload ends too early, as a chat tool or a half-done copy leaves it. */
const TRUNCATED = 'the scenario link looks truncated (its end is missing: was only part of it copied?)'

/** The fragment of a link or hash, percent-decoded (some chat tools encode "=" as "%3D"). Pure. */
function fragmentOf(link: string): string {
  const hashAt = link.indexOf('#')
  const fragment = hashAt >= 0 ? link.slice(hashAt + 1) : link
  if (!fragment.includes('%')) return fragment
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

/** The `s=` parameter's value in a fragment, or null when there is none. Pure. */
const scenarioParam = (fragment: string): string | null =>
  fragment
    .split('&')
    .find((p) => p.startsWith('s='))
    ?.slice(2) ?? null

/** True when an address hash (or link) carries a scenario, even a broken one. Pure. */
export function hasScenarioLink(link: string): boolean {
  return scenarioParam(fragmentOf(link)) !== null
}

/** Version digits as shown in a message: long ones shortened, never in exponent notation. */
const shownVersion = (digits: string): string => (digits.length > 12 ? `${digits.slice(0, 12)}…` : digits)

/**
 * Decode a link, a hash fragment (`#s=…`) or a bare payload into a scenario. Pure; never throws.
 */
export function decodeScenarioLink(link: string): ParseResult {
  const bytes = compressedPayload(link)
  return bytes instanceof Uint8Array ? scenarioOf(inflateCapped(bytes, MAX_SCENARIO_BYTES)) : bytes
}

/**
 * `decodeScenarioLink`, with a turn for the page between slices of the decompression: after each
 * slice `turn` is asked, and when it returns a promise (the app: about every 8 ms, one that
 * resolves in a later task; see `inflateInSlices`) decoding goes on once it resolves. Same
 * results, same messages. Never rejects.
 */
export async function decodeScenarioLinkInSlices(
  link: string,
  turn: () => Promise<void> | null,
): Promise<ParseResult> {
  const bytes = compressedPayload(link)
  if (!(bytes instanceof Uint8Array)) return bytes
  const steps = inflateInSlices(bytes, MAX_SCENARIO_BYTES)
  for (;;) {
    const next = steps.next()
    if (next.done === true) return scenarioOf(next.value)
    const waiting = turn()
    if (waiting !== null) await waiting
  }
}

/** A link's compressed payload, or why it has none that can be inflated. Pure. */
function compressedPayload(link: string): Uint8Array | ParseResult {
  if (link.length > MAX_LINK_CHARS)
    return fail(`this link is too long (${link.length} characters; at most ${MAX_LINK_CHARS})`)
  const body = scenarioParam(fragmentOf(link))
  if (body === null) return fail('this link holds no scenario (expected “#s=…”)')
  if (body === '') return fail('the scenario link is empty (nothing follows “s=”)')
  const dot = body.indexOf('.')
  const digits = dot >= 0 ? body.slice(0, dot) : body
  if (!/^\d+$/.test(digits) || /^0+$/.test(digits))
    return fail('the scenario link is malformed (it must start with a version number, as in “s=1.”)')
  if (dot < 0) return fail('the scenario link is incomplete (nothing follows its version number)')
  const version = digits.replace(/^0+/, '')
  if (version.length > String(URL_CODEC_VERSION).length || Number(version) > URL_CODEC_VERSION) {
    return fail(
      `this link was made by a newer Synod (link version ${shownVersion(version)}, this one reads ${URL_CODEC_VERSION}); please update`,
    )
  }
  const payload = body.slice(dot + 1)
  if (!BASE64URL_TEXT.test(payload)) return fail('the scenario link is corrupted (invalid characters)')
  // Only link characters, yet not base64url (a length no encoder makes) or empty: it was cut off.
  const bytes = fromBase64Url(payload)
  if (bytes === null || bytes.length === 0) return fail(TRUNCATED)
  return bytes
}

/** The scenario in an inflated payload, or why there is none. Pure. */
function scenarioOf(inflated: InflateResult): ParseResult {
  if (!inflated.ok) {
    return fail(
      inflated.reason === 'too-large'
        ? `the scenario in this link is too large (more than ${formatBytes(MAX_SCENARIO_BYTES)} once decompressed, the limit)`
        : inflated.reason === 'truncated'
          ? TRUNCATED
          : 'the scenario link is corrupted (it could not be decompressed)',
    )
  }
  let value: unknown
  try {
    value = JSON.parse(strFromU8(inflated.bytes))
  } catch {
    return fail('the scenario link is corrupted (its contents are not valid JSON)')
  }
  const parsed = parseScenario(value)
  return parsed.ok ? parsed : fail(`the scenario in this link is invalid: ${parsed.error}`)
}
