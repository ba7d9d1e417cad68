import { memo } from 'react'
import { paxosCard, paxosChangedFields, quorumSize, type CardField, type PaxosCard } from '../engine/index.ts'
import { selectProcess } from '../store/actions.ts'
import { useMoment, type ModuleMoment } from '../store/moment.ts'
import { eventsBefore, eventsThrough } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'
import { ballot, P, pair, phaseName } from './format.ts'
import { usePanelCursor } from './useView.ts'

/** One process as the cards show it: the Paxos module's card of its real state, and what glows. */
export interface ProcView extends PaxosCard {
  readonly pid: number
  /** Fields changed by the events of the cursor's step. */
  readonly changed: readonly CardField[]
}
type ProcField = CardField

/** The cards at the moment shown: each process's real state, read by the Paxos module. Pure. */
export function cardsOf(moment: ModuleMoment, current: Parameters<typeof paxosChangedFields>[0]): ProcView[] {
  return moment.procs.map((p) => ({
    pid: p.pid,
    ...paxosCard(p.local, p.up),
    changed: paxosChangedFields(current, p.pid),
  }))
}

const cls = (v: ProcView, f: ProcField, base = ''): string =>
  `${base}${v.changed.includes(f) ? ' changed' : ''}`.trim()

/** Dots toward a quorum: filled for each reply counted, `needed` in all. */
function QuorumMeter({ got, needed, label }: { got: number; needed: number; label: string }) {
  const dots = Array.from({ length: needed }, (_, i) => (i < got ? '●' : '○')).join('')
  return (
    <span className="quorum" aria-label={`${label} ${got} of ${needed} needed`}>
      {label} <span aria-hidden="true">{dots}</span> {Math.min(got, 99)}/{needed}
    </span>
  )
}

export function ProposerLine({ v, quorum }: { v: ProcView; quorum: number }) {
  if (v.phase === 'idle') return null
  const value = v.value ?? v.ownValue
  // Done because it learned another ballot's decision: say so, beside what its own ballot carried.
  const learned =
    v.phase === 'decided' && v.decided && ballot(v.decided.ballot) !== ballot(v.ballot) ? v.decided : null
  const collecting = v.phase === 'preparing' || v.phase === 'accepting'
  return (
    <div className={cls(v, 'phase', 'proposer-line')}>
      <div>
        <span className="role">proposer</span> {phaseName(v.phase)} · ballot <b>{ballot(v.ballot)}</b>
        {value !== null && (
          <span className="nowrap">
            {' '}
            · value <b>{value}</b>
          </span>
        )}
        {v.adoptedFrom && <span className="adopted"> (adopted from {pair(v.adoptedFrom)})</span>}
        {learned && (
          <span className="nowrap">
            {' '}
            · learned <b>{learned.value}</b> decided in ballot {ballot(learned.ballot)}
          </span>
        )}
      </div>
      {collecting && (
        <div>
          {v.phase === 'preparing' ? (
            <span className={cls(v, 'promises')}>
              <QuorumMeter got={v.promises.length} needed={quorum} label="promises" />
            </span>
          ) : (
            <span className={cls(v, 'accepteds')}>
              <QuorumMeter got={v.accepteds.length} needed={quorum} label="accepted" />
            </span>
          )}
          {v.rejects.length > 0 && <span className="rejects"> · {v.rejects.length} rejected</span>}
        </div>
      )}
    </div>
  )
}

interface CardProps {
  readonly v: ProcView
  readonly quorum: number
  readonly selected: boolean
}

/**
 * The same card as before? The views are rebuilt from the engine's state at every step, but a
 * step changes one or two processes: the others are not re-rendered. Pure.
 */
export function sameCard(a: CardProps, b: CardProps): boolean {
  return a.quorum === b.quorum && a.selected === b.selected && JSON.stringify(a.v) === JSON.stringify(b.v)
}

const ProcessCard = memo(function ProcessCard({ v, quorum, selected }: CardProps) {
  const status = v.up ? 'up' : 'down'
  return (
    <li className={`proc-card${v.up ? '' : ' down'}${selected ? ' selected' : ''}`}>
      <button
        type="button"
        className="proc-row"
        aria-pressed={selected}
        aria-label={`${P(v.pid)}, ${status}. Promised ${ballot(v.promised)}, accepted ${pair(v.accepted)}, decided ${v.decided?.value ?? 'nothing'}. Open actions.`}
        onClick={() => selectProcess(selected ? null : v.pid)}
      >
        <span className={cls(v, 'up', 'pid')}>
          {P(v.pid)}
          {!v.up && <span className="down-tag"> down</span>}
        </span>
        <span className={cls(v, 'promised', 'cell')}>{ballot(v.promised)}</span>
        <span className={cls(v, 'accepted', 'cell')}>{pair(v.accepted)}</span>
        <span className={cls(v, 'decided', `cell ${v.decided ? 'decided' : 'none'}`)}>
          {v.decided ? v.decided.value : '—'}
        </span>
      </button>
      <ProposerLine v={v} quorum={quorum} />
    </li>
  )
}, sameCard)

/** One card per process: acceptor state, proposer progress, learner decision; changes glow. */
export function ProcessCards() {
  const moment = useMoment('procs')
  const log = useSynod((s) => s.log)
  const cursor = usePanelCursor('procs')
  const config = useSynod((s) => s.scenario.config)
  const procs = cardsOf(moment, log.slice(eventsBefore(log, cursor), eventsThrough(log, cursor)))
  const quorum = quorumSize(config)
  const selectedPid = useSynod((s) => s.selectedPid)
  return (
    <section className="panel" aria-labelledby="procs-title">
      <h2 id="procs-title" className="panel-title">
        Processes <span className="muted">quorum {quorum}</span>
      </h2>
      <div className="proc-head" aria-hidden="true">
        <span />
        <span title="The lecture's n_highest: the highest ballot promised">promised</span>
        <span title="The lecture's (n_a, v_a): last accepted ballot and value">accepted (n_a, v_a)</span>
        <span>decided</span>
      </div>
      <ul className="proc-list">
        {procs.map((v) => (
          <ProcessCard key={v.pid} v={v} quorum={quorum} selected={selectedPid === v.pid} />
        ))}
      </ul>
    </section>
  )
}
