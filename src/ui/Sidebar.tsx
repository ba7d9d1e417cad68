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

/**
 * A protocol module's panels, each at its group's moment: during a drag the groups catch up one
 * frame each (store/panelsFollow.ts), and each re-renders only in its own frame.
 */
function ModulePanels() {
  const pid = useSynod((s) => s.selectedPid)
  return (
    <>
      {pid !== null && <ModuleProcessMenuNow key={pid} pid={pid} />}
      <LogGridNow />
      <ModuleCardsNow />
      <MessageCountsNow />
    </>
  )
}

function ModuleProcessMenuNow({ pid }: { pid: number }) {
  const moment = useMoment('procs')
  return <ModuleProcessMenu moment={moment} pid={pid} />
}

function LogGridNow() {
  const moment = useMoment('log')
  return <LogGridPanel moment={moment} />
}

function ModuleCardsNow() {
  const moment = useMoment('procs')
  return <ModuleCards moment={moment} />
}

function MessageCountsNow() {
  const moment = useMoment('wire')
  return <MessageCountsPanel moment={moment} />
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
