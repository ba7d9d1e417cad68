import { useMoment } from '../store/moment.ts'
import { Legend } from '../timeline/Legend.tsx'
import { InFlightList } from './InFlightList.tsx'
import { MessageInspector } from './MessageInspector.tsx'
import { LogGridPanel, MessageCountsPanel, ModuleCards } from './ModulePanels.tsx'
import { ProcessCards } from './ProcessCards.tsx'
import { ModuleProcessMenu } from './ModuleProcessMenu.tsx'
import { ProcessMenu } from './ProcessMenu.tsx'
import { useSynod } from '../store/store.ts'

/**
 * The right-hand column: what is selected first, then the processes and the wire. A protocol
 * module that describes itself to the app (`app`) gets its own cards, its replicated log and its
 * message counts, all from the engine's real state; Paxos keeps its cards from the projection.
 */
export function Sidebar() {
  const moment = useMoment()
  const pid = useSynod((s) => s.selectedPid)
  return (
    <aside className="sidebar" aria-label="State and actions">
      <MessageInspector />
      {moment ? pid !== null && <ModuleProcessMenu key={pid} moment={moment} pid={pid} /> : <ProcessMenu />}
      {moment ? (
        <>
          <LogGridPanel moment={moment} />
          <ModuleCards moment={moment} />
          <MessageCountsPanel moment={moment} />
        </>
      ) : (
        <ProcessCards />
      )}
      <InFlightList />
      <details className="panel legend-panel" open>
        <summary className="panel-title">What the drawing means</summary>
        <Legend columns={1} />
      </details>
    </aside>
  )
}
