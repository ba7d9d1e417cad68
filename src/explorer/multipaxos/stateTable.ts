/**
 * Every distinct state of a breadth-first search as `words` Uint32 words in one array (BFS order,
 * so a level is a contiguous range of ids), its parent's id, and one open-addressing hash set over
 * all ids (MultiPaxos steps can lead back to earlier levels, unlike Paxos.tla's, so one set for
 * the whole search). The table never grows by itself: the search calls `grow()` between
 * expansions when `room()` is low, after asking its memory budget about `bytesAfterGrowth()`.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import { hashWords } from '../store.ts'

const EMPTY = -1

export class StateTable {
  count = 0
  keys: Uint32Array
  parents: Int32Array
  private slots: Int32Array
  private mask: number

  constructor(
    readonly words: number,
    capacity = 4096,
  ) {
    this.keys = new Uint32Array(capacity * words)
    this.parents = new Int32Array(capacity)
    this.slots = new Int32Array(capacity * 2).fill(EMPTY)
    this.mask = this.slots.length - 1
  }

  get capacity(): number {
    return this.parents.length
  }

  bytes(): number {
    return this.keys.byteLength + this.parents.byteLength + this.slots.byteLength
  }

  /** States that can still be added without growing. */
  room(): number {
    return this.capacity - this.count
  }

  /** Peak bytes while growing: the new arrays, plus the old key and parent arrays being copied. */
  bytesAfterGrowth(): number {
    const cap = this.capacity * 2
    return cap * (this.words * 4 + 4 + 8) + this.keys.byteLength + this.parents.byteLength
  }

  /** Double the capacity (the set stays at most half full). */
  grow(): void {
    const cap = this.capacity * 2
    const keys = new Uint32Array(cap * this.words)
    keys.set(this.keys)
    this.keys = keys
    const parents = new Int32Array(cap)
    parents.set(this.parents)
    this.parents = parents
    this.slots = new Int32Array(cap * 2).fill(EMPTY)
    this.mask = this.slots.length - 1
    const W = this.words
    for (let id = 0; id < this.count; id++) {
      let slot = hashWords(this.keys, id * W, W) & this.mask
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask
      this.slots[slot] = id
    }
  }

  /** Add the key with its parent; the new id, or -1 if it was there. Needs room() > 0. */
  insert(key: Uint32Array, parent: number): number {
    const W = this.words
    const keys = this.keys
    const slots = this.slots
    const mask = this.mask
    for (let slot = hashWords(key, 0, W) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot] as number
      if (id === EMPTY) {
        if (this.count >= this.capacity) throw new Error('StateTable is full: grow() first')
        const fresh = this.count++
        keys.set(key, fresh * W)
        this.parents[fresh] = parent
        slots[slot] = fresh
        return fresh
      }
      const base = id * W
      let same = true
      for (let i = 0; i < W; i++) {
        if (keys[base + i] !== key[i]) {
          same = false
          break
        }
      }
      if (same) return -1
    }
  }

  /** The id of the key, or -1 if it is not in the table. */
  find(key: Uint32Array): number {
    const W = this.words
    for (let slot = hashWords(key, 0, W) & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot] as number
      if (id === EMPTY) return -1
      let same = true
      for (let i = 0; i < W && same; i++) same = this.keys[id * W + i] === key[i]
      if (same) return id
    }
  }

  /** The key of state `id`, into `out`. */
  read(id: number, out: Uint32Array): void {
    const W = this.words
    for (let i = 0; i < W; i++) out[i] = this.keys[id * W + i] as number
  }
}
