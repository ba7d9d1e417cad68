import { setNotice } from './store/actions.ts'
import { useSynod } from './store/store.ts'
import { isEmbed } from './store/openRun.ts'
import { DiagramPane } from './ui/DiagramPane.tsx'
import { EmbedView } from './ui/EmbedView.tsx'
// Up front, in the place it had before the explorer became a lazy part: the cascade stays the same.
import './ui/explorer.css'
import { EngineBanner, LimitBanner } from './ui/EngineBanner.tsx'
import {
  ConfigDialog,
  Explorer,
  HelpDialog,
  PartitionDialog,
  PresenterView,
  PresetGallery,
  ShortcutsDialog,
  usePreloadParts,
} from './ui/lazyParts.tsx'
import { LiveRegion } from './ui/LiveRegion.tsx'
import { Narration } from './ui/Narration.tsx'
import { PanelSheet } from './ui/PanelSheet.tsx'
import { usePresenterKeys } from './ui/presenterKeys.ts'
import { Scrubber } from './ui/Scrubber.tsx'
import { focusAfterBanner, SetAsideBanner } from './ui/SetAsideBanner.tsx'
import { Sidebar } from './ui/Sidebar.tsx'
import { TopBar } from './ui/TopBar.tsx'
import { Transport } from './ui/Transport.tsx'
import { usePauseWhenHidden, useTheme, useWarmPanels } from './ui/useAppEffects.ts'
import { useKeyboard } from './ui/useKeyboard.ts'
import { NARROW_QUERY, useMediaQuery } from './ui/useMedia.ts'
import './ui/narrow.css'
import './ui/phoneStatus.css'
import './ui/narrowColumn.css'

function Dialogs() {
  const dialog = useSynod((s) => s.dialog)
  switch (dialog) {
    case 'config':
      return <ConfigDialog.Part />
    case 'partition':
      return <PartitionDialog.Part />
    case 'shortcuts':
      return <ShortcutsDialog.Part />
    case 'help':
      return <HelpDialog.Part />
    case 'presets':
      return <PresetGallery.Part />
    default:
      return null
  }
}

function Banners() {
  const error = useSynod((s) => s.error)
  const notice = useSynod((s) => s.notice)
  return (
    <div className="banners">
      <EngineBanner />
      <LimitBanner />
      <SetAsideBanner />
      {error && (
        <p className="error-banner" role="alert">
          The simulation stopped with an error: {error}
        </p>
      )}
      {notice && (
        <div className="notice-banner" role="status">
          <p className="notice-text">{notice}</p>
          <button
            type="button"
            onClick={() => {
              setNotice(null)
              focusAfterBanner()
            }}
          >
            OK
          </button>
        </div>
      )}
    </div>
  )
}

/** `?embed` is fixed for the page's life: the address's query never changes after loading. */
const EMBEDDED = isEmbed()

/**
 * The application shell. Wide screens (laptop, projector): top bar, the diagram with the sidebar
 * beside it, the time controls and the narration at the bottom. Narrow ones (phone, portrait
 * tablet): the diagram first across the whole width, the panels and the narration as tabs under
 * it, the time controls last, under the thumb.
 */
export function App() {
  useKeyboard()
  useTheme()
  usePauseWhenHidden()
  useWarmPanels()
  usePresenterKeys()
  // An embedded diagram never opens the other parts: it fetches none of them.
  usePreloadParts(!EMBEDDED)
  const presenter = useSynod((s) => s.presenter)
  const narrow = useMediaQuery(NARROW_QUERY)
  if (EMBEDDED) return <EmbedView />
  if (presenter) {
    return (
      <>
        <PresenterView.Part />
        <LiveRegion />
        {/* `?` lists the keys here too (the presenter's own among them). */}
        <Dialogs />
      </>
    )
  }
  if (narrow) {
    return (
      <div className="app app-narrow">
        <TopBar />
        <Banners />
        <div className="workspace">
          <DiagramPane />
          <Explorer />
        </div>
        <PanelSheet />
        <footer className="bottombar">
          <Scrubber />
          <Transport />
        </footer>
        <LiveRegion />
        <Dialogs />
      </div>
    )
  }
  return (
    <div className="app">
      <TopBar />
      <Banners />
      <div className="workspace">
        <DiagramPane />
        <Sidebar />
        {/* Over the sidebar, never over the time controls: the run stays steerable. */}
        <Explorer />
      </div>
      <footer className="bottombar">
        <Transport />
        <Scrubber />
        <Narration />
      </footer>
      <LiveRegion />
      <Dialogs />
    </div>
  )
}
