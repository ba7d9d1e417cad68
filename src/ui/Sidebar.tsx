import { useMoment } from '../store/moment.ts'
import { useProtocol } from '../store/protocol.ts'
import { useSynod } from '../store/store.ts'
import { Legend } from '../timeline/Legend.tsx'
import { InFlightList } from './InFlightList.tsx'
import { MessageInspector } from './lazyParts.tsx'
import { LogGridPanel, MessageCountsPanel, ModuleCards } from './ModulePanels.tsx'
import { ModuleProcessMenu } from './ModuleProcessMenu.tsx'
import { ProcessCards } from './ProcessCards.tsx'
import { ProcessMenu } from './ProcessMenu.tsx'

/**
 * The processes' panels: the selected process's actions and a card per process. A protocol module
 * gets its own menu and cards, its replicated log and its message counts; one whose face asks for
 * the lecture panels (`panels: 'lecture'`, Paxos) gets the lecture's cards of the same real state.
 */
export function ProcessPanels() {
  // Paxos's own panels read the moment themselves: this one re-renders only when the protocol does.
  if (useProtocol().app.panels === 'lecture')
    return (
      <>
        <ProcessMenu />
        <ProcessCards />
      </>
    )
  return <ModulePanels />
}

/** A protocol module's panels, all at the panels' moment. */
function ModulePanels() {
  const moment = useMoment()
  const pid = useSynod((s) => s.selectedPid)
  return (
    <>
      {pid !== null && <ModuleProcessMenu key={pid} moment={moment} pid={pid} />}
      <LogGridPanel moment={moment} />
      <ModuleCards moment={moment} />
      <MessageCountsPanel moment={moment} />
    </>
  )
}

/** The right-hand column: what is selected first, then the processes and the wire. */
export function Sidebar() {
  const module = useProtocol()
  return (
    <aside className="sidebar" aria-label="State and actions">
      <MessageInspector />
      <ProcessPanels />
      <InFlightList />
      <details className="panel legend-panel" open>
        <summary className="panel-title">What the drawing means</summary>
        <Legend columns={1} module={module} />
      </details>
    </aside>
  )
}
