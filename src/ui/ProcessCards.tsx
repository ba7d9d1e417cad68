import { selectProcess } from '../store/actions.ts'
import type { ProcField, ProcView } from '../store/projection.ts'
import { useSynod } from '../store/store.ts'
import { ballot, P, pair, phaseName } from './format.ts'
import { usePanelProjection } from './useView.ts'

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

function ProcessCard({ v, quorum, selected }: { v: ProcView; quorum: number; selected: boolean }) {
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
}

/** One card per process: acceptor state, proposer progress, learner decision; changes glow. */
export function ProcessCards() {
  const { procs, quorum } = usePanelProjection()
  const selectedPid = useSynod((s) => s.selectedPid)
  return (
    <section className="panel" aria-labelledby="procs-title">
      <h2 id="procs-title" className="panel-title">
        Processes <span className="muted">quorum {quorum}</span>
      </h2>
      <div className="proc-head" aria-hidden="true">
        <span>process</span>
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
