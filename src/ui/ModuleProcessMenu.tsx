import { useEffect, useRef, useState } from 'react'
import { LIMITS, type RequestForm } from '../engine/index.ts'
import { intervene, selectProcess } from '../store/actions.ts'
import type { ModuleMoment } from '../store/moment.ts'
import { useRevealPanel } from './revealPanel.ts'

/**
 * Actions on the selected process of a protocol module's run: send it a request (the module's
 * `onRequest`: a client's command, a replica's campaign), crash or recover it, fire one of its
 * timers now. What it can do comes from the engine's state at the cursor.
 */
export function ModuleProcessMenu({ moment, pid }: { moment: ModuleMoment; pid: number }) {
  const panel = useRef<HTMLElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  useRevealPanel(panel, heading, pid)
  const name = moment.names[pid - 1]
  if (name === undefined) return null
  const up = moment.ups[pid - 1] ?? true
  const problem = moment.requestProblems[pid - 1] ?? null
  const form = moment.requestForms[pid - 1]
  const timers = moment.timers.filter((t) => t.pid === pid)
  return (
    <section className="panel panel-focus" aria-labelledby="pmenu-title" ref={panel}>
      <h2 id="pmenu-title" className="panel-title" tabIndex={-1} ref={heading}>
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
      {form?.kind === 'button' ? (
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={problem !== null}
            onClick={() => intervene({ type: 'propose', pid, value: form.value })}
          >
            {form.label}
          </button>
        </div>
      ) : (
        <RequestBox
          moment={moment}
          pid={pid}
          form={form ?? { kind: 'text', label: 'Request', placeholder: '', help: '' }}
          disabled={problem !== null}
        />
      )}
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

/** A touch screen: a focused text field would raise the on-screen keyboard over half the page. */
const coarsePointer = (): boolean => window.matchMedia?.('(pointer: coarse)').matches ?? false

/**
 * A request typed at a process (a client's command), or one of the module's usual requests in one
 * tap (its explorer's `requestValues`: Multi-Paxos's put and get), so a phone needs no on-screen
 * keyboard. The module's `requestProblem` checks the text before anything is sent: a refusal is
 * said under the box and nothing happens. The field keeps focus after Send (not on a touch
 * screen), so the next command can be typed at once (and typing never reaches the page's
 * shortcuts).
 */
function RequestBox({
  moment,
  pid,
  form,
  disabled,
}: {
  moment: ModuleMoment
  pid: number
  form: Extract<RequestForm, { kind: 'text' }>
  disabled: boolean
}) {
  const [value, setValue] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    // No jump: the menu's reveal (revealPanel.ts) scrolls it into view, smoothly if motion is on.
    if (!coarsePointer()) input.current?.focus({ preventScroll: true })
  }, [pid])
  const usual = moment.module.explorer?.requestValues ?? []
  const send = (request: string, typed: boolean): void => {
    const text = request.trim()
    const slot = moment.procs[pid - 1]
    const why =
      text === ''
        ? `Nothing sent: the field is empty. ${form.help}`
        : !slot?.up
          ? 'it is down'
          : moment.module.requestProblem(slot.local, text)
    setRefusal(why)
    if (why !== null) return
    intervene({ type: 'propose', pid, value: text })
    if (typed) setValue('')
  }
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault()
        send(value, true)
        if (!coarsePointer()) input.current?.focus()
      }}
    >
      <label htmlFor="propose-value">{form.label}</label>
      <input
        id="propose-value"
        ref={input}
        value={value}
        maxLength={LIMITS.valueLengthMax}
        placeholder={form.placeholder}
        autoComplete="off"
        aria-describedby="propose-help"
        aria-invalid={refusal !== null}
        readOnly={disabled}
        onChange={(e) => {
          setValue(e.target.value)
          setRefusal(null)
        }}
      />
      <button type="submit" className="primary" disabled={disabled}>
        Send
      </button>
      {usual.length > 0 && (
        <div className="usual-requests">
          <span className="muted">Quick send:</span>
          {usual.map((command) => (
            <button
              key={command}
              type="button"
              disabled={disabled}
              onClick={() => send(command, false)}
              aria-label={`Send ${command}`}
            >
              {command}
            </button>
          ))}
        </div>
      )}
      <p
        id="propose-help"
        className={refusal === null ? 'muted' : 'problems'}
        role={refusal === null ? undefined : 'alert'}
      >
        {refusal ?? form.help}
      </p>
    </form>
  )
}
