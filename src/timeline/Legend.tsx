import type { AnyProtocol, MessageMeaning, MomentMark } from '../engine/index.ts'
import { useRef, type CSSProperties, type ReactNode } from 'react'
import {
  ADOPT_RING_R,
  ARROW_HEAD,
  BAR_HEAD,
  BOLT,
  CHECK,
  CROSS,
  FLAG,
  SELF_LOOP,
  SMALL_CROSS,
  STAR,
  WARNING,
} from './glyphs.ts'
import { TimerSwatch } from './TimerViews.tsx'
import { LEGEND_ROW_H, LEGEND_TEXT_X, legendColumnsToFit, legendGrid } from './legendLayout.ts'
import { useElementSize } from './useElementSize.ts'
import { BALLOT_HUE_COUNT, PROPOSER_HUE_COUNT, ballotHueVar, hueVars, proposerHueVar } from './palette.ts'
import './timeline.css'

/** The first ballot's and first proposer's colours (the scheme picks one, see timeline.css). */
const hue0 = hueVars(0, 0) as CSSProperties

/** A straight arrow swatch from (4, 27) to (60, 9), in the same classes as the diagram. */
function ArrowSwatch({ kind, state = 'delivered' }: { kind: string; state?: string }) {
  const end = state === 'in-flight' ? [32, 18] : state === 'dropped' ? [36, 16] : [60, 9]
  const angle = (Math.atan2(9 - 27, 60 - 4) * 180) / Math.PI
  return (
    <g className={`tl-arrow tl-${kind} tl-${state}`} style={hue0}>
      {state !== 'delivered' && <line className="tl-ghost" x1={end[0]} y1={end[1]} x2={60} y2={9} />}
      <line className="tl-shaft" x1={4} y1={27} x2={end[0]} y2={end[1]} />
      {state === 'dropped' ? (
        <path className="tl-cross" d={CROSS} transform={`translate(${end[0]} ${end[1]}) scale(0.8)`} />
      ) : (
        <path
          className="tl-head"
          d={kind === 'reject' ? BAR_HEAD : ARROW_HEAD}
          transform={`translate(${end[0]} ${end[1]}) rotate(${angle})`}
        />
      )}
      {(kind === 'ack' || kind === 'reject') && (
        <g className="tl-badge" transform="translate(30 18)">
          <circle r={8} />
          <path d={kind === 'ack' ? CHECK : SMALL_CROSS} />
        </g>
      )}
    </g>
  )
}

/** A legend entry: its words are fixed, or the protocol module's (an arrow kind, a mark). */
interface ItemSpec {
  readonly swatch: ReactNode
  readonly text?: string
  /** Shown only under this colour scheme (see timeline.css). */
  readonly scheme?: 'ballot' | 'lecture'
  /** The arrow kind this item shows, worded by the module's legend (`LegendWords.arrows`). */
  readonly arrow?: 0 | 1 | 2 | 3
  /** The ACK of a notice, shown when the module has one (`LegendWords.noticeAck`). */
  readonly noticeAck?: true
  /** The whole lecture meaning, when the short text cannot hold it (a tooltip and its name). */
  readonly detail?: string
  /** The glyph of a module's kind of mark, in the module's words (`markWords`; null: left out). */
  readonly moment?: MomentMark['kind']
}

interface Item extends ItemSpec {
  readonly text: string
}

const ITEMS: readonly ItemSpec[] = [
  { swatch: <ArrowSwatch kind="request" />, arrow: 0 },
  { swatch: <ArrowSwatch kind="ack" />, arrow: 1 },
  { swatch: <ArrowSwatch kind="reject" />, arrow: 2 },
  { swatch: <ArrowSwatch kind="decide" />, arrow: 3 },
  { swatch: <ArrowSwatch kind="ack" />, noticeAck: true },
  { swatch: <ArrowSwatch kind="request" state="in-flight" />, text: 'in flight (head = now)' },
  { swatch: <ArrowSwatch kind="request" state="dropped" />, text: 'lost message' },
  {
    swatch: (
      <g className="tl-dup-badge tl-hue" style={hue0} transform="translate(32 18)">
        <rect x={-13} y={-9} width={26} height={18} rx={9} />
        <text dy="0.35em">×2</text>
      </g>
    ),
    text: 'duplicated message',
  },
  {
    swatch: (
      <g className="tl-arrow tl-request tl-self" style={hue0} transform="translate(32 28)">
        <path className="tl-shaft" d={SELF_LOOP} />
        <circle className="tl-self-dot" r={3} />
      </g>
    ),
    text: 'message to itself',
  },
  { swatch: <Mark cls="tl-flag" d={FLAG} dy={10} />, moment: 'attempt' },
  {
    swatch: (
      <g className="tl-hue" style={hue0} transform="translate(32 18)">
        <circle className="tl-adopt" r={ADOPT_RING_R} />
        <circle className="tl-adopt-dot" r={2.5} />
      </g>
    ),
    moment: 'leader',
  },
  {
    swatch: (
      <g transform="translate(32 18)">
        <circle className="tl-failed" r={7} />
        <line className="tl-failed" x1={-5} y1={5} x2={5} y2={-5} />
      </g>
    ),
    moment: 'failed',
  },
  {
    swatch: (
      <g className="tl-mark-chosen">
        <line className="tl-global-line" x1={32} y1={2} x2={32} y2={34} />
        <path className="tl-global-lane" d={STAR} transform="translate(32 18)" />
      </g>
    ),
    moment: 'progress',
  },
  {
    swatch: (
      <g transform="translate(32 18)">
        <circle className="tl-decide" r={9} />
        <path className="tl-decide-check" d={CHECK} transform="scale(1.2)" />
      </g>
    ),
    moment: 'decide',
  },
  {
    swatch: (
      <g>
        <rect x={8} y={8} width={54} height={20} className="tl-hatch-bg" />
        <path className="tl-bolt" d={BOLT} transform="translate(10 18) scale(1.2)" />
      </g>
    ),
    text: 'crashed (process down)',
  },
  {
    swatch: <line className="tl-wall" x1={4} y1={18} x2={62} y2={18} />,
    text: 'network partition',
  },
  { swatch: <TimerSwatch />, text: 'countdown: waited | to wait' },
  {
    swatch: (
      <g className="tl-mark-violation">
        <path className="tl-global-lane" d={WARNING} transform="translate(32 18)" />
      </g>
    ),
    text: 'safety violated',
  },
  {
    swatch: (
      <g>
        {Array.from({ length: BALLOT_HUE_COUNT }, (_, i) => (
          <rect key={i} x={4 + i * 12} y={10} width={10} height={16} rx={2} fill={ballotHueVar(i)} />
        ))}
      </g>
    ),
    text: 'colour = ballot (2.3, …)',
    scheme: 'ballot',
  },
  {
    swatch: (
      <g>
        {Array.from({ length: PROPOSER_HUE_COUNT }, (_, i) => (
          <rect key={i} x={4 + i * 12} y={10} width={10} height={16} rx={2} fill={proposerHueVar(i)} />
        ))}
      </g>
    ),
    text: 'colour = proposer (P1, P3, …)',
    scheme: 'lecture',
  },
]

/** The cell of each item: the items of both colour schemes share one (only one of them shows). */
function cellsOf(items: readonly Item[]): { cellOf: (i: number) => number; cells: number } {
  const first = items.findIndex((item) => item.scheme !== undefined)
  return {
    cellOf: (i) => (first >= 0 && i > first ? first : i),
    cells: first >= 0 ? first + 1 : items.length,
  }
}

function Mark({ cls, d, dy }: { cls: string; d: string; dy: number }) {
  return <path className={`${cls} tl-hue`} d={d} style={hue0} transform={`translate(30 ${18 + dy})`} />
}

/**
 * The legend: message kinds, ACK vs REJECT, lost and duplicate messages, chosen vs decided,
 * crashes and partitions. One SVG drawn with the diagram's own classes and glyphs, so it matches
 * the current theme on screen and can be exported alongside the diagram.
 */
/** What each of a protocol module's message types means (role, step, sentence), when its legend lists them. */
function moduleTypes(module: AnyProtocol) {
  if (!module.app.legend.listTypes) return null
  const quiet = new Set<string>(module.app.quiet)
  return Object.entries(module.messages as Record<string, MessageMeaning>).map(([type, m]) => ({
    type,
    ...m,
    quiet: quiet.has(type),
  }))
}

/** The legend's entries in the module's words; entries for what the module never draws are left out. Pure. */
function wordedItems(module: AnyProtocol): Item[] {
  const { legend, markWords } = module.app
  const items: Item[] = []
  for (const item of ITEMS) {
    const { noticeAck } = legend
    const text =
      item.arrow !== undefined
        ? legend.arrows[item.arrow]
        : item.noticeAck
          ? noticeAck?.text
          : item.moment
            ? markWords[item.moment]
            : item.text
    if (text === undefined || text === null) continue
    items.push(item.noticeAck && noticeAck ? { ...item, text, detail: noticeAck.detail } : { ...item, text })
  }
  return items
}

const ROLE_WORDS: Record<MessageMeaning['role'], string> = {
  request: 'request',
  ack: 'ACK',
  reject: 'REJECT',
  notice: 'notice',
}

/**
 * The legend. `columns` fixes its columns; otherwise it takes as many (up to 3) as fit `maxWidth`
 * (an export's width), or its own width on the page, so every entry is read in full at its size.
 */
export function Legend({
  columns,
  maxWidth,
  module,
}: {
  columns?: number
  maxWidth?: number
  module: AnyProtocol
}) {
  const figure = useRef<HTMLElement>(null)
  const room = useElementSize(figure)?.width
  const types = moduleTypes(module)
  const items = wordedItems(module)
  const { cellOf, cells } = cellsOf(items)
  const texts = items.map((item) => item.text)
  const fit = maxWidth ?? (room && room > 0 ? room : undefined)
  const cols = columns ?? (fit === undefined ? 3 : legendColumnsToFit(texts, cellOf, cells, fit))
  const grid = legendGrid(texts, cellOf, cells, cols)
  return (
    <figure className="tl-legend" ref={figure}>
      <svg
        viewBox={`0 0 ${grid.width} ${grid.height}`}
        width="100%"
        style={{ maxWidth: grid.width }}
        role="list"
        aria-label="Legend of the time-space diagram"
      >
        {items.map((item, i) => (
          <g
            key={item.text}
            className={item.scheme ? `tl-legend-${item.scheme}` : undefined}
            role="listitem"
            transform={`translate(${grid.columnX[cellOf(i) % grid.columnX.length] ?? 0} ${Math.floor(cellOf(i) / grid.columnX.length) * LEGEND_ROW_H + 4})`}
          >
            {item.detail && <title>{item.detail}</title>}
            {item.swatch}
            <text className="tl-legend-text" x={LEGEND_TEXT_X} y={18} dy="0.35em">
              {item.text}
            </text>
          </g>
        ))}
      </svg>
      {types && (
        <ul className="tl-legend-types" aria-label={`${module.title} message types`}>
          {types.map((t) => (
            <li key={t.type}>
              <b>{t.type}</b>{' '}
              <span className="tl-legend-role">
                {ROLE_WORDS[t.role]}
                {t.phase !== t.type ? ` · ${t.phase}` : ''}
                {t.quiet ? ' · drawn faint' : ''}
              </span>
              : {t.meaning}
            </li>
          ))}
        </ul>
      )}
    </figure>
  )
}
