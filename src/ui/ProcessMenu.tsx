import { useEffect, useRef, useState } from 'react'
import { LIMITS, type TimerPurpose } from '../engine/index.ts'
import { intervene, selectProcess } from '../store/actions.ts'
import { useSynod } from '../store/store.ts'
import { P } from './format.ts'
import { focusLane } from './focusLane.ts'
import { useRevealPanel } from './revealPanel.ts'
import { useMomentSelect, type ModuleMoment } from '../store/moment.ts'
import type { SynodState } from '../store/state.ts'

/** Actions on the selected process: propose a value, crash, recover, fire its timer now. */
/** The timer a process has armed, in the button's words. */
const TIMER_NAMES: Record<TimerPurpose, string> = { timeout: 'timeout', retry: 'retry', inform: 're-send' }

/**
 * What the menu shows of the selected process, in primitives: while none is selected, or while
 * stepping leaves it unchanged, the menu does not re-render. Pure.
 */
export function menuState(
  moment: ModuleMoment,
  s: Pick<SynodState, 'selectedPid'>,
): { pid: number; up: boolean; fireAt: number | null; purpose: string | null } | null {
  const proc = s.selectedPid === null ? undefined : moment.procs[s.selectedPid - 1]
  if (!proc) return null
  // The timer `fire-timer` fires: the process's earliest (the moment lists them in firing order).
  const due = moment.timers.find((t) => t.pid === proc.pid)
  return { pid: proc.pid, up: proc.up, fireAt: due?.fireAt ?? null, purpose: due?.key ?? null }
}

/** A touch screen: a focused text field would raise the on-screen keyboard over half the page. */
const coarsePointer = (): boolean => window.matchMedia?.('(pointer: coarse)').matches ?? false

export function ProcessMenu() {
  const pid = useSynod((s) => s.selectedPid)
  const sel = useMomentSelect('procs', menuState)
  const v = sel && {
    pid: sel.pid,
    up: sel.up,
    timer: sel.fireAt === null ? null : { fireAt: sel.fireAt, purpose: sel.purpose as TimerPurpose },
  }
  const [value, setValue] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const title = useRef<HTMLHeadingElement>(null)
  const panel = useRef<HTMLElement>(null)
  // Opening the menu puts the caret in the value field: choose a process, type, press Enter. On
  // a touch screen the menu's title takes the focus instead: the user may have come to crash it.
  useEffect(() => {
    if (pid === null) return
    if (coarsePointer()) title.current?.focus({ preventScroll: true })
    else input.current?.focus({ preventScroll: true })
  }, [pid])
  useRevealPanel(panel, title, v ? pid : null)
  if (!v) return null
  const trimmed = value.trim()
  const propose = (): void => {
    if (!trimmed || !v.up) return
    intervene({ type: 'propose', pid: v.pid, value: trimmed })
    setValue('')
    // Done: the menu closes and the focus goes to the lane, so → steps on (not typed in the field).
    // Only if nothing took the focus meanwhile: a quick "3" opens the next menu before this frame,
    // and its field must keep the caret (else what is typed next runs as shortcuts).
    selectProcess(null)
    requestAnimationFrame(() => {
      const now = document.activeElement
      if (now === null || now === document.body) focusLane(v.pid)
    })
  }
  return (
    <section className="panel panel-focus" aria-labelledby="pmenu-title" ref={panel}>
      <h2 id="pmenu-title" className="panel-title" tabIndex={-1} ref={title}>
        {P(v.pid)} {v.up ? '' : '(down)'}
        <button
          type="button"
          className="close"
          aria-label="Close process actions"
          onClick={() => selectProcess(null)}
        >
          ×
        </button>
      </h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          propose()
        }}
      >
        <label htmlFor="propose-value">Propose value</label>
        <input
          id="propose-value"
          ref={input}
          value={value}
          maxLength={LIMITS.valueLengthMax}
          placeholder="e.g. 10"
          autoComplete="off"
          disabled={!v.up}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="primary" disabled={!v.up || !trimmed}>
          Propose
        </button>
      </form>
      <div className="row">
        {v.up ? (
          <button type="button" className="danger" onClick={() => intervene({ type: 'crash', pid: v.pid })}>
            Crash {P(v.pid)}
          </button>
        ) : (
          <button type="button" onClick={() => intervene({ type: 'recover', pid: v.pid })}>
            Recover {P(v.pid)}
          </button>
        )}
        <button
          type="button"
          disabled={!v.timer || !v.up}
          title={v.timer ? `Due at tick ${v.timer.fireAt}` : 'No timer is set'}
          onClick={() => intervene({ type: 'fire-timer', pid: v.pid })}
        >
          Fire {TIMER_NAMES[v.timer?.purpose ?? 'timeout']} timer now
          {v.timer ? ` (due t${v.timer.fireAt})` : ''}
        </button>
      </div>
    </section>
  )
}
