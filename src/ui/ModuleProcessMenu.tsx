import { useEffect, useRef, useState } from 'react'
import { LIMITS } from '../engine/index.ts'
import { intervene, selectProcess } from '../store/actions.ts'
import type { ModuleMoment } from '../store/moment.ts'

/**
 * Actions on the selected process of a protocol module's run: send it a request (the module's
 * `onRequest`: a client's command, a replica's campaign), crash or recover it, fire one of its
 * timers now. What it can do comes from the engine's state at the cursor.
 */
export function ModuleProcessMenu({ moment, pid }: { moment: ModuleMoment; pid: number }) {
  const [value, setValue] = useState('')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    input.current?.focus()
  }, [pid])
  const name = moment.names[pid - 1]
  if (name === undefined) return null
  const up = moment.ups[pid - 1] ?? true
  const problem = moment.requestProblems[pid - 1] ?? null
  const timers = moment.timers.filter((t) => t.pid === pid)
  const trimmed = value.trim()
  const request = (): void => {
    if (problem !== null) return
    intervene({ type: 'propose', pid, value: trimmed || 'put' })
    setValue('')
  }
  return (
    <section className="panel panel-focus" aria-labelledby="pmenu-title">
      <h2 id="pmenu-title" className="panel-title">
        {name} {up ? '' : '(down)'}
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
          request()
        }}
      >
        <label htmlFor="propose-value">Request</label>
        <input
          id="propose-value"
          ref={input}
          value={value}
          maxLength={LIMITS.valueLengthMax}
          placeholder="e.g. put or get"
          autoComplete="off"
          disabled={problem !== null}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="primary" disabled={problem !== null}>
          Send
        </button>
      </form>
      {problem !== null && <p className="muted">Not now: {problem}.</p>}
      <div className="row">
        {up ? (
          <button type="button" className="danger" onClick={() => intervene({ type: 'crash', pid })}>
            Crash {name}
          </button>
        ) : (
          <button type="button" onClick={() => intervene({ type: 'recover', pid })}>
            Recover {name}
          </button>
        )}
        {timers.map((t) => (
          <button
            key={t.key}
            type="button"
            disabled={!up}
            onClick={() => intervene({ type: 'fire-timer', pid, key: t.key })}
          >
            Fire {t.key} timer now (due t{t.fireAt})
          </button>
        ))}
      </div>
    </section>
  )
}
