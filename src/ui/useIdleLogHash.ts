import { useEffect, useState } from 'react'
import { LOG_HASH_START, logHashOver, logHashText } from '../engine/index.ts'

/** Events hashed per idle slice: about 2 ms of work, so no slice is a long task. */
const SLICE_EVENTS = 1_000

const idle = (fn: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 1_000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(fn, 0)
  return () => clearTimeout(id)
}

/**
 * The run's fingerprint (`logHash`), made in idle time a slice at a time once the run has been
 * computed, and '' until then. Hashing a 100,000-event run in one go was a 220 ms task right after
 * the run arrived (issue 14: no task over 200 ms); sliced, the page stays responsive meanwhile.
 */
export function useIdleLogHash(log: readonly object[], computing: boolean): string {
  // The hash with the log it is of: a hash of an earlier log is never shown for a new one.
  const [done, setDone] = useState<{ readonly log: readonly object[]; readonly hash: string } | null>(null)
  useEffect(() => {
    if (computing) return
    let h = LOG_HASH_START
    let next = 0
    let cancel = (): void => {}
    const slice = (): void => {
      const to = Math.min(log.length, next + SLICE_EVENTS)
      h = logHashOver(h, log, next, to)
      next = to
      if (next < log.length) cancel = idle(slice)
      else setDone({ log, hash: logHashText(h) })
    }
    cancel = idle(slice)
    return () => cancel()
  }, [log, computing])
  return !computing && done?.log === log ? done.hash : ''
}
