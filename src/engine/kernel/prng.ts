/**
 * Seeded pseudo-random numbers with an integer API. One independent stream per subsystem
 * (latency, loss, duplication, and each protocol stream such as backoff), each derived from the scenario seed, so that turning up
 * loss does not reshuffle latencies or backoff delays. State is a plain number: snapshots and
 * hashing need nothing special. Pure: no global state and no ambient randomness.
 */

/** The network's streams; a protocol names its own (`randomStreams`), e.g. `backoff`. */
export type StreamName = 'latency' | 'loss' | 'duplicate' | (string & {})

/** Salts of the streams single-decree Paxos has always used: they fix every existing run. */
const STREAM_SALT: Record<string, number> = {
  latency: 0x9e3779b9,
  loss: 0x85ebca6b,
  duplicate: 0xc2b2ae35,
  backoff: 0x27d4eb2f,
}

/** The salt of a stream: a fixed one above, or FNV-1a of its name for a protocol's new stream. Pure. */
function saltOf(stream: string): number {
  const fixed = STREAM_SALT[stream]
  if (fixed !== undefined) return fixed
  let h = 0x811c9dc5
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** SplitMix32 finaliser: a good 32-bit integer hash. Pure. */
export function mix32(x: number): number {
  let z = x | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** The initial state of one stream, derived from the scenario seed. Pure. */
export function streamSeed(seed: number, stream: StreamName): number {
  return mix32((seed >>> 0) ^ saltOf(stream)) || 1
}

/** A mutable handle over one stream's state (kept inside the simulator state). */
export interface Rng {
  state: number
}

/** Next uniformly distributed unsigned 32-bit integer (Mulberry32). Advances `rng`. */
export function nextU32(rng: Rng): number {
  rng.state = (rng.state + 0x6d2b79f5) | 0
  let t = rng.state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return (t ^ (t >>> 14)) >>> 0
}

/** A uniform integer in [min, max] (inclusive). Advances `rng` once. */
export function intBetween(rng: Rng, min: number, max: number): number {
  if (max <= min) return min
  const span = max - min + 1
  // Multiply-shift keeps the result unbiased enough for spans far below 2^32 and avoids division.
  return min + Math.floor((nextU32(rng) / 0x1_0000_0000) * span)
}

/** True with probability percent/100 (an integer ratio). Advances `rng` only when 0 < percent < 100. */
export function chancePercent(rng: Rng, percent: number): boolean {
  if (percent <= 0) return false
  if (percent >= 100) return true
  return nextU32(rng) % 100 < percent
}
