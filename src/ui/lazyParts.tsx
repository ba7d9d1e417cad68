import { useEffect, useState } from 'react'
import { openExplorer, useExplorer } from '../store/explorer.ts'
import { setPresenter } from '../store/presenter.ts'
import { synodStore, useSynod } from '../store/store.ts'
import { Dialog } from './Dialog.tsx'
import { lazyPart, preloadWhenIdle, type FailedView } from './lazyPart.tsx'
import { loadExports } from './ScenarioMenu.tsx'

/**
 * The app's lazily loaded parts (see lazyPart.tsx for why and how). What stays out of this list
 * is on the first screen's path and loads up front. The failure views are here, in the up-front
 * chunk, because they must show when nothing more can be fetched.
 */

/** "Try again" fetches the chunk anew; "Reload" loads the current version of the whole app. */
function FailedActions({ retry }: { retry: () => void }) {
  return (
    <p className="chunk-failed-actions">
      <button type="button" onClick={retry}>
        Try again
      </button>{' '}
      <button type="button" onClick={() => window.location.reload()}>
        Reload the page
      </button>
    </p>
  )
}

/** A dialog that could not be loaded says so in a dialog: same place, same focus and Escape. */
const DialogFailed: FailedView = ({ message, retry }) => (
  <Dialog title="This dialog could not be opened">
    <p role="alert">{message}</p>
    <FailedActions retry={retry} />
  </Dialog>
)

export const ConfigDialog = lazyPart(
  'configuration dialog',
  () => import('./ConfigDialog.tsx'),
  (m) => m.ConfigDialog,
  null,
  DialogFailed,
)
export const PartitionDialog = lazyPart(
  'partition dialog',
  () => import('./PartitionDialog.tsx'),
  (m) => m.PartitionDialog,
  null,
  DialogFailed,
)
export const ShortcutsDialog = lazyPart(
  'keyboard shortcuts',
  () => import('./ShortcutsDialog.tsx'),
  (m) => m.ShortcutsDialog,
  null,
  DialogFailed,
)
export const HelpDialog = lazyPart(
  'help',
  () => import('./HelpDialog.tsx'),
  (m) => m.HelpDialog,
  null,
  DialogFailed,
)
export const PresetGallery = lazyPart(
  'examples gallery',
  () => import('./PresetGallery.tsx'),
  (m) => m.PresetGallery,
  null,
  DialogFailed,
)

/** The explorer's chunk could not be fetched: said in the panel, while it is open. */
const ExplorerFailed: FailedView = ({ message, retry }) => (
  <ExplorerFailedPanel message={message} retry={retry} />
)
function ExplorerFailedPanel({ message, retry }: { message: string; retry: () => void }) {
  const open = useExplorer((s) => s.open)
  if (!open) return null
  return (
    <aside className="explorer-panel" aria-labelledby="explorer-title">
      <header className="explorer-head">
        <h2 id="explorer-title">Explorer</h2>
        <button
          type="button"
          className="close"
          aria-label="Close the explorer"
          onClick={() => openExplorer(false)}
        >
          ×
        </button>
      </header>
      <p role="alert">{message}</p>
      <FailedActions retry={retry} />
    </aside>
  )
}

/**
 * The explorer panel. Opened before its chunk is in, it appears when the chunk arrives, whole:
 * it lies over the sidebar, so nothing moves meanwhile (an empty frame first would only flash).
 */
const ExplorerPanel = lazyPart(
  'explorer',
  () => import('./ExplorerPanel.tsx'),
  (m) => m.ExplorerPanel,
  null,
  ExplorerFailed,
)

/**
 * The explorer panel where the app had it, mounted from its first opening on and then kept, as
 * before it was lazy: closed, it renders nothing, and its own closing (focus back to the Explore
 * button) still runs. Never opened, it costs nothing and never waits for its chunk.
 */
export function Explorer() {
  const open = useExplorer((s) => s.open)
  const [wanted, setWanted] = useState(open)
  if (open && !wanted) setWanted(true)
  return wanted ? <ExplorerPanel.Part /> : null
}

/** The selected message's details, at the top of the sidebar (or the Messages tab). */
const MessageDetails = lazyPart(
  'message details',
  () => import('./MessageInspector.tsx'),
  (m) => m.MessageInspector,
  null,
  ({ message, retry }) => (
    <section className="panel panel-focus">
      <p role="alert">{message}</p>
      <FailedActions retry={retry} />
    </section>
  ),
)

/** Mounted only while a message is selected, as the inspector shows nothing otherwise. */
export function MessageInspector() {
  const selected = useSynod((s) => s.selectedMsgId !== null)
  return selected ? <MessageDetails.Part /> : null
}

/**
 * Presenter mode takes the whole page; entered before its chunk is in, the page stays empty until
 * it arrives (as presenter mode's own empty frame would look).
 */
export const PresenterView = lazyPart(
  'presenter mode',
  () => import('./PresenterView.tsx'),
  (m) => m.PresenterView,
  null,
  ({ message, retry }) => (
    <div className="presenter">
      {/* One child: it takes the diagram's cell of the presenter's grid. */}
      <section className="panel">
        <p role="alert">{message}</p>
        <FailedActions retry={retry} />
        <p>
          <button type="button" onClick={() => setPresenter(false)}>
            Exit presenter (Esc)
          </button>
        </p>
      </section>
    </div>
  ),
)

/** In the order a user is likely to want them: the examples and the explorer first. */
const PRELOADS = [
  PresetGallery.preload,
  ExplorerPanel.preload,
  MessageDetails.preload,
  ConfigDialog.preload,
  HelpDialog.preload,
  ShortcutsDialog.preload,
  PartitionDialog.preload,
  PresenterView.preload,
  loadExports,
]

/**
 * Once the first run is on screen (the worker has answered), fetch the lazy parts in idle time,
 * so opening one later shows it at once, and so they are in memory if the network goes away.
 */
export function usePreloadParts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    let cancel: (() => void) | null = null
    const start = (): boolean => {
      if (synodStore.getState().computing) return false
      cancel = preloadWhenIdle(PRELOADS)
      return true
    }
    if (start()) return () => cancel?.()
    const unsubscribe = synodStore.subscribe(() => {
      if (cancel === null && start()) unsubscribe()
    })
    return () => {
      unsubscribe()
      cancel?.()
    }
  }, [enabled])
}
