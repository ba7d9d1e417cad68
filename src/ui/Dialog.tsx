import { useEffect, useRef, type ReactNode, type RefObject } from 'react'
import { openDialog } from '../store/actions.ts'

/** What Tab can reach inside a dialog: enabled controls and links that are shown. */
const TABBABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"])'

/** The dialog's controls in Tab order (shown ones only: a closed <details> hides its content). */
function tabbables(dialog: HTMLDialogElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (e) =>
      e.tabIndex >= 0 && e.getClientRects().length > 0 && !e.closest('details:not([open]) > :not(summary)'),
  )
}

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last. A native
 * modal <dialog> alone lets Tab leave the dialog for the browser's own controls (and the page's
 * body, which the modal makes inert), so a keyboard user would lose their place.
 */
function trapTab(dialog: HTMLDialogElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return
  const list = tabbables(dialog)
  const first = list[0]
  const last = list[list.length - 1]
  if (!first || !last) return
  const active = document.activeElement
  const inside = active instanceof HTMLElement && list.includes(active)
  if (e.shiftKey ? !inside || active === first : !inside || active === last) {
    e.preventDefault()
    ;(e.shiftKey ? last : first).focus()
  }
}

/**
 * Open a native <dialog> as a modal when it mounts, and keep Tab inside it; removing the element
 * ends the modal, and focus goes back to whatever opened it.
 */
export function useModal(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const el = ref.current
    const before = document.activeElement
    if (el && !el.open) el.showModal()
    const onKey = (e: KeyboardEvent) => {
      if (el) trapTab(el, e)
    }
    el?.addEventListener('keydown', onKey)
    return () => {
      el?.removeEventListener('keydown', onKey)
      if (before instanceof HTMLElement) before.focus()
    }
  }, [])
  return ref
}

/**
 * A modal built on the native <dialog>: the browser traps focus, Escape closes it, and focus
 * returns to where it was. Closing in any way clears the store's `dialog`, at once: the native
 * `close` event comes a task later, and a key pressed in between (Escape, then `?`) must already
 * reach the app's shortcuts, not a dialog that is on its way out.
 */
export function Dialog({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const ref = useModal()
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' wide' : ''}`}
      aria-labelledby="dialog-title"
      onClose={() => openDialog(null)}
      onCancel={() => openDialog(null)}
      onClick={(e) => {
        if (e.target === ref.current) openDialog(null)
      }}
    >
      <div className="dialog-body">
        <header className="dialog-head">
          <h2 id="dialog-title">{title}</h2>
          <button type="button" className="close" aria-label="Close" onClick={() => openDialog(null)}>
            ×
          </button>
        </header>
        {children}
      </div>
    </dialog>
  )
}
