import { setNotice } from './store/actions.ts'
import { useSynod } from './store/store.ts'
import { ConfigDialog } from './ui/ConfigDialog.tsx'
import { DiagramPane } from './ui/DiagramPane.tsx'
import { HelpDialog } from './ui/HelpDialog.tsx'
import { LiveRegion } from './ui/LiveRegion.tsx'
import { Narration } from './ui/Narration.tsx'
import { PartitionDialog } from './ui/PartitionDialog.tsx'
import { Scrubber } from './ui/Scrubber.tsx'
import { ShortcutsDialog } from './ui/ShortcutsDialog.tsx'
import { Sidebar } from './ui/Sidebar.tsx'
import { TopBar } from './ui/TopBar.tsx'
import { Transport } from './ui/Transport.tsx'
import { usePauseWhenHidden, useTheme } from './ui/useAppEffects.ts'
import { useKeyboard } from './ui/useKeyboard.ts'

function Dialogs() {
  const dialog = useSynod((s) => s.dialog)
  switch (dialog) {
    case 'config':
      return <ConfigDialog />
    case 'partition':
      return <PartitionDialog />
    case 'shortcuts':
      return <ShortcutsDialog />
    case 'help':
      return <HelpDialog />
    default:
      return null
  }
}

function Banners() {
  const error = useSynod((s) => s.error)
  const notice = useSynod((s) => s.notice)
  return (
    <div className="banners">
      {error && (
        <p className="error-banner" role="alert">
          The simulation stopped with an error: {error}
        </p>
      )}
      {notice && (
        <p className="notice-banner" role="status">
          {notice}{' '}
          <button type="button" onClick={() => setNotice(null)}>
            OK
          </button>
        </p>
      )}
    </div>
  )
}

/** The application shell: top bar, diagram with sidebar, and the time controls at the bottom. */
export function App() {
  useKeyboard()
  useTheme()
  usePauseWhenHidden()
  return (
    <div className="app">
      <TopBar />
      <Banners />
      <div className="workspace">
        <DiagramPane />
        <Sidebar />
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
