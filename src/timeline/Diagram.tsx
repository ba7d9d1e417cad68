import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type PointerEvent,
  type SyntheticEvent,
} from 'react'
import type { SimEvent } from '../engine/index.ts'
import { useFollowShortcut } from './followShortcut.ts'
import { useHideQuiet } from './quietArrows.ts'
import { computeLayout, frameFor, type LaneFace, type Layout } from './layout.ts'
import { indexLog, tickAtStep } from './logIndex.ts'
import { LodNote, showsLodNote, useLodNoteRoom } from './LodNote.tsx'
import { Plot } from './Plot.tsx'
import { relatedMessages } from './related.ts'
import { useElementSize, useLabelMeasure, usePrefersReducedMotion, useTypeScale } from './useElementSize.ts'
import { useTimeZoom } from './useTimeZoom.ts'
import { useGlide } from './useGlide.ts'
import { moveArrowFocus, tabStopOf } from './arrowFocus.ts'
import { nearestArrowAt } from './nearestArrow.ts'
import { TravelTo } from './travel.ts'
import { createTravelLayer } from './travelLayer.ts'
import { ZoomControls } from './ZoomControls.tsx'
import './timeline.css'

export interface DiagramProps {
  log: readonly SimEvent[] // whole run; only step <= cursorStep is drawn
  cursorStep: number
  processCount: number
  selectedMsgId: number | null
  onSelectMessage: (id: number | null) => void // click / Enter on an arrow; null = background click
  onSelectProcess: (pid: number) => void // click / Enter on a lane header
  downPids?: readonly number[] // optional hint; you can also derive from the log
  /** The cursor is moving every frame (scrubbing, playing): follow the cursor without gliding. */
  fastCursor?: boolean
  /**
   * Label the arrows where there is room (default true). Off while a scrub is moving: labels are
   * re-placed every frame, unreadable in motion; marks and hovered or selected arrows keep theirs.
   */
  arrowLabels?: boolean
  /** Lane names and status lines from the protocol module at the cursor (default: Paxos's, from the log). */
  laneFaces?: readonly LaneFace[]
  /** Changes when another run is opened, even with the same seed and config: it gets a new first view. */
  viewKey?: number
}

/** At default zoom an ordinary message (max latency) spans this many pixels: room for its label. */
const MESSAGE_SPAN_PX = 170
const NO_IDS: ReadonlySet<number> = new Set()
/** The view buttons' left and top offsets in the diagram (timelineFrame.css `.tl-toolbar`). */
const TOOLBAR_LEFT_PX = 4
const TOOLBAR_TOP_PX = 2

const idFrom = (e: SyntheticEvent, attr: 'data-msg-id' | 'data-pid'): number | null => {
  const el = (e.target as Element).closest?.(`[${attr}]`)
  const v = el?.getAttribute(attr)
  return v ? Number(v) : null
}

/** Seed and config of a run: a fork of the same run keeps its view, another run is fitted anew. */
function runKeyOf(first: SimEvent | undefined): string {
  return first?.kind === 'run.start' ? `${first.seed}|${JSON.stringify(first.config)}` : ''
}

/**
 * The time-space diagram: one lane per process, time left to right, one arrow per message. Fills
 * its parent (give the parent a size). Hover or focus an arrow to see its reply and quorum.
 */
export function Diagram(props: DiagramProps) {
  const { log, cursorStep, processCount, selectedMsgId, onSelectMessage, onSelectProcess, downPids } = props
  const fastCursor = props.fastCursor ?? false
  const arrowLabels = props.arrowLabels ?? true
  const rootRef = useRef<HTMLDivElement>(null)
  const stageRef = useRef<HTMLDivElement>(null)
  const size = useElementSize(rootRef)
  const reducedMotion = usePrefersReducedMotion()
  const measureText = useLabelMeasure(rootRef)
  const typeScale = useTypeScale(rootRef, size?.width ?? 0)
  const ids = useId()
  const hideQuiet = useHideQuiet()
  const toolbarRef = useRef<HTMLDivElement>(null)
  const toolbar = useElementSize(toolbarRef)
  const index = useMemo(() => indexLog(log), [log, log.length]) // eslint-disable-line react-hooks/exhaustive-deps
  const [noteRoom, noteRef] = useLodNoteRoom()
  const frame = useMemo(
    () =>
      size && size.width > 0 ? frameFor(size.width, size.height, processCount, typeScale, noteRoom) : null,
    [size, processCount, typeScale, noteRoom],
  )
  const cursorTick = tickAtStep(log, cursorStep)
  const runKey = useMemo(() => `${runKeyOf(log[0])}#${props.viewKey ?? 0}`, [log, props.viewKey])
  const zoom = useTimeZoom(stageRef, {
    frame,
    // Larger type needs longer arrows for their labels: the default zoom grows with it.
    pxPerTick: (MESSAGE_SPAN_PX * typeScale) / Math.max(1, index.normalSpanTicks),
    endTick: Math.max(10, index.maxTick),
    cursorTick,
    reducedMotion,
    snapFollow: fastCursor || reducedMotion,
    runKey,
  })
  const [hoverId, setHoverId] = useState<number | null>(null)
  const [focusId, setFocusId] = useState<number | null>(null)
  const activeId = hoverId ?? focusId
  const related = useMemo(
    () => (activeId === null ? NO_IDS : relatedMessages(index, activeId, cursorStep)),
    [index, activeId, cursorStep],
  )
  // A message selected elsewhere (the inspector, the in-flight list) is brought into view.
  const { reveal } = zoom
  useEffect(() => {
    const m = selectedMsgId !== null ? index.messages[selectedMsgId - 1] : undefined
    if (m && m.sendStep <= cursorStep) reveal(m.sentAt, m.end?.tick ?? m.spanEndTick)
    // Only a new selection moves the view; stepping with a selection must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedMsgId])
  const forced = useMemo(() => {
    const out = [activeId, selectedMsgId].filter((id): id is number => id !== null)
    const active = activeId !== null ? index.messages[activeId - 1] : undefined
    for (const id of [active?.replyId, active?.requestId]) if (id != null && related.has(id)) out.push(id)
    return out
  }, [activeId, selectedMsgId, index, related])
  const downKey = (downPids ?? []).join(',')
  const { glide, endGlide } = zoom
  const layout: Layout | null = useMemo(
    () =>
      frame && zoom.view
        ? computeLayout(log, cursorStep, {
            width: frame.width,
            height: frame.height,
            processCount,
            viewTicks: zoom.view,
            drawTicks: zoom.drawTicks ?? undefined,
            arrowLabels,
            forceLabelIds: forced,
            downPids: downKey ? downKey.split(',').map(Number) : [],
            measureText,
            typeScale,
            laneFaces: props.laneFaces,
            hideQuiet,
            toolbarRightPx: toolbar ? toolbar.width + TOOLBAR_LEFT_PX : 0,
            toolbarBottomPx: toolbar ? toolbar.height + TOOLBAR_TOP_PX : 0,
            bottomRoomPx: noteRoom,
          })
        : null,
    // `log.length` too: a log that grows in place is a new picture.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      log,
      log.length,
      cursorStep,
      frame,
      processCount,
      zoom.view,
      zoom.drawTicks,
      forced,
      downKey,
      measureText,
      arrowLabels,
      typeScale,
      props.laneFaces,
      hideQuiet,
      toolbar,
      noteRoom,
    ],
  )
  // Messages travel in an HTML layer inside the panned box (see travelLayer.ts, Plot.tsx).
  const [travel] = useState(createTravelLayer)
  const attachTravel = useCallback((el: HTMLDivElement | null) => travel.attach(el), [travel])
  useLayoutEffect(() => travel.settle(), [travel, layout])
  useEffect(() => () => travel.clear(), [travel])
  const panRef = useRef<HTMLDivElement>(null)
  useGlide(panRef, glide, layout, endGlide)

  const onArrowKey = useCallback(
    (e: KeyboardEvent) => {
      const id = idFrom(e, 'data-msg-id')
      if (id === null) return
      // Up/down walk the in-flight messages (left/right stay the app's step keys).
      const moves: Record<string, 1 | -1> = { ArrowDown: 1, ArrowUp: -1 }
      const move = moves[e.key]
      if (e.key === 'Enter' || e.key === ' ') onSelectMessage(id)
      else if (move) moveArrowFocus(stageRef.current, id, move, e.shiftKey)
      else return
      e.preventDefault()
      e.stopPropagation()
    },
    [onSelectMessage],
  )

  useFollowShortcut(() => zoom.setFollow(!zoom.follow))

  const onRootKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const pid = idFrom(e, 'data-pid')
    if (pid !== null && (e.key === 'Enter' || e.key === ' ')) onSelectProcess(pid)
    else if (e.key === '+' || e.key === '=') zoom.zoomBy(1.5, cursorTick)
    else if (e.key === '-' || e.key === '_') zoom.zoomBy(1 / 1.5, cursorTick)
    else if (e.key === '0') zoom.fit()
    // F, C and H are the app's global keys (src/ui/useKeyboard.ts), wherever the focus is.
    else return
    e.preventDefault()
    e.stopPropagation()
  }

  const onStageClick = (e: SyntheticEvent) => {
    const stage = stageRef.current
    if (layout && stage && (e.target as Element).closest?.('.tl-density')) {
      // Traffic stands for arrows too many to draw here: a click zooms in where it landed.
      const px = (e as unknown as MouseEvent).clientX - stage.getBoundingClientRect().left
      return zoom.zoomBy(4, (px - layout.offsetX) / layout.pxPerTick)
    }
    const topmost = idFrom(e, 'data-msg-id')
    const { clientX, clientY } = e as unknown as MouseEvent
    const msg = topmost === null ? null : nearestArrowAt(clientX, clientY, topmost)
    // A finger on a countdown is a tap on the background (it steps: DiagramPane); a mouse click
    // on one opens its process, as its tooltip says.
    const touch = (e.nativeEvent as { pointerType?: string }).pointerType === 'touch'
    const onTimer = (e.target as Element).closest?.('.tl-timer-hit') != null
    const pid = touch && onTimer ? null : idFrom(e, 'data-pid')
    if (msg !== null) onSelectMessage(msg)
    else if (pid !== null) onSelectProcess(pid)
    else onSelectMessage(null)
  }

  const arrowHandlers = useMemo(
    () => ({
      onKeyDown: onArrowKey,
      onPointerOver: (e: PointerEvent) => setHoverId(idFrom(e, 'data-msg-id')),
      onPointerLeave: () => setHoverId(null),
      onFocus: (e: FocusEvent) => {
        // Only keyboard focus highlights: a mouse click focuses too, but hovering covers that.
        const keyboard = (e.target as Element).matches?.(':focus-visible') ?? true
        setFocusId(keyboard ? idFrom(e, 'data-msg-id') : null)
      },
      onBlur: () => setFocusId(null),
    }),
    [onArrowKey],
  )

  return (
    <div className="tl-root" ref={rootRef} onKeyDown={onRootKey}>
      {/* First in the Tab order, as it is drawn above the lane names. */}
      <ZoomControls
        zoom={zoom}
        anchorTick={cursorTick}
        quietTypes={index.module.app.quiet}
        toolbarRef={toolbarRef}
      />
      <div
        ref={stageRef}
        className="tl-diagram"
        tabIndex={0}
        role="group"
        aria-label={`Time-space diagram of ${processCount} processes. Tab to the messages, then up and down arrows move between messages in flight, with Shift between all messages; Enter selects. Plus and minus zoom, 0 fits the run, F toggles follow, C toggles lecture colours.`}
        onClick={onStageClick}
      >
        {layout && (
          <TravelTo value={arrowLabels ? travel : null}>
            <Plot
              tabStopId={tabStopOf(layout, focusId, selectedMsgId)}
              layout={layout}
              idPrefix={ids}
              activeId={activeId}
              related={related}
              selectedMsgId={selectedMsgId}
              arrowHandlers={arrowHandlers}
              panRef={panRef}
              travelRef={attachTravel}
              glideFrom={zoom.drawTicks}
              composited={!fastCursor && !reducedMotion}
              sketch={!arrowLabels}
            />
          </TravelTo>
        )}
      </div>
      {showsLodNote(layout) && <LodNote layout={layout} ref={noteRef} />}
    </div>
  )
}
