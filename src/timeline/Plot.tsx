import { memo, useState, type FocusEvent, type KeyboardEvent, type PointerEvent, type Ref } from 'react'
import { ArrowSketch } from './ArrowSketch.tsx'
import { ArrowView } from './ArrowView.tsx'
import { LaneHeaders, LaneLines } from './LaneHeaders.tsx'
import type { Layout } from './layout.ts'
import { BandView, DensityView, LabelView, MarkHits, MarkView, PartitionTags } from './MarkViews.tsx'
import { neededX, nextPanBox, panPlacement, type PanBox } from './panBox.ts'
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
  /** The HTML box that pans the content (the diagram animates it during a follow pan). */
  readonly panRef?: Ref<HTMLDivElement>
  /** The element messages travel in (see travelLayer.ts), panned with the content. */
  readonly travelRef?: Ref<HTMLDivElement>
  /** The view a follow glide starts from (it is drawn too), if one is running. */
  readonly glideFrom?: readonly [number, number] | null
  /**
   * Keep the panned box a composited layer of its own (when a step may glide), so a glide neither
   * repaints it nor promotes it to a layer and back. Off while the cursor moves every frame
   * (scrubbing, playing) or motion is reduced: nothing glides then, and a layer whose content
   * changes every frame costs the compositor more than painting it with the rest.
   */
  readonly composited?: boolean
  /** Draw the arrows as a sketch (see ArrowSketch), as while a scrub is moving. */
  readonly sketch?: boolean
}

/** The panned `<svg>`'s box: moves on only when the content needed leaves it (see panBox.ts). */
function usePanBox(need: readonly [number, number], maxWidth: number): PanBox {
  const [box, setBox] = useState<PanBox | null>(null)
  const next = nextPanBox(box, need, maxWidth)
  // Adjusting state during render (React's pattern for deriving from a previous render).
  if (next !== box) setBox(next)
  return next
}

/**
 * The diagram's layers, back to front: an SVG with the background and the lane lines; the panned
 * content (grid, bands, global marks, timer countdowns, arrows, lane marks, cursor, labels, axis)
 * as its own SVG in an HTML box clipped to the plot, with the travel layer over it; and an SVG
 * with the lane headers. Content is drawn in content pixels and the box moves by a CSS transform,
 * so a pan or a follow glide moves a composited layer instead of repainting the diagram (an SVG
 * group's transform cannot be composited: every frame of a glide re-recorded the whole diagram).
 * Memoized: a re-render of the diagram that leaves the layout and highlight as they were (the
 * zoom behaviour catching up with a view already drawn) costs nothing here.
 */
export const Plot = memo(function Plot(props: PlotProps) {
  const { layout, idPrefix, activeId, related, selectedMsgId, tabStopId, arrowHandlers, sketch } = props
  const { panRef, travelRef, glideFrom = null, composited = false } = props
  const { frame, offsetX } = layout
  const plotWidth = frame.plotRight - frame.plotLeft
  // A glide's box (both views) may stay for the steps after it; no wider than that.
  const box = usePanBox(neededX(layout.visibleX, glideFrom, layout.pxPerTick), 2 * plotWidth + 2)
  const { shift, frac } = panPlacement(offsetX, frame.plotLeft)
  const hatchId = `${idPrefix}-hatch`
  const axisProps = { axis: layout.axis, frame, visibleX: layout.visibleX, cursorX: layout.cursorX }
  const laneYs = layout.lanes.map((l) => l.y)
  // Sketched or not, the arrows someone is looking at stay whole.
  const whole = (a: (typeof layout.arrows)[number]): boolean =>
    !sketch || a.id === activeId || a.id === selectedMsgId || a.id === tabStopId
  // While a scrub moves, the marks and labels in view change with every frame (a long run's
  // "chosen" marks pass by): keyed by position they are updated in place instead of re-created.
  // Keyed by what they show otherwise, so a step changes only what it changes.
  const movingKey = (key: string, i: number): string | number => (sketch ? i : key)
  return (
    <>
      <svg className="tl-under" width={frame.width} height={frame.height} aria-hidden="true">
        <rect className="tl-bg" width={frame.width} height={frame.height} />
        <LaneLines lanes={layout.lanes} frame={frame} />
      </svg>
      <div className="tl-pan-clip" style={{ left: frame.plotLeft, width: plotWidth, height: frame.height }}>
        <div
          className={composited ? 'tl-pan tl-pan-layer' : 'tl-pan'}
          ref={panRef}
          style={{ transform: `translateX(${shift}px)` }}
        >
          <svg
            className="tl-content"
            width={box.width}
            height={frame.height}
            viewBox={`${box.x - frac} 0 ${box.width} ${frame.height}`}
            style={{ left: box.x }}
          >
            <defs>
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
            <TimeGrid {...axisProps} />
            {layout.bands.map((b) => (
              <BandView key={b.key} b={b} hatch={`url(#${hatchId})`} />
            ))}
            {layout.marks
              .filter((m) => m.pid === null)
              .map((m, i) => (
                <MarkView key={movingKey(m.key, i)} m={m} frame={frame} scale={layout.typeScale} />
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
              .map((m, i) => (
                <MarkView key={movingKey(m.key, i)} m={m} frame={frame} scale={layout.typeScale} />
              ))}
            {layout.bands.map((b) => (
              <PartitionTags key={b.key} b={b} laneYs={laneYs} />
            ))}
            <CursorLine frame={frame} cursorX={layout.cursorX} />
            <g className="tl-labels" style={{ fontSize: layout.labelFontPx }}>
              {layout.labels.map((l, i) => (
                <LabelView
                  key={movingKey(l.key, i)}
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
          </svg>
          <div className="tl-travel" ref={travelRef} style={{ left: frac }} aria-hidden="true" />
        </div>
      </div>
      <svg className="tl-heads" width={frame.plotLeft} height={frame.height}>
        <LaneHeaders lanes={layout.lanes} frame={frame} scale={layout.typeScale} />
      </svg>
    </>
  )
})
