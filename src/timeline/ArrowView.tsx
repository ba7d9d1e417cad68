import { memo, useRef, type CSSProperties, type Ref } from 'react'
import type { ArrowGeom } from './arrows.ts'
import { ARROW_HEAD, BAR_HEAD, CHECK, CROSS, SELF_LOOP, SMALL_CROSS } from './glyphs.ts'
import { hueVars } from './palette.ts'
import type { Emphasis } from './related.ts'
import { useTravel } from './travel.ts'

export interface ArrowViewProps {
  readonly a: ArrowGeom
  readonly emphasis: Emphasis
  readonly selected: boolean
  /** The one arrow reached with Tab (a roving tab stop); the others are reached with ↑/↓. */
  readonly tabbable: boolean
}

function arrowClass(a: ArrowGeom, emphasis: Emphasis, selected: boolean): string {
  const parts = ['tl-arrow', `tl-${a.kind}`, `tl-${a.state}`, `tl-em-${emphasis}`]
  if (a.self) parts.push('tl-self')
  if (a.quiet) parts.push('tl-quiet')
  if (a.dupOf !== null) parts.push('tl-dup')
  if (selected) parts.push('tl-selected')
  return parts.join(' ')
}

/** The ✓ (ACK) or ✗ (REJECT) badge on the shaft. */
function Badge({ a }: { a: ArrowGeom }) {
  if (!a.badge) return null
  return (
    <g className="tl-badge" transform={`translate(${a.badge.x} ${a.badge.y})`}>
      <circle r={8} />
      <path d={a.kind === 'ack' ? CHECK : SMALL_CROSS} />
    </g>
  )
}

/** The end of the drawn line: a head, a bar (REJECT), or a ✕ (lost). */
function Head({ a, ref }: { a: ArrowGeom; ref?: Ref<SVGPathElement> }) {
  const at = `translate(${a.x2} ${a.y2})`
  if (a.state === 'dropped') {
    return (
      <g className="tl-cross" transform={at}>
        <path className="tl-cross-halo" d={CROSS} />
        <path d={CROSS} />
      </g>
    )
  }
  if (a.progress === 0) return <circle className="tl-queued" cx={a.x2} cy={a.y2} r={4.5} />
  const d = a.kind === 'reject' ? BAR_HEAD : ARROW_HEAD
  return <path ref={ref} className="tl-head" d={d} transform={`${at} rotate(${a.angle})`} />
}

/** The "×2" badge of a duplicate, a little way along the shaft from its tail. */
function DupBadge({ a }: { a: ArrowGeom }) {
  if (a.dupOf === null) return null
  const rad = (a.angle * Math.PI) / 180
  const x = a.self ? a.x1 + 14 : a.x1 + Math.cos(rad) * 22
  const y = a.self ? a.y1 - 20 : a.y1 + Math.sin(rad) * 22
  return (
    <g className="tl-dup-badge" transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}>
      <rect x={-13} y={-9} width={26} height={18} rx={9} />
      <text dy="0.35em">×2</text>
    </g>
  )
}

function SelfArrow({ a, halo }: { a: ArrowGeom; halo: boolean }) {
  return (
    <>
      <path className="tl-hit" d={SELF_LOOP} transform={`translate(${a.x1} ${a.y1})`} />
      {halo && <path className="tl-halo" d={SELF_LOOP} transform={`translate(${a.x1} ${a.y1})`} />}
      <path className="tl-shaft" d={SELF_LOOP} transform={`translate(${a.x1} ${a.y1})`} />
      <circle className="tl-self-dot" cx={a.x1} cy={a.y1} r={3} />
    </>
  )
}

/**
 * One message arrow. Interaction is delegated to the arrows layer (via `data-msg-id`), so this
 * component is pure presentation and memoizes well while scrubbing.
 */
export const ArrowView = memo(function ArrowView({ a, emphasis, selected, tabbable }: ArrowViewProps) {
  const style = hueVars(a.hue, a.proposerSlot) as CSSProperties
  // The halo (selection, hover, keyboard focus) exists only where it can show: at most a few arrows.
  const halo = selected || tabbable || emphasis === 'focus'
  // The hit area covers the whole path, the dotted rest of a message in flight included: a message
  // sent a moment ago is all dotted line, and must be as easy to hit as a delivered one.
  const hitTo = a.state === 'delivered' ? [a.x2, a.y2] : [a.tx, a.ty]
  const shaft = useRef<SVGLineElement>(null)
  const head = useRef<SVGPathElement>(null)
  const group = useRef<SVGGElement>(null)
  useTravel(a, group, shaft, head)
  return (
    <g
      ref={group}
      className={arrowClass(a, emphasis, selected)}
      style={style}
      data-msg-id={a.id}
      tabIndex={tabbable ? 0 : -1}
      role="button"
      aria-pressed={selected}
      aria-label={a.ariaLabel}
    >
      {a.self ? (
        <SelfArrow a={a} halo={halo} />
      ) : (
        <>
          <line className="tl-hit" x1={a.x1} y1={a.y1} x2={hitTo[0]} y2={hitTo[1]} />
          {halo && <line className="tl-halo" x1={a.x1} y1={a.y1} x2={a.x2} y2={a.y2} />}
          {a.state !== 'delivered' && <line className="tl-ghost" x1={a.x2} y1={a.y2} x2={a.tx} y2={a.ty} />}
          <line ref={shaft} className="tl-shaft" x1={a.x1} y1={a.y1} x2={a.x2} y2={a.y2} />
          <circle className="tl-tail" cx={a.x1} cy={a.y1} r={3} />
          <Head a={a} ref={head} />
          <Badge a={a} />
        </>
      )}
      {a.self && a.state === 'dropped' && (
        <path className="tl-cross" d={CROSS} transform={`translate(${a.x1} ${a.y1 - 12}) scale(0.6)`} />
      )}
      <DupBadge a={a} />
    </g>
  )
}, sameArrow)

function sameArrow(p: ArrowViewProps, q: ArrowViewProps): boolean {
  if (p.emphasis !== q.emphasis || p.selected !== q.selected || p.tabbable !== q.tabbable) return false
  const a = p.a
  const b = q.a
  return (
    a.id === b.id &&
    a.state === b.state &&
    a.x1 === b.x1 &&
    a.y1 === b.y1 &&
    a.x2 === b.x2 &&
    a.y2 === b.y2 &&
    a.tx === b.tx &&
    a.ty === b.ty &&
    a.hue === b.hue &&
    a.proposerSlot === b.proposerSlot &&
    a.ariaLabel === b.ariaLabel
  )
}
