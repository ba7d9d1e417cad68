import type { CSSProperties } from 'react'
import type { Frame, LaneGeom } from './layout.ts'
import { laneHeaderType, STATUS_CHAR_EM } from './laneHeaderType.ts'
import { hueVars } from './palette.ts'

function statusWords(l: LaneGeom): string {
  const s = l.status
  if (s.down) return 'down (crashed)'
  const parts = ['up']
  if (s.plain) parts.push(s.plain.text)
  else if (s.running) parts.push(`running ${s.running.text}`)
  if (s.decided !== null) parts.push(`decided ${s.decided}`)
  return parts.join(', ')
}

/** The status line under a lane's name: DOWN, the ballot it runs, or the value it decided. */
function StatusLine({ l, y, fontPx, width }: { l: LaneGeom; y: number; fontPx: number; width: number }) {
  const s = l.status
  const x = 12
  if (s.down) {
    return (
      <g className="tl-status tl-status-down" transform={`translate(${x} ${y})`}>
        {/* The bold capitals are wider than the box in some fonts (a projector's large type clipped
            the D): the text is fitted to the box's inside, centred on it. */}
        <rect x={0} y={-fontPx * 0.98} width={fontPx * 4} height={fontPx * 1.26} rx={4} />
        <text
          x={fontPx * 2}
          textLength={fontPx * 3.3}
          lengthAdjust="spacingAndGlyphs"
          style={{ fontSize: fontPx }}
        >
          DOWN
        </text>
      </g>
    )
  }
  const text = s.plain
    ? s.plain.text
    : s.decided !== null
      ? `✓ ${s.decided}`
      : s.running
        ? s.running.text
        : null
  if (text === null) return null
  const done = s.plain ? s.plain.tone !== 'running' : s.decided !== null
  const cls =
    s.plain?.tone === 'idle'
      ? 'tl-status tl-status-idle'
      : done
        ? 'tl-status tl-status-decided'
        : 'tl-status tl-status-running'
  const style = s.running && !done ? (hueVars(s.running.hue, l.proposerSlot) as CSSProperties) : undefined
  // A line longer than the header is wide is squeezed to fit, never clipped (the ballot at its
  // end is the point of "prepare 1.1"); the header widens with the type scale, so rarely by much.
  const fit = text.length * fontPx * STATUS_CHAR_EM > width ? { textLength: width } : {}
  return (
    <text
      className={cls}
      x={x}
      y={y}
      style={{ ...style, fontSize: fontPx }}
      {...fit}
      lengthAdjust={fit.textLength ? 'spacingAndGlyphs' : undefined}
    >
      {text}
    </text>
  )
}

/** Lane names (P1..Pn), big enough for the back row, with each process's state at the cursor. */
export function LaneHeaders({
  lanes,
  frame,
  scale = 1,
}: {
  lanes: readonly LaneGeom[]
  frame: Frame
  /** The type scale: the status line grows with it as far as the lane has room (laneHeaderType). */
  scale?: number
}) {
  const { pidFont, statusFont, statusY, boxH } = laneHeaderType(frame.laneGap, scale)
  const twoLines = statusFont > 0
  return (
    <g className="tl-lane-headers">
      {lanes.map((l) => (
        <g
          key={l.pid}
          className={`tl-lane-header${l.status.down ? ' tl-is-down' : ''}`}
          data-pid={l.pid}
          transform={`translate(0 ${l.y})`}
          tabIndex={0}
          role="button"
          aria-label={`${l.name}: ${statusWords(l)}. Show process ${l.name}.`}
        >
          {/* The finger's target: the lane's whole band, half-way to each neighbour (the box is
              6 px shorter, 27 px on a phone with eight lanes). */}
          <rect
            className="tl-lane-header-hit"
            x={0}
            y={-Math.max(frame.laneGap, boxH) / 2}
            width={frame.plotLeft - 4}
            height={Math.max(frame.laneGap, boxH)}
          />
          <rect
            className="tl-lane-header-box"
            x={4}
            y={-boxH / 2}
            width={frame.plotLeft - 12}
            height={boxH}
            rx={8}
          />
          <text
            className="tl-pid"
            x={12}
            y={twoLines ? -2 : 0}
            dy={twoLines ? 0 : '0.35em'}
            style={{ fontSize: pidFont }}
          >
            {l.name}
          </text>
          {twoLines && <StatusLine l={l} y={statusY} fontPx={statusFont} width={frame.plotLeft - 24} />}
        </g>
      ))}
    </g>
  )
}

/** The lane lines, drawn under everything in the plot. */
export function LaneLines({ lanes, frame }: { lanes: readonly LaneGeom[]; frame: Frame }) {
  return (
    <g className="tl-lane-lines" aria-hidden="true">
      {lanes.map((l) => (
        <line key={l.pid} x1={frame.plotLeft} y1={l.y} x2={frame.plotRight} y2={l.y} />
      ))}
    </g>
  )
}
