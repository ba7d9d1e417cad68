import { useEffect, useMemo, useState, type MouseEvent } from 'react'
import { selectMessage, selectProcess, stepForward } from '../store/actions.ts'
import { momentCached } from '../store/moment.ts'
import { protocolOf } from '../store/protocol.ts'
import { downThrough } from '../store/runIndex.ts'
import { synodStore, useSynod } from '../store/store.ts'
import { Diagram } from '../timeline/Diagram.tsx'
import type { LaneFace } from '../timeline/layout.ts'

/**
 * What a tap on the diagram reaches first: an arrow, a lane, a mark, a zoom button. Not a
 * countdown: they run along most lanes, and as targets they covered most of a phone's
 * Multi-Paxos diagram (see `Diagram`'s click).
 */
const TAPPABLE = '[data-msg-id], [data-pid]:not(.tl-timer-hit), button, a, input, select'

/**
 * Tap to step: a finger's tap on the diagram's empty background moves one step on, as the Step
 * button does, so a phone's run can be followed with one thumb. A tap on an arrow or a lane still
 * selects it, and while something is selected a background tap only clears the selection (the
 * diagram's own handler). A mouse click is never a step: on a computer the background click
 * clears the selection, as before. Runs in the capture phase, before the diagram clears it.
 */
function tapToStep(e: MouseEvent): void {
  if ((e.nativeEvent as PointerEvent).pointerType !== 'touch') return
  if (e.target instanceof Element && e.target.closest(TAPPABLE)) return
  const s = synodStore.getState()
  if (s.selectedMsgId !== null || s.selectedPid !== null) return
  stepForward()
}

/**
 * How long the diagram stays sketched and unlabelled after a drag stops moving (the store says
 * so after 100 ms without a move). A drag that pauses for a moment and goes on would otherwise
 * bring every arrow and label back for a frame or two and take them away again: the two most
 * expensive frames of a scrub, for nothing anyone can read.
 */
const SKETCH_LINGER_MS = 250

/** `on`, and still true for `ms` after it turns false while `active` lasts (false once it ends). */
function useLingering(on: boolean, ms: number, active: boolean): boolean {
  const [was, setWas] = useState(on)
  const [hold, setHold] = useState(0)
  if (was !== on) {
    // Adjusting state during render (React's pattern for reacting to a prop change).
    setWas(on)
    setHold(on || !active ? 0 : (h) => h + 1)
  }
  useEffect(() => {
    if (hold === 0) return
    const timer = window.setTimeout(() => setHold(0), ms)
    return () => window.clearTimeout(timer)
  }, [hold, ms])
  return on || (active && hold > 0)
}

/** The time-space diagram, fed from the store: the log, the cursor, the selection, who is down. */
export function DiagramPane() {
  const log = useSynod((s) => s.log)
  const cursor = useSynod((s) => s.cursor)
  const processCount = useSynod((s) => s.processCount)
  const selectedMsgId = useSynod((s) => s.selectedMsgId)
  const fastCursor = useSynod((s) => s.scrubbing || s.playing)
  // Another run opened (even one with this run's seed and settings) gets its own first view.
  const opened = useSynod((s) => s.opened)
  const scrubbing = useSynod((s) => s.scrubbing)
  const scrubMoving = useLingering(
    useSynod((s) => s.scrubMoving),
    SKETCH_LINGER_MS,
    scrubbing,
  )
  // Who is down at the cursor: the log's crash and recovery facts (cheap on every scrub frame).
  const down = useMemo(() => downThrough(log, cursor), [log, cursor])
  // A protocol module names its lanes and writes their status lines from the real state. They
  // are part of the diagram, so they move with it in the key press (the side panels, a frame
  // later, find that moment cached); while scrubbing they keep the panels' pace (a moment per frame
  // would be an engine seek per frame). The lecture panels' lanes read the log's phase facts
  // instead (see `AppFace.panels`): no moment at all.
  const hasFaces = useSynod((s) => protocolOf(s.scenario).app.panels !== 'lecture')
  const scenario = useSynod((s) => s.scenario)
  const faceCursor = useSynod((s) => (s.scrubbing ? s.panelCursor : s.cursor))
  const moment = hasFaces ? momentCached(scenario, faceCursor) : null
  const laneFaces = useMemo<LaneFace[] | undefined>(
    () =>
      !moment
        ? undefined
        : moment.lanes.map((l, i) => ({
            ...l,
            name: moment.names[i] ?? `P${i + 1}`,
            up: moment.ups[i] ?? true,
          })),
    [moment],
  )
  return (
    <main className="diagram-pane" aria-label="Time-space diagram" onClickCapture={tapToStep}>
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
        laneFaces={laneFaces}
        viewKey={opened}
      />
    </main>
  )
}
