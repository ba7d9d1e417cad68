import { eventsThrough } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'

/** How many events have happened at the cursor. */
export function useUpto(): number {
  const log = useSynod((s) => s.log)
  const cursor = useSynod((s) => s.cursor)
  return eventsThrough(log, cursor)
}

/** The cursor the side panels show: the live one, or while scrubbing the one they catch up to. */
export function usePanelCursor(): number {
  return useSynod((s) => (s.scrubbing ? s.panelCursor : s.cursor))
}
