import { strFromU8 } from 'fflate'
import { parseScenario, type ParseResult } from './scenario.ts'

/**
 * The one path from untrusted bytes or text to a scenario, shared by the app (file import, links)
 * and the `synod` CLI, so both accept and refuse the same inputs with the same messages.
 */

/**
 * The largest scenario JSON accepted from a link (after decompression). The largest valid
 * scenario (10,000 interventions of the longest kind, every text at its limit) is about 2.6 MB
 * as compact JSON (src/scenarios/input.test.ts), so no valid scenario is refused.
 */
export const MAX_SCENARIO_BYTES = 4_000_000
/**
 * The largest scenario file accepted. Files are pretty-printed: the largest valid scenario is
 * about 4.5 MB as saved by Synod, and hand-edited files may carry more whitespace.
 */
export const MAX_FILE_BYTES = 8_000_000

/** "629 MB", "48 KB", "12 bytes" (decimal units, as file managers show them). Pure. */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0))} MB`
  if (n >= 1_000) return `${Number((n / 1_000).toFixed(n < 10_000 ? 1 : 0))} KB`
  return `${n} bytes`
}

/**
 * The refusal for a file of `size` bytes, or null when it may be read. `exact` is false when
 * only a lower bound is known (a pipe or device read until it passed the limit). Pure.
 */
export function fileSizeProblem(size: number, exact = true): string | null {
  if (size <= MAX_FILE_BYTES) return null
  const limit = formatBytes(MAX_FILE_BYTES)
  return exact
    ? `the file is too large (${formatBytes(size)}; the limit is ${limit})`
    : `the file is too large (more than ${limit}, the limit)`
}

/** UTF-16 code units to a string, in slices (a spread of millions of arguments would overflow). */
function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units = new Uint16Array(bytes.length >> 1)
  for (let i = 0; i < units.length; i++) {
    const a = bytes[2 * i] ?? 0
    const b = bytes[2 * i + 1] ?? 0
    units[i] = littleEndian ? a | (b << 8) : (a << 8) | b
  }
  let out = ''
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192))
  return out
}

/**
 * The text of a file as editors save it: UTF-8 with or without a byte-order mark, or UTF-16
 * (little- or big-endian, with a mark, or recognised by the zero byte of its first ASCII
 * character: a scenario starts with "{" or whitespace). Invalid UTF-8 becomes U+FFFD. Pure.
 */
export function decodeFileText(bytes: Uint8Array): string {
  const [b0, b1] = [bytes[0], bytes[1]]
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return strFromU8(bytes.subarray(3))
  if (b0 === 0xff && b1 === 0xfe) return utf16(bytes.subarray(2), true)
  if (b0 === 0xfe && b1 === 0xff) return utf16(bytes.subarray(2), false)
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return utf16(bytes, true)
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return utf16(bytes, false)
  return strFromU8(bytes)
}

/**
 * A scenario file's bytes to a scenario: size, text encoding, JSON, then the format. Pure; never
 * throws; every refusal names the problem.
 */
export function parseScenarioBytes(bytes: Uint8Array): ParseResult {
  const tooLarge = fileSizeProblem(bytes.length)
  if (tooLarge !== null) return { ok: false, error: tooLarge }
  const text = decodeFileText(bytes)
  // Said plainly: "not valid JSON" sent the user looking for a syntax error in nothing.
  if (text.trim() === '') return { ok: false, error: 'the file is empty' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, error: 'the file is not valid JSON' }
  }
  return parseScenario(value)
}

/**
 * True when a command-line argument is a link (or a link's fragment) rather than a file path:
 * anything with a "#", or starting with "s=" (also percent-encoded, as some chat tools do), or an
 * http(s) address. Pure.
 */
export function looksLikeLink(arg: string): boolean {
  return arg.includes('#') || /^s(=|%3d)/i.test(arg) || /^https?:\/\//i.test(arg)
}
