import { memo, useState, type KeyboardEvent } from 'react'
import { useFittingSlots } from './useFittingSlots.ts'
import type { GridCell, LogGridModel, LogGridRow } from '../engine/index.ts'
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
  // Known to this replica to be chosen (committed): a slot can be chosen before anyone knows it.
  chosen: 'known chosen',
  executed: 'executed',
}

/** `put(a1)` → `w a1`, `get` → `r C2.1`: short enough for a cell. */
export function shortCmd(cmd: string | null): string {
  if (cmd === null) return '·'
  if (cmd === 'noop') return 'noop'
  const m = /^C(\d+)\.(\d+):(put|get)(?:\((.*)\))?$/.exec(cmd)
  if (!m) return cmd
  return m[3] === 'put' ? `w ${m[4] ?? ''}` : `r C${m[1]}.${m[2]}`
}

export const glyph = (c: GridCell): string =>
  c.status === 'executed'
    ? '■'
    : c.status === 'chosen'
      ? '✓'
      : c.status === 'accepted'
        ? (c.ballot ?? '')
        : ''

/**
 * Slots shown at most at once: a 1,000-slot log is read ten slots at a time, not 5,000 cells per
 * step; fewer where the panel is narrower (see useFittingSlots).
 */
export const SLOTS_IN_VIEW = 10

/** The first slot in view: the newest slots unless the reader scrolled (`first`). */
function firstInView(first: number | null, slots: number, count: number): number {
  const newest = Math.max(1, slots - count + 1)
  return first === null ? newest : Math.max(1, Math.min(newest, first))
}

interface GridRowProps {
  readonly row: LogGridRow
  readonly r: number
  /** The slots in view, `lo` to `hi`. */
  readonly lo: number
  readonly hi: number
  /** The slot holding the grid's one tab stop, when it is in this row. */
  readonly focusSlot: number | null
  readonly onFocusCell: (at: { row: number; slot: number }) => void
  readonly onHoverCell: (at: { row: number; slot: number } | null) => void
}

/**
 * The same row as before, in view? The grid is rebuilt from the engine's state at every step,
 * but a step changes a cell or two of one replica: the other rows are not re-rendered. Pure.
 */
export function sameGridRow(a: GridRowProps, b: GridRowProps): boolean {
  if (a.r !== b.r || a.lo !== b.lo || a.hi !== b.hi || a.focusSlot !== b.focusSlot) return false
  if (a.onFocusCell !== b.onFocusCell || a.onHoverCell !== b.onHoverCell) return false
  const x = a.row
  const y = b.row
  if (x === y) return true
  if (x.pid !== y.pid || x.name !== y.name || x.up !== y.up || x.role !== y.role || x.commit !== y.commit)
    return false
  for (let slot = a.lo; slot <= a.hi; slot++) {
    const c = x.cells[slot - 1]
    const d = y.cells[slot - 1]
    if (c === d) continue
    if (!c || !d) return false
    if (c.status !== d.status || c.cmd !== d.cmd || c.ballot !== d.ballot || c.noop !== d.noop) return false
  }
  return true
}

const GridRow = memo(function GridRow({ row, r, lo, hi, focusSlot, onFocusCell, onHoverCell }: GridRowProps) {
  const inView = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
  return (
    <tr className={row.up ? undefined : 'down'}>
      <th scope="row">
        {row.name}
        {!row.up && <span className="log-grid-role"> down</span>}
        {row.role && <span className="log-grid-role"> {row.role}</span>}
      </th>
      {inView.map((slot, column) => {
        const c = row.cells[slot - 1]
        // Keyed by column, not slot: as the view follows the newest slots (every step of a growing
        // log, every catch-up of a scrub), the cells are updated in place instead of re-created.
        if (!c) return <td key={column} />
        const isFocus = focusSlot === slot
        const label = `${row.name} slot ${slot}: ${STATUS_WORDS[c.status]}${c.cmd ? ` ${c.cmd}` : ''}${c.ballot && c.status === 'accepted' ? ` at ${c.ballot}` : ''}${slot === row.commit ? ', commit point' : ''}`
        return (
          <td
            key={column}
            data-cell={`${r}-${slot}`}
            tabIndex={isFocus ? 0 : -1}
            aria-label={label}
            className={`cell ${c.status}${c.noop ? ' noop' : ''}${slot === row.commit ? ' commit-point' : ''}`}
            onFocus={() => onFocusCell({ row: r, slot })}
            onMouseEnter={() => onHoverCell({ row: r, slot })}
            onMouseLeave={() => onHoverCell(null)}
          >
            <span className="cmd">{shortCmd(c.cmd)}</span>
            <span className="mark" aria-hidden="true">
              {glyph(c)}
            </span>
          </td>
        )
      })}
    </tr>
  )
}, sameGridRow)

/** The slot's own sentence after a cell's, with its separating space, or nothing. */
function slotNote(model: LogGridModel, slot: number): string {
  const note = model.slotWhy?.(slot) ?? null
  return note === null ? '' : ` ${note}`
}

export function LogGrid({ model }: { model: LogGridModel }) {
  const [focus, setFocus] = useState<{ row: number; slot: number }>({ row: 0, slot: 1 })
  const [hover, setHover] = useState<{ row: number; slot: number } | null>(null)
  // null: follow the newest slots as the log grows; a number: the reader scrolled back to there.
  const [first, setFirst] = useState<number | null>(null)
  // As many slots as the panel shows without scrolling sideways (the newest must not hide there).
  const [wrapRef, count] = useFittingSlots(SLOTS_IN_VIEW)
  const rows = model.rows
  const lo = firstInView(first, model.slots, count)
  const hi = Math.min(model.slots, lo + count - 1)
  const focusSlot = Math.max(lo, Math.min(hi, focus.slot))
  const scrollTo = (slot: number): void =>
    setFirst(slot >= model.slots - count + 1 ? null : Math.max(1, slot))
  const at = hover ?? { row: focus.row, slot: focusSlot }
  const row = rows[at.row]
  const shown = row?.cells[at.slot - 1] ?? null
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
    const r = Math.max(0, Math.min(rows.length - 1, focus.row + step[0]))
    const slot = Math.max(1, Math.min(model.slots, focusSlot + step[1]))
    setFocus({ row: r, slot })
    const table = e.currentTarget
    const focusCell = (): void => table.querySelector<HTMLElement>(`[data-cell="${r}-${slot}"]`)?.focus()
    if (slot >= lo && slot <= hi) return focusCell()
    // Past the edge of the view, the view follows the focus one slot at a time; the cell is
    // focused after the render that brings it into view.
    scrollTo(slot < lo ? slot : slot - count + 1)
    requestAnimationFrame(focusCell)
  }
  if (model.slots === 0) return <p className="log-grid-empty">No slot is used yet.</p>
  const inView = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
  return (
    <div className="log-grid-wrap" ref={wrapRef}>
      {model.slots > count && (
        <div className="log-grid-scroll" role="group" aria-label="Slots in view">
          <button type="button" disabled={lo === 1} onClick={() => scrollTo(lo - count)}>
            ◀ older
          </button>
          <span aria-live="polite">
            slots {lo}–{hi} of {model.slots}
          </span>
          <button type="button" disabled={first === null} onClick={() => scrollTo(lo + count)}>
            newer ▶
          </button>
          <button type="button" disabled={first === null} onClick={() => setFirst(null)}>
            newest
          </button>
        </div>
      )}
      <table className="log-grid" onKeyDown={move} aria-describedby="log-grid-why">
        <caption className="visually-hidden">
          Each replica's log by slot: empty, accepted at a ballot, known chosen (committed), or executed. The
          bar marks the commit point.
        </caption>
        <thead>
          <tr>
            <th scope="col">replica</th>
            {inView.map((slot, column) => (
              <th scope="col" key={column}>
                {slot}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <GridRow
              key={row.pid}
              row={row}
              r={r}
              lo={lo}
              hi={hi}
              focusSlot={focus.row === r ? focusSlot : null}
              onFocusCell={setFocus}
              onHoverCell={setHover}
            />
          ))}
        </tbody>
      </table>
      <p id="log-grid-why" className="log-grid-why">
        {row && shown
          ? // The cell is one replica's: named, so its story is not read as the slot's; the slot's
            // truth (what is chosen, who disagrees) follows when the cell alone would mislead.
            `${row.name}, slot ${shown.slot}: ${model.why(row.pid, shown.slot) || STATUS_WORDS[shown.status]}${slotNote(model, shown.slot)}`
          : 'Point at a cell to see why it holds its command.'}
      </p>
    </div>
  )
}
