import { Legend } from '../timeline/Legend.tsx'
import { InFlightList } from './InFlightList.tsx'
import { MessageInspector } from './MessageInspector.tsx'
import { ProcessCards } from './ProcessCards.tsx'
import { ProcessMenu } from './ProcessMenu.tsx'

/** The right-hand column: what is selected first, then the processes and the wire. */
export function Sidebar() {
  return (
    <aside className="sidebar" aria-label="State and actions">
      <MessageInspector />
      <ProcessMenu />
      <ProcessCards />
      <InFlightList />
      <details className="panel legend-panel" open>
        <summary className="panel-title">What the drawing means</summary>
        <Legend columns={1} />
      </details>
    </aside>
  )
}
