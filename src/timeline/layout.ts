import { ticks, tickStep } from 'd3'
import type { SimEvent } from '../engine/index.ts'
import {
  arrowAtCursor,
  arrowGeometry,
  arrowsInView,
  sentCount,
  type ArrowAtCursor,
  type ArrowGeom,
} from './arrows.ts'
import { densityInView, thinMarks, type Density } from './density.ts'
import { proposerSlots } from './proposers.ts'
import type { LabelGeom } from './labels.ts'
import { cursorPill } from './cursorPill.ts'
import { laneHeaderWidth } from './laneHeaderType.ts'
import { layoutLabels } from './labelLayout.ts'
import { indexLog, tickAtStep, type LogIndex, type MessageRecord } from './logIndex.ts'
import { TIMER_BAR, timersInView, type TimerLayer } from './timers.ts'
import { GLIDE_MAX_VIEWS } from './zoomMath.ts'
import {
  bandsInView,
  laneStatus,
  markGeometry,
  marksInView,
  type BandGeom,
  type LaneStatus,
  type MarkGeom,
} from './marks.ts'

export type { ArrowGeom } from './arrows.ts'
export type { BandGeom, LaneStatus, MarkGeom } from './marks.ts'
export type { LabelGeom } from './labels.ts'
export type { TimerGeom, TimerLayer } from './timers.ts'
export type { Density, DensityPath } from './density.ts'

/** Fixed parts of the frame, in CSS pixels, sized for a 1280×720 projector. */
export const FRAME = {
  topPx: 60,
  bottomPx: 14,
  rightPx: 24,
  labelFontPx: 14,
  /** Arrows shorter than this (horizontally) get a label only when hovered or selected. */
  minLabelledArrowPx: 44,
} as const

export interface LayoutOptions {
  readonly width: number
  readonly height: number
  /** Number of lanes; defaults to the run's config. */
  readonly processCount?: number
  /** The visible tick range (the zoom window); defaults to the whole run. */
  readonly viewTicks?: readonly [number, number]
  /**
   * Also draw what lies in this tick range (default: only the view). A glide from one view to
   * the next draws both, so the content can slide across without a render per frame.
   */
  readonly drawTicks?: readonly [number, number]
  /** Messages whose labels are always drawn (hovered, focused, selected). */
  readonly forceLabelIds?: readonly number[]
  /** Draw labels of other arrows where there is room (default true). */
  readonly arrowLabels?: boolean
  /**
   * The right edge, in pixels from the diagram's left, of the view buttons over the axis row: the
   * cursor's pill keeps clear of them (44 px buttons on a touch screen or a projector reach into
   * the plot). Default 0.
   */
  readonly toolbarRightPx?: number
  /** The bottom edge of those buttons, in pixels from the diagram's top: labels keep out from under them. */
  readonly toolbarBottomPx?: number
  /**
   * Room kept free below the last lane, in pixels (the level-of-detail note sits there, so it
   * covers no lane). The frame's own margin when smaller. Default 0.
   */
  readonly bottomRoomPx?: number
  /** Leave out routine (quiet) messages, except those in `forceLabelIds` (default false). */
  readonly hideQuiet?: boolean
  /** Processes known to be down (a hint added to what the log says). */
  readonly downPids?: readonly number[]
  /**
   * Per lane, in pid order, what the protocol module says at the cursor (name and status line,
   * from the real state). Without it, lanes are `P<pid>` with the log's Paxos phases.
   */
  readonly laneFaces?: readonly LaneFace[]
  /**
   * Width in pixels of a label at 14px, weight 700 (the browser measures the real font); the
   * default is a pure estimate so layout stays testable without a DOM.
   */
  readonly measureText?: (text: string) => number
  /**
   * The type scale (1 = the 14 px labels sized for a laptop; the presenter setting and large
   * screens raise it): labels, their spacing and the marks grow with it. Default 1.
   */
  readonly typeScale?: number
}

export interface Frame {
  readonly width: number
  readonly height: number
  readonly plotLeft: number
  readonly plotRight: number
  readonly plotTop: number
  readonly plotBottom: number
  readonly laneGap: number
}

export interface LaneGeom {
  readonly pid: number
  /** The process's name on its lane (`P1`, or a protocol's own such as `C1` for a client). */
  readonly name: string
  readonly y: number
  readonly status: LaneStatus
  /** Lecture colours: this process's colour as a proposer, if it has proposed. */
  readonly proposerSlot: number | null
}

/** A lane as a protocol module describes it at the cursor (see `LayoutOptions.laneFaces`). */
export interface LaneFace {
  readonly name: string
  readonly up: boolean
  readonly text: string | null
  readonly tone: 'idle' | 'running' | 'done'
  readonly colourKey: string | null
}

export interface AxisTick {
  readonly x: number
  readonly tick: number
}

/**
 * Everything the diagram draws at one cursor position, in pixels. Horizontal positions of the
 * plot's content (arrows, marks, bands, labels, axis, cursor) are in *content* pixels, x = tick ×
 * pxPerTick: draw them shifted by `offsetX` (Plot.tsx moves the HTML box that holds them).
 * Panning then changes only `offsetX`, so unchanged arrows keep identical geometry and are not
 * redrawn. Lanes and the frame are in screen pixels.
 */
export interface Layout {
  readonly frame: Frame
  readonly viewTicks: readonly [number, number]
  readonly pxPerTick: number
  /** Screen x of content x = 0 (tick 0). */
  readonly offsetX: number
  /** The visible plot in content pixels: [frame.plotLeft, frame.plotRight] − offsetX. */
  readonly visibleX: readonly [number, number]
  /** The leftmost content x of the cursor's pill: clear of the view buttons. */
  readonly pillMinX: number
  readonly cursorStep: number
  readonly cursorTick: number
  readonly cursorX: number
  readonly lanes: readonly LaneGeom[]
  readonly arrows: readonly ArrowGeom[]
  readonly marks: readonly MarkGeom[]
  readonly bands: readonly BandGeom[]
  /** Timers counting down on their lanes (backoff, timeouts), as the module names them. */
  readonly timers: TimerLayer
  readonly labels: readonly LabelGeom[]
  readonly axis: readonly AxisTick[]
  /**
   * Level of detail: when the view holds too many arrows to draw or tell apart, the traffic per
   * lane instead (and `arrows` holds only the hovered, focused or selected ones). Null otherwise.
   */
  readonly density: Density | null
  /** Marks in view left out because too many share it (see `thinMarks`). */
  readonly hiddenMarks: number
  /** The type scale used (see `LayoutOptions.typeScale`) and the labels' font size in pixels. */
  readonly typeScale: number
  readonly labelFontPx: number
}

const round1 = (v: number): number => Math.round(v * 10) / 10

/** The whole run's tick range [0, last tick anything reaches], at least 10 ticks wide. Pure. */
export function fullTickRange(log: readonly SimEvent[]): [number, number] {
  return [0, Math.max(10, indexLog(log).maxTick)]
}

/**
 * The frame (plot area and lane spacing) for a size and lane count. The lane headers widen with
 * the type scale (a projector, presenter mode), so their status line ("prepare 1.1", "leader 2.2
 * · c6") keeps its size and is neither cut nor squeezed. `bottomRoomPx` keeps that much free
 * below the last lane (for a note drawn over the diagram's foot). Pure.
 */
export function frameFor(
  width: number,
  height: number,
  processCount: number,
  typeScale = 1,
  bottomRoomPx = 0,
): Frame {
  const plotTop = FRAME.topPx
  const plotBottom = Math.max(plotTop + 40, height - Math.max(FRAME.bottomPx, bottomRoomPx))
  const laneGap = (plotBottom - plotTop) / Math.max(1, processCount)
  const headerPx = laneHeaderWidth(width, laneGap, typeScale)
  return {
    width,
    height,
    plotLeft: headerPx,
    plotRight: Math.max(headerPx + 40, width - FRAME.rightPx),
    plotTop,
    plotBottom,
    laneGap,
  }
}

/**
 * The time-space diagram at `cursorStep`: lanes, arrows, marks, bands, labels and the cursor, in
 * pixels (content pixels for the plot, see `Layout`). Only events with step ≤ cursorStep are
 * drawn, and only what lies in the view window. Pure (given a pure `measureText`); per-log work is
 * memoized by `indexLog`, so a call costs O(log n + visible).
 */
export function computeLayout(log: readonly SimEvent[], cursorStep: number, options: LayoutOptions): Layout {
  const index = indexLog(log)
  const n = options.processCount ?? (index.processCount || 1)
  const frame = frameFor(options.width, options.height, n, options.typeScale, options.bottomRoomPx)
  const view = options.viewTicks ?? fullTickRange(log)
  // Rounded so that views differing only by a pan share exactly the same scale.
  const pxPerTick =
    Math.round(((frame.plotRight - frame.plotLeft) / Math.max(1e-6, view[1] - view[0])) * 1e6) / 1e6
  const x = (t: number): number => t * pxPerTick
  const offsetX = round1(frame.plotLeft - x(view[0]))
  const visibleX: [number, number] = [round1(frame.plotLeft - offsetX), round1(frame.plotRight - offsetX)]
  const laneY = (pid: number): number => frame.plotTop + (pid - 0.5) * frame.laneGap
  const cursorTick = tickAtStep(log, cursorStep)
  // A glide's start view is drawn too, but never more than GLIDE_MAX_VIEWS view widths away: a
  // start view from another zoom (a run still arriving is fitted, then windowed, while a follow
  // pan is under way) drew the first batch's every arrow and a thousand axis ticks in one task.
  const extra = options.drawTicks
  const reach = GLIDE_MAX_VIEWS * (view[1] - view[0])
  const from = extra ? Math.max(view[0] - reach, Math.min(view[0], extra[0])) : view[0]
  const to = extra ? Math.min(view[1] + reach, Math.max(view[1], extra[1])) : view[1]
  const densityFrame = { x, laneY, laneGap: frame.laneGap, processCount: n }
  const density = densityInView(index, cursorStep, cursorTick, from, to, densityFrame)
  const forced = options.forceLabelIds ?? []
  const inView = density
    ? forcedArrows(index, cursorStep, cursorTick, forced)
    : arrowsInView(index, cursorStep, cursorTick, from, to)
  const atCursor = options.hideQuiet
    ? inView.filter((a) => !a.rec.quiet || forced.includes(a.rec.id))
    : inView
  const slots = proposerSlots(index)
  const faces = options.laneFaces
  const name = (pid: number): string => faces?.[pid - 1]?.name ?? `P${pid}`
  const arrows = atCursor.map((a) => arrowGeometry(a, x, laneY, slots, name))
  const thinned = thinMarks(marksInView(index, cursorStep, from, to), x)
  const marks = thinned.marks.map((m) => markGeometry(m, x, laneY, frame.plotTop, slots))
  const bandFrame = { x, laneY, laneGap: frame.laneGap, plotTop: frame.plotTop, plotBottom: frame.plotBottom }
  const bands = bandsInView(index, cursorStep, cursorTick, from, to, {
    ...bandFrame,
    processCount: n,
    visibleX,
    name,
  })
  const lanes = lanesAt(index, n, cursorStep, laneY, options.downPids ?? [], slots, faces)
  const typeScale = options.typeScale ?? 1
  const labelFontPx = Math.round(FRAME.labelFontPx * typeScale)
  // A countdown belongs visibly to its own lane: on close lanes (a phone) its bar moves up to the
  // lane line, and its label, which would sit on the next lane's line, is left to the tooltip.
  const timerBelow = Math.min(TIMER_BAR.below * typeScale, frame.laneGap * 0.2)
  const timerLabelRoom = timerBelow + (TIMER_BAR.half + 3) * typeScale + labelFontPx + 8 + 6 <= frame.laneGap
  const timerGeo = {
    x,
    laneY,
    scale: typeScale,
    pendingOnly: density !== null,
    historyTargets: options.arrowLabels !== false,
    below: timerBelow,
  }
  const timers = timersInView(index, cursorStep, cursorTick, from, to, timerGeo)
  const pillMinX = round1(Math.max(frame.plotLeft, (options.toolbarRightPx ?? 0) + 6) - offsetX)
  const pill = cursorPill(round1(x(cursorTick)), cursorTick, cursorStep, visibleX, pillMinX, typeScale)
  // The view buttons and the cursor's pill sit over the band above the lanes where global marks
  // ("slot 2 = …") are labelled: a label there would be hidden under them (content pixels).
  const keepOut = [...(pill.inView ? [{ x: pill.x - 4, y: pill.y, w: pill.w + 8, h: pill.h + 2 }] : [])]
  if (options.toolbarRightPx)
    keepOut.push({ x: -offsetX, y: 0, w: options.toolbarRightPx + 4, h: options.toolbarBottomPx ?? 0 })
  const labels = layoutLabels(frame, visibleX, arrows, marks, bands, {
    ...options,
    timers: timerLabelRoom ? timers.items : [],
    fontPx: labelFontPx,
    minLabelledArrowPx: FRAME.minLabelledArrowPx * typeScale,
    markScale: typeScale,
    keepOut,
  })
  const tickCount = Math.max(2, Math.floor((frame.plotRight - frame.plotLeft) / 90))
  const axis = (extra ? ticksAcross(view, from, to, tickCount) : ticks(view[0], view[1], tickCount))
    .filter((t) => Number.isInteger(t))
    .map((t) => ({ x: round1(x(t)), tick: t }))
  return {
    frame,
    viewTicks: [view[0], view[1]],
    pxPerTick,
    offsetX,
    visibleX,
    pillMinX,
    cursorStep,
    cursorTick,
    cursorX: round1(x(cursorTick)),
    lanes,
    arrows,
    marks,
    bands,
    timers,
    labels,
    axis,
    density,
    hiddenMarks: thinned.hidden,
    typeScale,
    labelFontPx,
  }
}

/** The hovered, focused or selected messages, sent by the cursor: drawn even over traffic. Pure. */
function forcedArrows(
  index: LogIndex,
  cursorStep: number,
  cursorTick: number,
  ids: readonly number[],
): ArrowAtCursor[] {
  const count = sentCount(index, cursorStep)
  const recs = [...new Set(ids)].sort((a, b) => a - b).map((id) => index.messages[id - 1])
  return recs
    .filter((r) => r !== undefined && r.id <= count)
    .map((r) => arrowAtCursor(r as MessageRecord, cursorStep, cursorTick))
}

/** The view's axis ticks (same spacing), continued across [from, to]. Pure. */
function ticksAcross(view: readonly [number, number], from: number, to: number, count: number): number[] {
  const step = tickStep(view[0], view[1], count)
  if (!(step > 0)) return []
  const out: number[] = []
  for (let i = Math.ceil(from / step); i * step <= to; i++) out.push(Math.round(i * step * 1e6) / 1e6)
  return out
}

function lanesAt(
  index: LogIndex,
  n: number,
  cursorStep: number,
  laneY: (pid: number) => number,
  downPids: readonly number[],
  slots: ReadonlyMap<number, number>,
  faces: readonly LaneFace[] | undefined,
): LaneGeom[] {
  return Array.from({ length: n }, (_, i) => {
    const pid = i + 1
    const face = faces?.[i]
    const status = face ? faceStatus(index, pid, cursorStep, face) : laneStatus(index, pid, cursorStep)
    const down = status.down || downPids.includes(pid)
    return {
      pid,
      name: face?.name ?? `P${pid}`,
      y: round1(laneY(pid)),
      status: down ? { ...status, down, running: null } : status,
      proposerSlot: slots.get(pid) ?? null,
    }
  })
}

/** A lane's status from its module's line: DOWN from the log or the state, else the line as it is. */
function faceStatus(index: LogIndex, pid: number, cursorStep: number, face: LaneFace): LaneStatus {
  const down = laneStatus(index, pid, cursorStep).down || !face.up
  const hue = face.colourKey === null ? null : (index.ballotHues.get(face.colourKey) ?? null)
  const running = face.tone === 'running' && face.text !== null ? { text: face.text, hue } : null
  const plain = face.text === null ? null : { text: face.text, tone: face.tone }
  return { down, decided: null, running, plain }
}
