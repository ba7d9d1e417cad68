import { panelCursorOf } from '../store/moment.ts'
import { eventsThrough } from '../store/runIndex.ts'
import type { PanelGroup } from '../store/state.ts'
import { useSynod } from '../store/store.ts'

/** How many events have happened at the cursor. */
export function useUpto(): number {
  const log = useSynod((s) => s.log)
  const cursor = useSynod((s) => s.cursor)
  return eventsThrough(log, cursor)
}

/** The cursor a group of side panels shows (`panelCursorOf`). */
export function usePanelCursor(group: PanelGroup): number {
  return useSynod((s) => panelCursorOf(s, group))
}
