import { memo, type FocusEvent, type KeyboardEvent, type PointerEvent, type Ref } from 'react'
import { ArrowSketch } from './ArrowSketch.tsx'
import { ArrowView } from './ArrowView.tsx'
import { LaneHeaders, LaneLines } from './LaneHeaders.tsx'
import type { Layout } from './layout.ts'
import { BandView, DensityView, LabelView, MarkHits, MarkView, PartitionTags } from './MarkViews.tsx'
import { emphasisOf } from './related.ts'
import { CursorLine, TimeAxis, TimeGrid } from './TimeAxis.tsx'
import { TimerView } from './TimerViews.tsx'

export interface PlotProps {
  readonly layout: Layout
  readonly idPrefix: string
  readonly activeId: number | null
  readonly related: ReadonlySet<number>
  readonly selectedMsgId: number | null
  /** The arrow that takes part in the Tab order (see `ArrowView`). */
  readonly tabStopId: number | null
  readonly arrowHandlers: {
    readonly onKeyDown: (e: KeyboardEvent) => void
    readonly onPointerOver: (e: PointerEvent) => void
    readonly onPointerLeave: () => void
    readonly onFocus: (e: FocusEvent) => void
    readonly onBlur: () => void
  }
  /** The translated content group (the diagram animates it during a follow pan). */
  readonly panRef?: Ref<SVGGElement>
  /** Draw the arrows as a sketch (see ArrowSketch), as while a scrub is moving. */
  readonly sketch?: boolean
}

/**
 * Everything inside the diagram's SVG, back to front: grid and lanes, bands, global marks, timer
 * countdowns, arrows,
 * lane marks, cursor, labels, axis, and the lane headers on top. Content is drawn in content
 * pixels inside one translated group, so a pan moves one transform instead of every arrow.
 * Memoized: a re-render of the diagram that leaves the layout and highlight as they were (the
 * zoom behaviour catching up with a view already drawn) costs nothing here.
 */
export const Plot = memo(function Plot(props: PlotProps) {
  const { layout, idPrefix, activeId, related, selectedMsgId, tabStopId, arrowHandlers, panRef, sketch } =
    props
  const { frame, offsetX } = layout
  const clipId = `${idPrefix}-plot`
  const hatchId = `${idPrefix}-hatch`
  const axisProps = { axis: layout.axis, frame, visibleX: layout.visibleX, cursorX: layout.cursorX }
  const laneYs = layout.lanes.map((l) => l.y)
  // Sketched or not, the arrows someone is looking at stay whole.
  const whole = (a: (typeof layout.arrows)[number]): boolean =>
    !sketch || a.id === activeId || a.id === selectedMsgId || a.id === tabStopId
  return (
    <>
      <defs>
        <clipPath id={clipId}>
          <rect x={frame.plotLeft} y={0} width={frame.plotRight - frame.plotLeft} height={frame.height} />
        </clipPath>
        <pattern
          id={hatchId}
          width={8}
          height={8}
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect className="tl-hatch-bg" width={8} height={8} />
          <line className="tl-hatch-line" x1={0} y1={0} x2={0} y2={8} />
        </pattern>
      </defs>
      <rect className="tl-bg" width={frame.width} height={frame.height} />
      <LaneLines lanes={layout.lanes} frame={frame} />
      <g clipPath={`url(#${clipId})`}>
        <g ref={panRef} transform={`translate(${offsetX} 0)`}>
          <TimeGrid {...axisProps} />
          {layout.bands.map((b) => (
            <BandView key={b.key} b={b} hatch={`url(#${hatchId})`} />
          ))}
          {layout.marks
            .filter((m) => m.pid === null)
            .map((m) => (
              <MarkView key={m.key} m={m} frame={frame} scale={layout.typeScale} />
            ))}
          {layout.density && <DensityView d={layout.density} />}
          <TimerView t={layout.timers} />
          <MarkHits marks={layout.marks} frame={frame} />
          <g className={`tl-arrows${activeId !== null ? ' tl-has-active' : ''}`} {...arrowHandlers}>
            {sketch && <ArrowSketch arrows={layout.arrows.filter((a) => !whole(a))} />}
            {layout.arrows.filter(whole).map((a) => (
              <ArrowView
                key={a.id}
                a={a}
                emphasis={emphasisOf(a.id, activeId, related)}
                selected={a.id === selectedMsgId}
                tabbable={a.id === tabStopId}
              />
            ))}
          </g>
          {layout.marks
            .filter((m) => m.pid !== null)
            .map((m) => (
              <MarkView key={m.key} m={m} frame={frame} scale={layout.typeScale} />
            ))}
          {layout.bands.map((b) => (
            <PartitionTags key={b.key} b={b} laneYs={laneYs} />
          ))}
          <CursorLine frame={frame} cursorX={layout.cursorX} />
          <g className="tl-labels" style={{ fontSize: layout.labelFontPx }}>
            {layout.labels.map((l) => (
              <LabelView
                key={l.key}
                l={l}
                dim={activeId !== null && typeof l.owner === 'number' && !related.has(l.owner)}
              />
            ))}
          </g>
          <TimeAxis
            {...axisProps}
            cursorTick={layout.cursorTick}
            cursorStep={layout.cursorStep}
            pillMinX={layout.pillMinX}
            scale={layout.typeScale}
          />
        </g>
      </g>
      <LaneHeaders lanes={layout.lanes} frame={frame} scale={layout.typeScale} />
    </>
  )
})
