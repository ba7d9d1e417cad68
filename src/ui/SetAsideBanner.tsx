import { dismissSetAside, setAsideName, useSetAside } from '../store/setAside.ts'
import { restoreSetAside } from '../store/urlSync.ts'

/**
 * The run a link or a picked example opened over (an example link from the slides, opened in
 * another tab; another example chosen in the picker): said, and offered back, until the user
 * restores or dismisses it. Never silent, never in the way.
 */
export function SetAsideBanner() {
  const work = useSetAside((s) => s.work)
  const notKept = useSetAside((s) => s.notKept)
  if (work === null) return null
  const name = setAsideName(work)
  // Kept in the browser like the work itself; where it could not be, a reload would lose it.
  const until = notKept
    ? 'for this visit only (this browser could not keep it)'
    : 'until you restore or dismiss it'
  return (
    <p className="notice-banner set-aside-banner" role="status">
      Another run opened in place of {name}, which was kept aside {until}.{' '}
      <button type="button" onClick={restoreSetAside}>
        Restore it
      </button>{' '}
      <button type="button" onClick={dismissSetAside} aria-label={`Dismiss (forget ${name})`}>
        Dismiss
      </button>
    </p>
  )
}
