import {
  AXIS_Y,
  axisBelow,
  cursorPill,
  PILL_CLEARANCE_PX,
  tickLabelClearOfPill,
  tickLabelShown,
} from './cursorPill.ts'
import type { AxisTick, Frame } from './layout.ts'

/** Props shared by the axis parts; x values are content pixels (see `Layout`). */
export interface AxisProps {
  readonly axis: readonly AxisTick[]
  readonly frame: Frame
  readonly visibleX: readonly [number, number]
  readonly cursorX: number
}

/** Faint vertical grid lines at the axis ticks, and the "future" shade right of the cursor. */
export function TimeGrid({ axis, frame, visibleX, cursorX }: AxisProps) {
  const [left, right] = visibleX
  const futureX = Math.max(left, Math.min(right, cursorX))
  return (
    <g className="tl-grid" aria-hidden="true">
      <rect
        className="tl-future"
        x={futureX}
        y={frame.plotTop - 8}
        width={Math.max(0, right - futureX)}
        height={frame.plotBottom - frame.plotTop + 8}
      />
      {/* Keyed by place, not tick: a pan moves the lines instead of removing and creating them. */}
      {axis.map((t, i) => (
        <line key={i} x1={t.x} y1={frame.plotTop - 8} x2={t.x} y2={frame.plotBottom} />
      ))}
    </g>
  )
}

/** The cursor line ("now"), drawn under the labels so they stay readable where it crosses them. */
export function CursorLine({ frame, cursorX }: { frame: Frame; cursorX: number }) {
  return <line className="tl-cursor-line" x1={cursorX} y1={AXIS_Y + 10} x2={cursorX} y2={frame.plotBottom} />
}

const fontOf = (scale: number) => (scale === 1 ? undefined : { fontSize: 13 * scale })

/**
 * Tick numbers along the top, and the cursor's "t 45 · step 30" pill. Where the view buttons leave
 * the top row room for the pill alone (a phone), the numbers run under the lanes instead.
 */
export function TimeAxis({
  axis,
  frame,
  visibleX,
  cursorX,
  cursorTick,
  cursorStep,
  pillMinX = -Infinity,
  scale = 1,
}: AxisProps & { cursorTick: number; cursorStep: number; pillMinX?: number; scale?: number }) {
  const pill = cursorPill(cursorX, cursorTick, cursorStep, visibleX, pillMinX, scale)
  const { inView, centreY: y } = pill
  const below = axisBelow(visibleX, pillMinX)
  const numbers = below
    ? axis.filter((t) => tickLabelShown(t.x, t.tick, visibleX, -Infinity, scale))
    : axis
        .filter((t) => !inView || Math.abs(t.x - cursorX) > pill.w / 2 + PILL_CLEARANCE_PX)
        .filter((t) => tickLabelClearOfPill(t.x, t.tick, pill, scale))
        .filter((t) => tickLabelShown(t.x, t.tick, visibleX, pillMinX, scale))
  // Under the lanes: in the margin below the plot, clear of every lane and its labels (a pixel
  // up, so the numbers' line box, as tall as the margin, ends inside the diagram).
  const numbersY = below ? (frame.plotBottom + frame.height) / 2 - 1 : y
  return (
    <g className={below ? 'tl-axis tl-axis-below' : 'tl-axis'}>
      {numbers.map((t, i) => (
        <text key={i} x={t.x} y={numbersY} dy="0.35em" style={fontOf(scale)}>
          {t.tick}
        </text>
      ))}
      {inView && (
        <g className="tl-cursor" aria-label={`Now: tick ${cursorTick}, step ${cursorStep}`} role="img">
          <rect x={pill.x} y={pill.y} width={pill.w} height={pill.h} rx={pill.h / 2} />
          <text x={pill.x + pill.w / 2} y={y} dy="0.35em" style={fontOf(scale)}>
            {pill.text}
          </text>
        </g>
      )}
    </g>
  )
}
