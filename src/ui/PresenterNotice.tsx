import { setNotice } from '../store/actions.ts'
import { useSynod } from '../store/store.ts'

/**
 * The app's notice in presenter mode: a link pasted that could not be opened (tester6 saw nothing
 * at all until Esc left presenter mode), a reload onto a broken link, a save that failed. In its
 * own row above the diagram, never over it, in large type; OK, or Esc, dismisses it
 * (presenterKeys.ts), and the clicker still moves the run meanwhile.
 */
export function PresenterNotice() {
  const notice = useSynod((s) => s.notice)
  if (notice === null) return null
  return (
    <div className="presenter-notice" role="status">
      <p>
        <bdi>{notice}</bdi>
      </p>
      <button type="button" onClick={() => setNotice(null)}>
        OK<span className="presenter-wordy"> (Esc)</span>
      </button>
    </div>
  )
}
