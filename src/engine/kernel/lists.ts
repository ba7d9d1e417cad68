/** Small list operations for the kernel's hot paths (every delivery and timer uses them). Pure. */

/**
 * Remove item `i` of `list` in place, keeping the order: what `splice(i, 1)` does (a negative
 * `i` counts from the end), without making an array of the removed item.
 */
export function removeAt<X>(list: X[], i: number): void {
  const n = list.length
  if (n === 0) return
  const from = i < 0 ? Math.max(0, n + i) : i
  if (from >= n) return
  for (let j = from; j < n - 1; j++) list[j] = list[j + 1] as X
  // `pop`, not `length = n - 1`: the length setter is a call into the runtime, and this runs for
  // every delivery and most timers.
  list.pop()
}

/** The index of the pending timer `key` of `pid`, or -1 (a loop: `findIndex` took a closure per call). */
export function timerIndex<K>(timers: readonly { pid: number; key: K }[], pid: number, key: K): number {
  for (let i = 0; i < timers.length; i++) {
    const t = timers[i] as { pid: number; key: K }
    if (t.pid === pid && t.key === key) return i
  }
  return -1
}
