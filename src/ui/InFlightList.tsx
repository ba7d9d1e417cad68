import { selectMessage } from '../store/actions.ts'
import { useSynod } from '../store/store.ts'
import { messageLabel } from './format.ts'
import { useMoment } from '../store/moment.ts'

/** At most this many rows: a storm of messages must not make every step slow. */
const ROWS_MAX = 60

/** Every message on the wire at the cursor, next to arrive first; choosing one selects it. */
export function InFlightList() {
  const { inFlight } = useMoment()
  const selected = useSynod((s) => s.selectedMsgId)
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
            <li key={m.id}>
              <button
                type="button"
                className={`inflight-item type-${m.payload.type}${selected === m.id ? ' selected' : ''}`}
                aria-pressed={selected === m.id}
                aria-label={`${messageLabel(m)}, arrives at tick ${m.deliverAt}${i === 0 ? ', next' : ''}. Select.`}
                onClick={() => selectMessage(selected === m.id ? null : m.id)}
              >
                <span className="inflight-label">{messageLabel(m)}</span>
                <span className="muted"> t{m.deliverAt}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {inFlight.length > ROWS_MAX && (
        <p className="muted">… and {inFlight.length - ROWS_MAX} more, arriving later.</p>
      )}
    </section>
  )
}
