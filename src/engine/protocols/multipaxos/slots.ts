/**
 * A slot-indexed persistent array (slot 1 first). Handlers never mutate state they were given,
 * and a log grows to thousands of slots, so copying a whole array on every accept would make a
 * long run quadratic. Slots live in chunks: a write copies the chunk list and one chunk only,
 * and every other chunk is shared with the previous state (and with snapshots). Plain JSON-safe
 * data. Pure.
 */
export interface Slots<T> {
  /** The highest slot ever written (0 when empty). */
  readonly size: number
  readonly chunks: readonly (readonly (T | null)[])[]
}

const CHUNK = 64

export function emptySlots<T>(): Slots<T> {
  return { size: 0, chunks: [] }
}

/** The value in `slot`, or null. */
export function slotGet<T>(s: Slots<T>, slot: number): T | null {
  if (slot < 1 || slot > s.size) return null
  const i = slot - 1
  return s.chunks[Math.floor(i / CHUNK)]?.[i % CHUNK] ?? null
}

/** A copy of `s` with `slot` set to `v`; unchanged chunks are shared. */
export function slotSet<T>(s: Slots<T>, slot: number, v: T | null): Slots<T> {
  const i = slot - 1
  const c = Math.floor(i / CHUNK)
  const chunks = s.chunks.slice()
  while (chunks.length <= c) chunks.push([])
  const chunk = (chunks[c] ?? []).slice()
  while (chunk.length < i % CHUNK) chunk.push(null)
  chunk[i % CHUNK] = v
  chunks[c] = chunk
  return { size: Math.max(s.size, slot), chunks }
}

/** Slots 1..size as a plain array (nulls for empty slots). */
export function slotsToArray<T>(s: Slots<T>): (T | null)[] {
  const out: (T | null)[] = []
  for (let slot = 1; slot <= s.size; slot++) out.push(slotGet(s, slot))
  return out
}

/** Slots from a plain array (index 0 is slot 1). */
export function slotsFrom<T>(arr: readonly (T | null)[]): Slots<T> {
  let s = emptySlots<T>()
  arr.forEach((v, i) => {
    if (v !== null) s = slotSet(s, i + 1, v)
  })
  return s
}
