import { useSynod } from '../store/store.ts'

/** A polite live region: screen readers hear the narration of each stepped event. */
export function LiveRegion() {
  const text = useSynod((s) => s.announcement)
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  )
}
