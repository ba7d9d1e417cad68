import { dismissSetAside, SET_ASIDE_MAX, setAsideName, useSetAside } from '../store/setAside.ts'
import { restoreSetAside } from '../store/urlSync.ts'

/**
 * Where the keyboard goes once the banner (and the button pressed in it) is gone: the diagram,
 * which now shows the restored run (or still the run that opened), as after loading one; the
 * picker if no diagram is drawn. Without it the focus fell to the page's body and the next Tab
 * started again from the top of the page. Only a lost focus is moved.
 */
export function focusAfterBanner(): void {
  requestAnimationFrame(() => {
    const now = document.activeElement
    if (now !== null && now !== document.body) return
    const target =
      document.querySelector<HTMLElement>('.diagram-pane .tl-diagram') ??
      document.querySelector<HTMLElement>('.preset-picker select')
    target?.focus({ preventScroll: true })
  })
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * The run a link or a picked example opened over (an example link from the slides, opened in
 * another tab; another example chosen in the picker): said, and offered back, until the user
 * restores or dismisses it. Never silent, never in the way.
 */
export function SetAsideBanner() {
  const work = useSetAside((s) => s.work)
  const earlier = useSetAside((s) => s.earlier)
  const forgot = useSetAside((s) => s.forgot)
  const notKept = useSetAside((s) => s.notKept)
  if (work === null) return null
  const name = setAsideName(work)
  return (
    <div className="notice-banner set-aside-banner" role="status">
      <p className="set-aside-text">
        {capitalized(name)} was set aside when this run opened
        {notKept ? (
          // Kept in the browser like the work itself; where it could not be, a reload loses it.
          ' (for this visit only: this browser could not keep it).'
        ) : (
          <>
            .<span className="set-aside-until"> It is kept until you restore or dismiss it.</span>
          </>
        )}
        {earlier.length > 0 && <> Next: {earlier.map(setAsideName).join('; ')}.</>}
        {forgot !== null && (
          <>
            {' '}
            {capitalized(setAsideName(forgot))} is no longer kept (at most {SET_ASIDE_MAX} runs are).
          </>
        )}
      </p>
      <span className="set-aside-actions">
        <button
          type="button"
          onClick={() => {
            restoreSetAside()
            focusAfterBanner()
          }}
        >
          Restore it
        </button>
        <button
          type="button"
          onClick={() => {
            dismissSetAside()
            focusAfterBanner()
          }}
          aria-label={`Dismiss (forget ${name})`}
        >
          Dismiss
        </button>
      </span>
    </div>
  )
}
