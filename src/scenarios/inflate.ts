import { Unzlib } from 'fflate'

/**
 * zlib decompression with a ceiling on the output, for untrusted links. The compressed input is
 * fed to fflate's streaming inflater in small slices and the output is counted as it appears, so
 * a zip bomb (a few kilobytes that inflate to gigabytes) is stopped once it passes `maxBytes`:
 * memory and time stay proportional to the limit, never to what the bomb would have produced.
 */

/**
 * Compressed bytes per push. Deflate expands at most about 1,032:1, so one slice yields at most
 * about 0.5 MB beyond the limit before the check stops it.
 */
const SLICE_BYTES = 512

export type InflateResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: InflateFailure; readonly inflatedBytes: number }

/**
 * Why inflating failed: the output passed the limit; the input ended before the compressed stream
 * did (fflate's "unexpected EOF": a link cut short, as chat tools and half-copied addresses do);
 * or the input is not zlib at all.
 */
export type InflateFailure = 'too-large' | 'truncated' | 'corrupt'

/** fflate's error code for input that ends in the middle of the compressed stream. */
const FFLATE_UNEXPECTED_EOF = 0

/** Inflate zlib `data`, refusing output beyond `maxBytes`. Pure; never throws. */
export function inflateCapped(data: Uint8Array, maxBytes: number): InflateResult {
  const steps = inflateInSlices(data, maxBytes)
  for (;;) {
    const next = steps.next()
    if (next.done === true) return next.value
  }
}

/**
 * `inflateCapped` one slice of input at a time: the generator pauses after each slice, so a caller
 * on the browser's main thread can give the page a turn between slices (`url.ts`
 * `decodeScenarioLinkInSlices`). A link that inflates to megabytes took one task of 100–300 ms
 * there while the inflater was still cold (not yet optimized by the JIT, on a loaded 2-core
 * machine); in slices no task holds the page that long. Never throws.
 */
export function* inflateInSlices(data: Uint8Array, maxBytes: number): Generator<void, InflateResult> {
  if (data.length === 0) return { ok: false, reason: 'corrupt', inflatedBytes: 0 }
  const chunks: Uint8Array[] = []
  let inflated = 0
  const inflater = new Unzlib((chunk) => {
    inflated += chunk.length
    // Past the limit nothing more is kept: the result is a refusal anyway.
    if (inflated <= maxBytes) chunks.push(chunk)
  })
  for (let at = 0; at < data.length; at += SLICE_BYTES) {
    const end = Math.min(at + SLICE_BYTES, data.length)
    try {
      inflater.push(data.subarray(at, end), end === data.length)
    } catch (e) {
      const truncated = (e as { code?: unknown }).code === FFLATE_UNEXPECTED_EOF
      return { ok: false, reason: truncated ? 'truncated' : 'corrupt', inflatedBytes: inflated }
    }
    if (inflated > maxBytes) return { ok: false, reason: 'too-large', inflatedBytes: inflated }
    if (end < data.length) yield
  }
  const bytes = new Uint8Array(inflated)
  let offset = 0
  for (const c of chunks) {
    bytes.set(c, offset)
    offset += c.length
  }
  return { ok: true, bytes }
}
