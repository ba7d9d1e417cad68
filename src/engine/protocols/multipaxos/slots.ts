/**
 * A slot-indexed persistent array (slot 1 first). Handlers never mutate state they were given,
 * and a log grows to thousands of slots, so copying a whole array on every accept would make a
 * long run quadratic. Slots live in full chunks of `CHUNK` slots, shared between versions and
 * never mutated, and a short `tail` after them. Every version (and every time-travel snapshot)
 * shares all full chunks. JSON-safe: a version's JSON is its slots alone (`toJSON`), so equal
 * histories give equal JSON whatever the versions share. Pure.
 *
 * The tail is shared too. Most writes are the next slot, and a version's slots after its chunks
 * are the first `size - chunks·CHUNK` items of its `tail` list, a list of CHUNK places filled
 * from the front. When the place after this version's last slot is still empty (no later
 * version wrote there), the next slot is written into it, on the same list, and the new version
 * says it is one longer. Every older version still reads only its own prefix, so none of them
 * changes; a write anywhere else (an older slot, a version whose next place is taken, a frozen
 * or short list) copies the tail into a new list. Before this, every write copied the tail (half
 * a chunk on average), and every time-travel snapshot kept its own copy of every tail alive: the
 * largest share of what a 1,000-command run's snapshots kept, and so of what the collector copied.
 */
export interface Slots<T> {
  /** The highest slot ever written (0 when empty). */
  readonly size: number
  /** Slots 1..CHUNK·n, CHUNK per chunk. */
  readonly chunks: readonly (readonly (T | null)[])[]
  /**
   * The slots after the chunks, up to `size` (fewer than CHUNK): its first
   * `size - chunks.length·CHUNK` items (a later version may have written more places of it).
   */
  readonly tail: readonly (T | null)[]
}

/**
 * Small chunks: an overwrite copies the tail (half a chunk on average), and the chunk list a
 * tail's filling copies is 63 entries at 1,000 slots, once per 16 writes. 16 rather than 64 made
 * a 1,000-command run allocate 5% less.
 */
const CHUNK = 16

/** One version. A class only for `toJSON`; its fields are the plain `Slots` fields. */
class SlotsVersion<T> implements Slots<T> {
  constructor(
    readonly size: number,
    readonly chunks: readonly (readonly (T | null)[])[],
    readonly tail: readonly (T | null)[],
  ) {}

  /** The version's own slots only: what a copied tail would have held (the JSON never changed). */
  toJSON(): Slots<T> {
    const n = this.size - this.chunks.length * CHUNK
    const tail = this.tail.length === n ? this.tail : this.tail.slice(0, n)
    return { size: this.size, chunks: this.chunks, tail }
  }
}

const version = <T>(size: number, chunks: Slots<T>['chunks'], tail: Slots<T>['tail']): Slots<T> =>
  new SlotsVersion(size, chunks, tail)

/** No tail yet: the first write makes a list of CHUNK places (frozen: never written into). */
const NO_TAIL: readonly never[] = Object.freeze([])

export function emptySlots<T>(): Slots<T> {
  return version<T>(0, [], NO_TAIL)
}

/** A new tail list of CHUNK places holding `tail`'s first `n` slots (exactly one chunk's room). */
function tailCopy<T>(tail: readonly (T | null)[], n: number): (T | null)[] {
  const out = new Array<T | null>(CHUNK)
  for (let k = 0; k < n; k++) out[k] = tail[k] as T | null
  return out
}

/** The value in `slot`, or null. */
export function slotGet<T>(s: Slots<T>, slot: number): T | null {
  if (slot < 1 || slot > s.size) return null
  const i = slot - 1
  const base = s.chunks.length * CHUNK
  if (i >= base) return s.tail[i - base] ?? null
  return s.chunks[Math.floor(i / CHUNK)]?.[i % CHUNK] ?? null
}

/** A copy of `s` with `slot` set to `v`; the full chunks not written, and the tail's list when it can, are shared. */
export function slotSet<T>(s: Slots<T>, slot: number, v: T | null): Slots<T> {
  const i = slot - 1
  let base = s.chunks.length * CHUNK
  if (i < base) {
    // In a full chunk: copy the list and that chunk.
    const c = Math.floor(i / CHUNK)
    const chunks = s.chunks.slice()
    const chunk = (chunks[c] ?? []).slice()
    chunk[i % CHUNK] = v
    chunks[c] = chunk
    return version(s.size, chunks, s.tail)
  }
  const own = s.size - base
  const place = i - base
  // The common case, the next slot: written into the tail's list when its place is free (see
  // `Slots`; slots hold a value or null, so an unwritten place is a hole). When that fills the
  // list, it becomes a chunk as it is (never written again: every version that reads it as a tail
  // reads a shorter prefix, and finds its next place taken).
  if (place === own) {
    const free = s.tail.length === CHUNK && s.tail[place] === undefined && !Object.isFrozen(s.tail)
    const tail = free ? (s.tail as (T | null)[]) : tailCopy(s.tail, own)
    tail[place] = v
    if (place < CHUNK - 1) return version(slot, s.chunks, tail)
    // The chunk list is copied at exactly its new length (a copy then a push reserves half as
    // much again, which every snapshot kept alive).
    return version(slot, appended(s.chunks, tail), NO_TAIL)
  }
  // A written slot of the tail: a new list (the old one is other versions' too).
  if (place < own) {
    const tail = tailCopy(s.tail, own)
    tail[place] = v
    return version(s.size, s.chunks, tail)
  }
  let chunks = s.chunks as (readonly (T | null)[])[]
  // Beyond the next slot: the tail padded with empty slots, at its exact length.
  let tail = s.tail.slice(0, own)
  let ownList = false
  for (;;) {
    const o = i - base
    if (o < CHUNK) {
      while (tail.length < o) tail.push(null)
      tail[o] = v
      if (tail.length < CHUNK) break
    }
    // The tail is full, or the slot lies beyond its chunk: it becomes a chunk (padded with
    // empty slots), and a new tail starts.
    while (tail.length < CHUNK) tail.push(null)
    if (!ownList) chunks = chunks.slice()
    ownList = true
    chunks.push(tail)
    tail = []
    base += CHUNK
    if (o < CHUNK) break
  }
  return version(Math.max(s.size, slot), chunks, tail)
}

/**
 * A copy of `list` with `v` after its last item, exactly that long: `concat([v])` made a one-item
 * list first, and a copy then a push reserves room for more.
 */
function appended<X>(list: readonly X[], v: X): X[] {
  const n = list.length
  const out = new Array<X>(n + 1)
  for (let i = 0; i < n; i++) out[i] = list[i] as X
  out[n] = v
  return out
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
