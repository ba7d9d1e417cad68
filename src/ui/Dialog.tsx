import { useEffect, useRef, type ReactNode, type RefObject } from 'react'
import { openDialog } from '../store/actions.ts'

/**
 * Open a native <dialog> as a modal when it mounts; removing the element ends the modal, and focus
 * goes back to whatever opened it.
 */
export function useModal(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const el = ref.current
    const before = document.activeElement
    if (el && !el.open) el.showModal()
    return () => {
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
