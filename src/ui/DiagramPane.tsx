import { selectMessage, selectProcess } from '../store/actions.ts'
import { useSynod } from '../store/store.ts'
import { Diagram } from '../timeline/Diagram.tsx'
import { useProjection } from './useView.ts'

/** The time-space diagram, fed from the store: the log, the cursor, the selection, who is down. */
export function DiagramPane() {
  const log = useSynod((s) => s.log)
  const cursor = useSynod((s) => s.cursor)
  const processCount = useSynod((s) => s.processCount)
  const selectedMsgId = useSynod((s) => s.selectedMsgId)
  const fastCursor = useSynod((s) => s.scrubbing || s.playing)
  const scrubMoving = useSynod((s) => s.scrubMoving)
  const { procs } = useProjection()
  const down = procs.filter((p) => !p.up).map((p) => p.pid)
  return (
    <main className="diagram-pane" aria-label="Time-space diagram">
      <Diagram
        log={log}
        cursorStep={cursor}
        processCount={processCount}
        selectedMsgId={selectedMsgId}
        onSelectMessage={selectMessage}
        onSelectProcess={(pid) => selectProcess(pid)}
        downPids={down}
        fastCursor={fastCursor}
        arrowLabels={!scrubMoving}
      />
    </main>
  )
}
