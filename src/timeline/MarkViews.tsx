import { memo, type CSSProperties } from 'react'
import { ADOPT_RING_R, BOLT, CHECK, FLAG, RECOVER, STAR, WARNING } from './glyphs.ts'
import type { BandGeom, Density, Frame, LabelGeom, MarkGeom } from './layout.ts'
import { hueVars } from './palette.ts'

const hueStyle = (hue: number | null, proposerSlot: number | null): CSSProperties | undefined =>
  hue === null && proposerSlot === null ? undefined : (hueVars(hue, proposerSlot) as CSSProperties)

/** A process down (hatched, over a dashed lane) or a partition (tinted band with walls). */
export const BandView = memo(function BandView({ b, hatch }: { b: BandGeom; hatch: string }) {
  const w = Math.max(0, b.x2 - b.x1)
  if (b.kind === 'down') {
    const y = (b.y1 + b.y2) / 2
    return (
      <g className="tl-band tl-down-band" aria-label={b.label} role="img">
        <rect x={b.x1} y={b.y1} width={w} height={b.y2 - b.y1} fill={hatch} />
        <line x1={b.x1} y1={y} x2={b.x2} y2={y} />
      </g>
    )
  }
  return (
    <g className="tl-band tl-partition-band" aria-label={b.label} role="img">
      <rect x={b.x1} y={b.y1} width={w} height={b.y2 - b.y1} />
      {b.walls.map((y) => (
        <line key={y} className="tl-wall" x1={b.x1} y1={y} x2={b.x2} y2={y} />
      ))}
      <line className="tl-partition-edge" x1={b.x1} y1={b.y1} x2={b.x1} y2={b.y2} />
      {!b.open && <line className="tl-partition-edge" x1={b.x2} y1={b.y1} x2={b.x2} y2={b.y2} />}
      <text className="tl-partition-label" x={b.labelX} y={b.y1 + 14}>
        {b.label}
      </text>
    </g>
  )
})

/** Group letters at the start of a partition, so non-adjacent groups read clearly. */
export function PartitionTags({ b, laneYs }: { b: BandGeom; laneYs: readonly number[] }) {
  if (b.kind !== 'partition') return null
  return (
    <g className="tl-partition-tags" aria-hidden="true">
      {b.laneGroups.map((g, i) => (
        <text key={i} x={b.labelX + 2} y={(laneYs[i] ?? 0) + 22}>
          {g}
        </text>
      ))}
    </g>
  )
}

function LaneMarkGlyph({ m }: { m: MarkGeom }) {
  switch (m.kind) {
    case 'ballot':
      return <path className="tl-flag" d={FLAG} />
    case 'adopt':
      return (
        <>
          <circle className="tl-adopt" r={ADOPT_RING_R} />
          <circle className="tl-adopt-dot" r={2.5} />
        </>
      )
    case 'ballot-failed':
      return (
        <>
          <circle className="tl-failed" r={7} />
          <line className="tl-failed" x1={-5} y1={5} x2={5} y2={-5} />
        </>
      )
    case 'decide':
      return (
        <>
          <circle className="tl-decide" r={9} />
          <path className="tl-decide-check" d={CHECK} transform="scale(1.2)" />
        </>
      )
    case 'crash':
      return <path className="tl-bolt" d={BOLT} transform="scale(1.3)" />
    case 'recover':
      return <path className="tl-recover" d={RECOVER} />
    default:
      return null
  }
}

/** A mark on one lane, or a line across all lanes for `chosen` and safety violations. */
export const MarkView = memo(function MarkView({
  m,
  frame,
  scale = 1,
}: {
  m: MarkGeom
  frame: Frame
  /** The type scale: marks grow with the labels. */
  scale?: number
}) {
  const grow = scale === 1 ? '' : ` scale(${scale})`
  if (m.pid !== null) {
    return (
      <g
        className={`tl-mark tl-mark-${m.kind}`}
        style={hueStyle(m.hue, m.proposerSlot)}
        transform={`translate(${m.x} ${m.y})${grow}`}
        role="img"
        aria-label={m.ariaLabel}
      >
        <LaneMarkGlyph m={m} />
      </g>
    )
  }
  const alarm = m.kind === 'violation'
  return (
    <g className={`tl-mark tl-global tl-mark-${m.kind}`} role="img" aria-label={m.ariaLabel}>
      <line className="tl-global-line" x1={m.x} y1={frame.plotTop - 8} x2={m.x} y2={frame.plotBottom} />
      {m.laneYs.map((y) => (
        <path
          key={y}
          className="tl-global-lane"
          d={alarm ? WARNING : STAR}
          transform={`translate(${m.x} ${y}) scale(${(alarm ? 1 : 1.1) * scale})`}
        />
      ))}
    </g>
  )
})

/** Placed labels: a halo box edged in the ballot hue (REJECT red, alarm red), and the text. */
export const LabelView = memo(function LabelView({ l, dim }: { l: LabelGeom; dim: boolean }) {
  return (
    <g
      className={`tl-label tl-label-${l.tone}${l.ack ? ' tl-label-ack' : ''}${l.force ? ' tl-label-forced' : ''}${dim ? ' tl-em-dim' : ''}`}
      style={hueStyle(l.hue, l.proposerSlot)}
      aria-hidden="true"
    >
      <rect x={l.x} y={l.y} width={l.w} height={l.h} rx={5} />
      <text x={l.cx} y={l.cy} dy="0.35em">
        {l.text}
      </text>
    </g>
  )
})

/**
 * Traffic instead of arrows (level of detail): a few paths of cells, darker where a lane sent or
 * received more messages; cells where REJECTs dominate are red and dash-edged, like REJECT arrows.
 * Clicking it zooms in (the diagram handles clicks on `.tl-density`).
 */
export const DensityView = memo(function DensityView({ d }: { d: Density }) {
  return (
    <g className="tl-density" aria-hidden="true">
      {d.paths.map((p) => (
        <path key={p.key} className={`tl-density-${p.tone} tl-density-l${p.level}`} d={p.d} />
      ))}
    </g>
  )
})

/**
 * The marks' pointer targets, drawn under the arrows so an arrow starting at a mark stays easy to
 * hit: a 24 px (44 px on touch) circle per lane mark, a wide band along a chosen or violation
 * line. Hovering one shows what the mark says; tapping a lane mark selects its process.
 */
export const MarkHits = memo(function MarkHits({
  marks,
  frame,
}: {
  marks: readonly MarkGeom[]
  frame: Frame
}) {
  return (
    <g className="tl-mark-hits">
      {marks.map((m) =>
        m.pid !== null ? (
          <circle key={m.key} className="tl-mark-hit" cx={m.x} cy={m.y} data-pid={m.pid}>
            <title>{m.ariaLabel}</title>
          </circle>
        ) : (
          <line key={m.key} className="tl-hit" x1={m.x} y1={frame.plotTop - 8} x2={m.x} y2={frame.plotBottom}>
            <title>{m.ariaLabel}</title>
          </line>
        ),
      )}
    </g>
  )
})
