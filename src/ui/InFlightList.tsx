import { memo } from 'react'
import { selectMessage } from '../store/actions.ts'
import { useSynod } from '../store/store.ts'
import { messageLabel } from './format.ts'
import { useMoment } from '../store/moment.ts'

/** At most this many rows: a storm of messages must not make every step slow. */
const ROWS_MAX = 60

interface RowProps {
  readonly id: number
  readonly type: string
  readonly label: string
  readonly deliverAt: number
  readonly next: boolean
  readonly selected: boolean
}

/** One message on the wire; its props are primitives, so a step re-renders only rows that change. */
const InFlightRow = memo(function InFlightRow({ id, type, label, deliverAt, next, selected }: RowProps) {
  return (
    <li>
      <button
        type="button"
        className={`inflight-item type-${type}${selected ? ' selected' : ''}`}
        aria-pressed={selected}
        aria-label={`${label}, arrives at tick ${deliverAt}${next ? ', next' : ''}. Select.`}
        onClick={() => selectMessage(selected ? null : id)}
      >
        <span className="inflight-label">{label}</span>
        <span className="muted"> t{deliverAt}</span>
      </button>
    </li>
  )
})

/** Every message on the wire at the cursor, next to arrive first; choosing one selects it. */
export function InFlightList() {
  const { inFlight } = useMoment('wire')
  const selected = useSynod((s) => s.selectedMsgId)
  // While a scrub moves, the panels catch up ten times a second with a new set of messages each
  // time: rows keyed by position are updated in place instead of re-created (nobody holds the
  // focus in this list during a drag). Otherwise by message, so a focused row stays its message.
  const scrubbing = useSynod((s) => s.scrubbing)
  return (
    <section className="panel" aria-labelledby="inflight-title">
      <h2 id="inflight-title" className="panel-title">
        In flight <span className="muted">{inFlight.length} · next to arrive first</span>
      </h2>
      {inFlight.length === 0 ? (
        <p className="muted">No messages on the wire.</p>
      ) : (
        <ul className="inflight-list">
          {inFlight.slice(0, ROWS_MAX).map((m, i) => (
            <InFlightRow
              key={scrubbing ? i : m.id}
              id={m.id}
              type={m.payload.type}
              label={messageLabel(m)}
              deliverAt={m.deliverAt}
              next={i === 0}
              selected={selected === m.id}
            />
          ))}
        </ul>
      )}
      {inFlight.length > ROWS_MAX && (
        <p className="muted">… and {inFlight.length - ROWS_MAX} more, arriving later.</p>
      )}
    </section>
  )
}
