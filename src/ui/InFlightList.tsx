import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { selectMessage } from '../store/actions.ts'
import { useSynod } from '../store/store.ts'
import { messageLabel } from './format.ts'
import { useMoment } from '../store/moment.ts'
import { inFlightRows, restoreInFlightFocus } from './inFlightFocus.ts'

/** At most this many rows: a storm of messages must not make every step slow. */
const ROWS_MAX = 60

interface RowProps {
  readonly id: number
  readonly type: string
  readonly label: string
  readonly deliverAt: number
  readonly next: boolean
  readonly selected: boolean
  /** The list's one Tab stop (roving focus): the arrow keys move it. */
  readonly tabbable: boolean
}

/** One message on the wire; its props are primitives, so a step re-renders only rows that change. */
const InFlightRow = memo(function InFlightRow({
  id,
  type,
  label,
  deliverAt,
  next,
  selected,
  tabbable,
}: RowProps) {
  return (
    <li>
      <button
        type="button"
        className={`inflight-item type-${type}${selected ? ' selected' : ''}`}
        data-msg-id={id}
        tabIndex={tabbable ? 0 : -1}
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

/** ↑/↓ move the focus along the list, Home/End to its ends (not the run's: the list has the keys). */
function moveFocus(e: KeyboardEvent<HTMLUListElement>): void {
  const rows = inFlightRows(e.currentTarget)
  const at = rows.findIndex((row) => row === document.activeElement)
  const to =
    e.key === 'ArrowDown'
      ? Math.min(at + 1, rows.length - 1)
      : e.key === 'ArrowUp'
        ? Math.max(at - 1, 0)
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? rows.length - 1
            : null
  if (to === null || at < 0) return
  e.preventDefault()
  rows[to]?.focus()
}

/** Every message on the wire at the cursor, next to arrive first; choosing one selects it. */
export function InFlightList() {
  const { inFlight } = useMoment('wire')
  const selected = useSynod((s) => s.selectedMsgId)
  // While a scrub moves, the panels catch up ten times a second with a new set of messages each
  // time: rows keyed by position are updated in place instead of re-created (nobody holds the
  // focus in this list during a drag). Otherwise by message, so a focused row stays its message.
  const scrubbing = useSynod((s) => s.scrubbing)
  const shown = inFlight.slice(0, ROWS_MAX)
  // The row Tab reaches: the one last focused, else the selected message, else the next to arrive.
  const [focused, setFocused] = useState<number | null>(null)
  const stop = [focused, selected].find((id) => id !== null && shown.some((m) => m.id === id)) ?? shown[0]?.id
  const panel = useRef<HTMLElement>(null)
  useEffect(() => {
    if (panel.current)
      restoreInFlightFocus(
        panel.current,
        inFlight.map((m) => m.id),
      )
  }, [inFlight])
  return (
    <section className="panel" aria-labelledby="inflight-title" ref={panel}>
      <h2 id="inflight-title" className="panel-title" tabIndex={-1}>
        In flight <span className="muted">{inFlight.length} · next to arrive first</span>
      </h2>
      {inFlight.length === 0 ? (
        <p className="muted">No messages on the wire.</p>
      ) : (
        <ul
          className="inflight-list"
          aria-labelledby="inflight-title"
          onKeyDown={moveFocus}
          onFocus={(e) => {
            const id = Number((e.target as HTMLElement).dataset.msgId)
            if (Number.isInteger(id)) setFocused(id)
          }}
        >
          {shown.map((m, i) => (
            <InFlightRow
              key={scrubbing ? i : m.id}
              id={m.id}
              type={m.payload.type}
              label={messageLabel(m)}
              deliverAt={m.deliverAt}
              next={i === 0}
              selected={selected === m.id}
              tabbable={m.id === stop}
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
