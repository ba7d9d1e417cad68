import type { GridCell, LogGridModel } from '../engine/index.ts'
import { useMoment } from '../store/moment.ts'
import { glyph, shortCmd } from './LogGrid.tsx'

/**
 * Presenter mode's replicated log: the room sees the slots, not only their arrows. Read-only and
 * large (the panels' grid explains a cell on hover; a projector shows what the log holds): one row
 * per replica, the newest slots only (six, four on a narrow projector: see presenter.css), beside
 * the diagram so it never covers a lane. Status in glyphs and text as well as colour.
 */

/** Slots shown at once; a narrow screen shows only the newest `NARROW_SLOTS` (presenter.css). */
export const PRESENTER_SLOTS = 6
const NARROW_SLOTS = 4

const WORDS: Record<GridCell['status'], string> = {
  empty: 'empty',
  accepted: 'accepted',
  chosen: 'known chosen',
  executed: 'executed',
}

/**
 * The slots' columns: the newest `PRESENTER_SLOTS` used, and while fewer are used, the first
 * `PRESENTER_SLOTS` with the unused ones empty, so the log is as wide at its first click as at its
 * last and the diagram beside it never narrows mid-lecture. Pure.
 */
export function newestSlots(slots: number): number[] {
  return slotWindow(slots, PRESENTER_SLOTS)
}

const slotWindow = (slots: number, size: number): number[] => {
  const last = Math.max(slots, size)
  return Array.from({ length: size }, (_, i) => last - size + 1 + i)
}

/** A column a narrow projector hides: outside its own window of the newest `NARROW_SLOTS`. Pure. */
export function narrowHides(slot: number, slots: number): 'older' | 'later' | null {
  const shown = slotWindow(slots, NARROW_SLOTS)
  if (slot < (shown[0] as number)) return 'older'
  if (slot > (shown[shown.length - 1] as number)) return 'later'
  return null
}

export function PresenterLogTable({ model }: { model: LogGridModel }) {
  const slots = newestSlots(model.slots)
  // A narrow projector shows its own window of NARROW_SLOTS (presenter.css hides the rest).
  const hidden = (slot: number): string => narrowHides(slot, model.slots) ?? ''
  return (
    <section className="presenter-log" aria-labelledby="presenter-log-title">
      <h2 id="presenter-log-title">Log</h2>
      {model.slots === 0 && <p className="presenter-log-empty">No slot is used yet.</p>}
      <table>
        <caption className="visually-hidden">
          Each replica's newest slots: empty, accepted at a ballot, known chosen (✓), executed (■); the bar
          marks the commit point.
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">replica</span>
            </th>
            {slots.map((slot) => (
              <th scope="col" key={slot} className={hidden(slot) || undefined}>
                {slot}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row) => (
            <tr key={row.pid} className={row.up ? undefined : 'down'}>
              <th scope="row">
                {row.name}
                {!row.up && <span className="presenter-log-role"> down</span>}
                {row.up && row.role?.startsWith('leader') && (
                  <span className="presenter-log-role"> leader</span>
                )}
              </th>
              {slots.map((slot) => {
                const c = row.cells[slot - 1]
                const cls = [
                  c?.status ?? 'empty',
                  c?.noop ? 'noop' : '',
                  slot === row.commit ? 'commit-point' : '',
                  hidden(slot),
                ]
                return (
                  <td
                    key={slot}
                    className={cls.filter(Boolean).join(' ')}
                    aria-label={`${row.name} slot ${slot}: ${c ? WORDS[c.status] : 'empty'}${c?.cmd ? ` ${c.cmd}` : ''}`}
                  >
                    <span className="cmd">{shortCmd(c?.cmd ?? null)}</span>{' '}
                    <span className="mark" aria-hidden="true">
                      {c ? glyph(c) : ''}
                    </span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="presenter-log-key" aria-hidden="true">
        {/* "Known" chosen: a slot is chosen once a majority accepts, before any replica knows it. */}■
        executed · ✓ known chosen · 1.1 accepted at that ballot · bar: commit point
      </p>
    </section>
  )
}

/** The log beside the presenter's diagram, for a protocol that keeps one (nothing otherwise). */
export function PresenterLog() {
  const moment = useMoment('log')
  return moment.grid ? <PresenterLogTable model={moment.grid} /> : null
}
