import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate'
import { defaultConfig } from '../engine/index.ts'
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
export const MAX_SCENARIO_BYTES = 1_000_000

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]))

/** base64url without padding. Pure. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63]
  }
  return out
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
    if (typeof v === 'object' && v !== null && typeof b === 'object' && b !== null) {
      const inner = diff(v as Record<string, unknown>, b as Record<string, unknown>)
      if (Object.keys(inner).length > 0) out[k] = inner
    } else if (v !== b) out[k] = v
  }
  return out
}

/**
 * The hash fragment for a scenario (`s=1.…`, without the `#`). Config fields equal to the defaults
 * are left out (the decoder fills them in), which keeps typical links short. Pure.
 */
export function encodeScenarioHash(s: Scenario): string {
  const full = scenarioToJson(s)
  const config = diff(
    s.config as unknown as Record<string, unknown>,
    defaultConfig() as unknown as Record<string, unknown>,
  )
  const json = JSON.stringify({ ...full, config })
  return `s=${URL_CODEC_VERSION}.${toBase64Url(zlibSync(strToU8(json), { level: 9 }))}`
}

const fail = (error: string): ParseResult => ({ ok: false, error })

/**
 * Decode a link, a hash fragment (`#s=…`) or a bare payload into a scenario. Pure; never throws.
 */
export function decodeScenarioLink(link: string): ParseResult {
  if (link.length > MAX_LINK_CHARS)
    return fail(`this link is too long (${link.length} characters; at most ${MAX_LINK_CHARS})`)
  const hashAt = link.indexOf('#')
  const fragment = hashAt >= 0 ? link.slice(hashAt + 1) : link
  const param = fragment.split('&').find((p) => p.startsWith('s='))
  if (param === undefined) return fail('this link holds no scenario (expected “#s=…”)')
  const body = param.slice(2)
  const dot = body.indexOf('.')
  const version = Number(dot > 0 ? body.slice(0, dot) : NaN)
  if (!Number.isInteger(version) || version < 1)
    return fail('the scenario link is malformed (no version number)')
  if (version > URL_CODEC_VERSION) {
    return fail(
      `this link was made by a newer Synod (link version ${version}, this one reads ${URL_CODEC_VERSION}); please update`,
    )
  }
  const bytes = fromBase64Url(body.slice(dot + 1))
  if (bytes === null || bytes.length === 0) return fail('the scenario link is corrupted (invalid characters)')
  let json: string
  try {
    const raw = unzlibSync(bytes, { out: undefined })
    if (raw.length > MAX_SCENARIO_BYTES) return fail('the scenario in this link is too large')
    json = strFromU8(raw)
  } catch {
    return fail('the scenario link is truncated or corrupted (it could not be decompressed)')
  }
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return fail('the scenario link is corrupted (its contents are not valid JSON)')
  }
  const parsed = parseScenario(value)
  return parsed.ok ? parsed : fail(`the scenario in this link is invalid: ${parsed.error}`)
}
