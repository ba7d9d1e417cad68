/**
 * Storage for the breadth-first search: every distinct state as `words` Uint32 words in one
 * growable array (in BFS order, so a level is a contiguous range of state ids), the id of the
 * parent it was first reached from, and an open-addressing hash set over the ids of the level
 * being built. Only one level needs a set, because every step of Paxos.tla adds exactly one
 * message: a successor is either its parent again (a stutter) or a state of the next level.
 *
 * Pure: no DOM, no clocks, no randomness.
 */

const EMPTY = -1

/** A 32-bit mix of words[base..base+count) (multiply-xorshift per word, murmur3 finalizer). */
export function hashWords(words: Uint32Array, base: number, count: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < count; i++) {
    h = Math.imul(h ^ (words[base + i] as number), 0x9e3779b1)
    h ^= h >>> 15
  }
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b)
  return h ^ (h >>> 16)
}

function setSize(expected: number): number {
  let size = 1024
  while (size < expected * 2) size *= 2
  return size
}

export class StateStore {
  readonly words: number
  /** Number of states stored. */
  count = 0
  keys: Uint32Array
  parents: Int32Array
  private slots: Int32Array
  private mask: number
  private inSet = 0

  constructor(words: number, initialCapacity = 1024) {
    this.words = words
    this.keys = new Uint32Array(initialCapacity * words)
    this.parents = new Int32Array(initialCapacity)
    this.slots = new Int32Array(1024).fill(EMPTY)
    this.mask = 1023
  }

  /** Bytes held by the typed arrays (the whole footprint of the search, up to a few small scratch arrays). */
  bytes(): number {
    return this.keys.byteLength + this.parents.byteLength + this.slots.byteLength
  }

  /**
   * Peak bytes while making room for `extra` more states in the current level: bytes() when no
   * array has to grow, else plus the doubled arrays (the old ones are held while copying).
   */
  peakBytesFor(extra: number): number {
    let peak = this.bytes()
    if (this.count + extra > this.parents.length) peak += 2 * (this.keys.byteLength + this.parents.byteLength)
    if ((this.inSet + extra) * 2 > this.mask) peak += 2 * this.slots.byteLength
    return peak
  }

  /** Grow now, so that `extra` more states fit without growing during an expansion. */
  reserve(extra: number): void {
    while (this.count + extra > this.parents.length) this.growStates()
    while ((this.inSet + extra) * 2 > this.mask) this.growSet()
  }

  /** Bytes after clearSet(expected) (it may allocate a new set). */
  bytesAfterClear(expected: number): number {
    const size = setSize(expected)
    const replaced = size > this.slots.length || size * 8 < this.slots.length
    return this.bytes() + (replaced ? size * 4 : 0)
  }

  /** Forget the set (not the states): the next level starts empty. */
  clearSet(expected: number): void {
    const size = setSize(expected)
    if (size > this.slots.length || size * 8 < this.slots.length) this.slots = new Int32Array(size)
    this.slots.fill(EMPTY)
    this.mask = this.slots.length - 1
    this.inSet = 0
  }

  /**
   * Add key (words key[0..words)) with its parent unless the current set has it. Returns the new
   * id, -1 when it was already there, or -2 when it is new but `allowNew` is false (nothing stored).
   */
  insert(key: Uint32Array, parent: number, allowNew = true): number {
    const W = this.words
    const h = hashWords(key, 0, W)
    const keys = this.keys
    const slots = this.slots
    const mask = this.mask
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot] as number
      if (id === EMPTY) {
        if (!allowNew) return -2
        const fresh = this.append(key, parent)
        this.slots[slot] = fresh
        if (++this.inSet * 2 > mask) this.growSet()
        return fresh
      }
      let same = true
      const base = id * W
      for (let i = 0; i < W; i++) {
        if (keys[base + i] !== key[i]) {
          same = false
          break
        }
      }
      if (same) return -1
    }
  }

  /** Append without the set (the initial state). */
  append(key: Uint32Array, parent: number): number {
    if (this.count === this.parents.length) this.growStates()
    const id = this.count++
    const W = this.words
    for (let i = 0; i < W; i++) this.keys[id * W + i] = key[i] as number
    this.parents[id] = parent
    return id
  }

  private growStates(): void {
    const keys = new Uint32Array(this.keys.length * 2)
    keys.set(this.keys)
    this.keys = keys
    const parents = new Int32Array(this.parents.length * 2)
    parents.set(this.parents)
    this.parents = parents
  }

  private growSet(): void {
    const old = this.slots
    this.slots = new Int32Array(old.length * 2).fill(EMPTY)
    this.mask = this.slots.length - 1
    const W = this.words
    for (const id of old) {
      if (id === EMPTY) continue
      let slot = hashWords(this.keys, id * W, W) & this.mask
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask
      this.slots[slot] = id
    }
  }
}
