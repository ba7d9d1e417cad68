/**
 * Main-thread work in slices: a job that may take longer than a frame (decoding a large link,
 * checking a long run's later actions) runs for about SLICE_MS at a time, with a turn for the page
 * (input, a frame) between, so no task holds the page past the 200 ms a user notices.
 */

/** Main-thread time a job takes before the page gets a turn. */
export const SLICE_MS = 8

/** Resolves in a later task: the page gets a turn (input, a frame) between slices. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(0)
  })
}

/** Where there is no MessageChannel (a plain test environment), slices run back to back. */
const canYield = (): boolean => typeof MessageChannel === 'function'

/**
 * Run `job` (a generator that yields between pieces of its work). What fits in SLICE_MS runs at
 * once and its result is returned, so a short job behaves as a plain call. Otherwise this returns
 * null and the job goes on in later tasks; `later` gets its result, unless `wanted()` says the
 * page has moved on by then (the job is then dropped at its next turn).
 */
export function runInSlices<T>(
  job: Generator<void, T>,
  later: (value: T) => void,
  wanted: () => boolean,
): { readonly value: T } | null {
  const sliced = canYield()
  const slice = (): { readonly value: T } | null => {
    const start = performance.now()
    for (;;) {
      const next = job.next()
      if (next.done === true) return { value: next.value }
      if (sliced && performance.now() - start >= SLICE_MS) return null
    }
  }
  const first = slice()
  if (first !== null) return first
  const goOn = async (): Promise<void> => {
    for (;;) {
      await nextTask()
      if (!wanted()) return
      const done = slice()
      if (done !== null) return later(done.value)
    }
  }
  void goOn()
  return null
}
