import { dismissSetAside, setAsideName, useSetAside } from '../store/setAside.ts'
import { restoreSetAside } from '../store/urlSync.ts'

/**
 * The run a link opened over (an example link from the slides, opened in another tab): said, and
 * offered back, until the user restores or dismisses it. Never silent, never in the way.
 */
export function SetAsideBanner() {
  const work = useSetAside((s) => s.work)
  if (work === null) return null
  const name = setAsideName(work)
  return (
    <p className="notice-banner set-aside-banner" role="status">
      This link opened in place of {name}, which was kept aside for this visit.{' '}
      <button type="button" onClick={restoreSetAside}>
        Restore it
      </button>{' '}
      <button type="button" onClick={dismissSetAside} aria-label={`Dismiss (forget ${name})`}>
        Dismiss
      </button>
    </p>
  )
}
