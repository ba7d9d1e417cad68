import { useEffect, useRef, useState } from 'react'
import { LIMITS, type TimerPurpose } from '../engine/index.ts'
import { intervene, selectProcess } from '../store/actions.ts'
import { useSynod } from '../store/store.ts'
import { P } from './format.ts'
import { useMoment } from '../store/moment.ts'

/** Actions on the selected process: propose a value, crash, recover, fire its timer now. */
/** The timer a process has armed, in the button's words. */
const TIMER_NAMES: Record<TimerPurpose, string> = { timeout: 'timeout', retry: 'retry', inform: 're-send' }

export function ProcessMenu() {
  const pid = useSynod((s) => s.selectedPid)
  const moment = useMoment()
  const proc = pid === null ? undefined : moment.procs[pid - 1]
  // The timer `fire-timer` fires: the process's earliest (the moment lists them in firing order).
  const due = proc && moment.timers.find((t) => t.pid === proc.pid)
  const v = proc && {
    pid: proc.pid,
    up: proc.up,
    timer: due ? { fireAt: due.fireAt, purpose: due.key as TimerPurpose } : null,
  }
  const [value, setValue] = useState('')
  const input = useRef<HTMLInputElement>(null)
  // Opening the menu puts the caret in the value field: choose a process, type, press Enter.
  useEffect(() => {
    if (pid !== null) input.current?.focus()
  }, [pid])
  if (!v) return null
  const trimmed = value.trim()
  const propose = (): void => {
    if (!trimmed || !v.up) return
    intervene({ type: 'propose', pid: v.pid, value: trimmed })
    setValue('')
  }
  return (
    <section className="panel panel-focus" aria-labelledby="pmenu-title">
      <h2 id="pmenu-title" className="panel-title">
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
