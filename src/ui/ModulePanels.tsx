import { memo } from 'react'
import type { ProcessView } from '../engine/index.ts'
import { selectProcess } from '../store/actions.ts'
import type { ModuleMoment } from '../store/moment.ts'
import { useSynod } from '../store/store.ts'
import { messageCounts } from '../store/messageCounts.ts'
import { LogGrid } from './LogGrid.tsx'
import { usePanelCursor } from './useView.ts'
import './modulePanels.css'

/**
 * The panels of a protocol module's run, from the engine's real state at the cursor: one card per
 * process as the module's `view` writes it, the replicated log (when the module keeps one) and the
 * messages sent so far by type. No protocol rule lives here.
 */

/** Dots toward a quorum: filled for each reply counted, `needed` in all. */
function Meter({ got, needed, label }: { got: number; needed: number; label: string }) {
  const dots = Array.from({ length: needed }, (_, i) => (i < got ? '●' : '○')).join('')
  return (
    <span className="quorum" aria-label={`${label} ${got} of ${needed} needed`}>
      {label} <span aria-hidden="true">{dots}</span> {Math.min(got, 99)}/{needed}
    </span>
  )
}

/** One card per process: the module's cells in a row, its further lines below. */
export function ModuleCards({ moment }: { moment: ModuleMoment }) {
  const selectedPid = useSynod((s) => s.selectedPid)
  return (
    <section className="panel" aria-labelledby="procs-title">
      <h2 id="procs-title" className="panel-title">
        Processes <span className="muted">{moment.module.title}</span>
      </h2>
      <ul className="proc-list module-cards">
        {moment.views.map((v, i) => (
          <ModuleCard
            key={i + 1}
            pid={i + 1}
            v={v}
            up={moment.ups[i] ?? true}
            name={moment.names[i] ?? `P${i + 1}`}
            selected={selectedPid === i + 1}
          />
        ))}
      </ul>
    </section>
  )
}

interface ModuleCardProps {
  readonly pid: number
  readonly v: ProcessView
  readonly up: boolean
  readonly name: string
  readonly selected: boolean
}

/**
 * The same card as before? The module's views are rebuilt at every step, but a step changes one
 * or two processes: the others are not re-rendered. Pure.
 */
export function sameModuleCard(a: ModuleCardProps, b: ModuleCardProps): boolean {
  return (
    a.pid === b.pid &&
    a.up === b.up &&
    a.name === b.name &&
    a.selected === b.selected &&
    JSON.stringify(a.v) === JSON.stringify(b.v)
  )
}

const ModuleCard = memo(function ModuleCard({ pid, v, up, name, selected }: ModuleCardProps) {
  return (
    <li className={`proc-card${up ? '' : ' down'}${selected ? ' selected' : ''}`}>
      <button
        type="button"
        className="module-row"
        aria-pressed={selected}
        aria-label={`${v.summary} Open actions.`}
        onClick={() => selectProcess(selected ? null : pid)}
      >
        <span className="pid">
          {name}
          {!up && <span className="down-tag"> down</span>}
        </span>
        {v.cells.map((c) => (
          <span key={c.id} className={`module-cell cell-${c.id}`}>
            <span className="module-cell-id">{c.id}</span> {c.value}
          </span>
        ))}
      </button>
      {v.lines.map((l) => (
        <div key={l.id} className="module-line">
          {l.text}
          {l.meters.map((m) => (
            <span key={m.label}>
              {' '}
              · <Meter got={m.got} needed={m.needed} label={m.label} />
            </span>
          ))}
        </div>
      ))}
    </li>
  )
}, sameModuleCard)

/** The replicated log at the cursor: replicas × slots, with why each cell holds its command. */
export function LogGridPanel({ moment }: { moment: ModuleMoment }) {
  if (!moment.grid) return null
  return (
    <section className="panel" aria-labelledby="loggrid-title">
      <h2 id="loggrid-title" className="panel-title">
        Replicated log
      </h2>
      <p className="muted log-grid-key">
        ■ executed · ✓ known chosen (committed) · a ballot: accepted there · bar: commit point
      </p>
      <LogGrid model={moment.grid} />
    </section>
  )
}

/** Messages sent so far, by type (and per chosen slot, where the module keeps a log). */
export function MessageCountsPanel({ moment }: { moment: ModuleMoment }) {
  const log = useSynod((s) => s.log)
  const cursor = usePanelCursor('wire')
  const counts = messageCounts(log, cursor)
  const chosen = moment.grid ? Math.max(0, ...moment.grid.rows.map((r) => r.commit)) : 0
  return <MessageCounts total={counts.total} byType={counts.byType} chosen={chosen} />
}

interface CountsProps {
  readonly total: number
  readonly byType: readonly (readonly [string, number])[]
  readonly chosen: number
}

/** Same counts? Most steps send nothing and commit nothing: the panel stays as it is. Pure. */
export const sameCounts = (a: CountsProps, b: CountsProps): boolean =>
  a.total === b.total &&
  a.chosen === b.chosen &&
  a.byType.length === b.byType.length &&
  a.byType.every(([type, n], i) => b.byType[i]?.[0] === type && b.byType[i]?.[1] === n)

const MessageCounts = memo(function MessageCounts({ total, byType, chosen }: CountsProps) {
  return (
    <section className="panel" aria-labelledby="counts-title">
      <h2 id="counts-title" className="panel-title">
        Messages <span className="muted">{total} sent</span>
      </h2>
      {total === 0 ? (
        <p className="muted">No message sent yet.</p>
      ) : (
        <ul className="msg-counts">
          {byType.map(([type, n]) => (
            <li key={type}>
              <span className={`msg-count-type type-${type}`}>{type}</span> <b>{n}</b>
            </li>
          ))}
        </ul>
      )}
      {chosen > 0 && (
        <p className="muted msg-per-slot">
          {(total / chosen).toFixed(1)} messages per committed slot ({chosen} committed)
        </p>
      )}
    </section>
  )
}, sameCounts)
