import { projectCached, type Projection } from '../store/projection.ts'
import { eventsThrough } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'

/** The projection of the log at the cursor, shared by all panels (one replay per cursor move). */
export function useProjection(): Projection {
  const log = useSynod((s) => s.log)
  const cursor = useSynod((s) => s.cursor)
  return projectCached(log, eventsThrough(log, cursor))
}

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

/** `useProjection` for the side panels and status chips (see `usePanelCursor`). */
export function usePanelProjection(): Projection {
  const log = useSynod((s) => s.log)
  const cursor = usePanelCursor()
  return projectCached(log, eventsThrough(log, cursor))
}
