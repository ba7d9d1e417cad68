import { panelCursorOf } from '../store/moment.ts'
import { eventsThrough } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'

/** How many events have happened at the cursor. */
export function useUpto(): number {
  const log = useSynod((s) => s.log)
  const cursor = useSynod((s) => s.cursor)
  return eventsThrough(log, cursor)
}

/** The cursor the side panels show (`panelCursorOf`). */
export function usePanelCursor(): number {
  return useSynod(panelCursorOf)
}
