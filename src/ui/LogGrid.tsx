import { useState, type KeyboardEvent } from 'react'
import type { GridCell, LogGridModel } from '../engine/index.ts'
import './logGrid.css'

/**
 * The Multi-Paxos log grid: replicas × slots. Each cell says empty (·), accepted with its ballot,
 * chosen (✓) or executed (■) in text as well as colour; the commit point is a bar after its slot;
 * no-ops are marked. Hover or move the focus (one tab stop, arrow keys inside) to read why a cell
 * holds its command.
 */

const STATUS_WORDS: Record<GridCell['status'], string> = {
  empty: 'empty',
  accepted: 'accepted',
  chosen: 'chosen',
  executed: 'executed',
}

/** `put(a1)` → `w a1`, `get` → `r C2.1`: short enough for a cell. */
function shortCmd(cmd: string | null): string {
  if (cmd === null) return '·'
  if (cmd === 'noop') return 'noop'
  const m = /^C(\d+)\.(\d+):(put|get)(?:\((.*)\))?$/.exec(cmd)
  if (!m) return cmd
  return m[3] === 'put' ? `w ${m[4] ?? ''}` : `r C${m[1]}.${m[2]}`
}

const glyph = (c: GridCell): string =>
  c.status === 'executed'
    ? '■'
    : c.status === 'chosen'
      ? '✓'
      : c.status === 'accepted'
        ? (c.ballot ?? '')
        : ''

export function LogGrid({ model }: { model: LogGridModel }) {
  const [focus, setFocus] = useState<{ row: number; slot: number }>({ row: 0, slot: 1 })
  const [hover, setHover] = useState<GridCell | null>(null)
  const rows = model.rows
  const focused = rows[focus.row]?.cells[focus.slot - 1] ?? null
  const shown = hover ?? focused
  const move = (e: KeyboardEvent<HTMLTableElement>): void => {
    const d: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    }
    const step = d[e.key]
    if (!step) return
    e.preventDefault()
    const row = Math.max(0, Math.min(rows.length - 1, focus.row + step[0]))
    const slot = Math.max(1, Math.min(model.slots, focus.slot + step[1]))
    setFocus({ row, slot })
    const el = e.currentTarget.querySelector<HTMLElement>(`[data-cell="${row}-${slot}"]`)
    el?.focus()
  }
  if (model.slots === 0) return <p className="log-grid-empty">No slot is used yet.</p>
  return (
    <div className="log-grid-wrap">
      <table className="log-grid" onKeyDown={move} aria-describedby="log-grid-why">
        <caption className="visually-hidden">
          Each replica's log by slot: empty, accepted at a ballot, chosen, or executed. The bar marks the
          commit point.
        </caption>
        <thead>
          <tr>
            <th scope="col">replica</th>
            {Array.from({ length: model.slots }, (_, i) => (
              <th scope="col" key={i}>
                {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={row.pid} className={row.up ? undefined : 'down'}>
              <th scope="row">
                {row.name}
                {!row.up && <span className="log-grid-role"> down</span>}
                {row.role && <span className="log-grid-role"> {row.role}</span>}
              </th>
              {row.cells.map((c) => {
                const isFocus = focus.row === r && focus.slot === c.slot
                const label = `${row.name} slot ${c.slot}: ${STATUS_WORDS[c.status]}${c.cmd ? ` ${c.cmd}` : ''}${c.ballot && c.status === 'accepted' ? ` at ${c.ballot}` : ''}${c.slot === row.commit ? ', commit point' : ''}`
                return (
                  <td
                    key={c.slot}
                    data-cell={`${r}-${c.slot}`}
                    tabIndex={isFocus ? 0 : -1}
                    aria-label={label}
                    className={`cell ${c.status}${c.noop ? ' noop' : ''}${c.slot === row.commit ? ' commit-point' : ''}`}
                    onFocus={() => setFocus({ row: r, slot: c.slot })}
                    onMouseEnter={() => setHover(c)}
                    onMouseLeave={() => setHover(null)}
                  >
                    <span className="cmd">{shortCmd(c.cmd)}</span>
                    <span className="mark" aria-hidden="true">
                      {glyph(c)}
                    </span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p id="log-grid-why" className="log-grid-why">
        {shown
          ? `Slot ${shown.slot}: ${shown.why || STATUS_WORDS[shown.status]}`
          : 'Point at a cell to see why it holds its command.'}
      </p>
    </div>
  )
}
