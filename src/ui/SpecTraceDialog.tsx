import { useId, useState, type KeyboardEvent } from 'react'
import type { SpecDiagram } from '../explorer/specLog.ts'
import { Diagram } from '../timeline/Diagram.tsx'
import { Icon } from './Icon.tsx'
import { useModal } from './Dialog.tsx'

/**
 * A spec run (spec mode's counterexample, the Multi-Paxos check's finding, an imported TLC trace)
 * on the time-space diagram, in a dialog of its own: the app's Diagram draws the converter's log
 * read-only, one spec step per step, with the step's narration and the run's verdict. The user's
 * own run on the main diagram is not touched (the log here is not a scenario: a spec has no
 * latencies, seeds or timers to replay).
 */

const KEY_STEPS: Record<string, (k: number, n: number) => number> = {
  ArrowLeft: (k) => k - 1,
  ArrowRight: (k) => k + 1,
  PageUp: (k) => k - 1,
  PageDown: (k) => k + 1,
  Home: () => 0,
  End: (_k, n) => n,
}

function Narration({ d, step }: { d: SpecDiagram; step: number }) {
  const s = d.steps[step - 1]
  const last = step === d.steps.length
  return (
    <p className="spec-trace-narration" aria-live="polite" data-testid="spec-trace-narration">
      {s ? (
        <>
          <code>{s.label}</code> {s.text}
        </>
      ) : (
        'The initial state: no message has been sent yet.'
      )}
      {last && <strong className={d.bad ? 'spec-trace-bad' : undefined}> {d.verdict}</strong>}
    </p>
  )
}

/** The send sentence of the selected arrow: what the message is, who sent it to whom. */
function selectedText(d: SpecDiagram, id: number | null): string | null {
  if (id === null) return null
  const e = d.log.find((x) => x.kind === 'msg.send' && x.msg.id === id)
  return e ? `#${id}: ${e.text}` : null
}

/** The dialog itself (loaded with the converter, on the first "Show on the diagram"). */
export function SpecTraceDialog({
  d,
  title,
  onClose,
}: {
  d: SpecDiagram
  title: string
  onClose: () => void
}) {
  const ref = useModal()
  const titleId = useId()
  const n = d.steps.length
  const [step, setStep] = useState(0)
  const [selected, setSelected] = useState<number | null>(null)
  const go = (k: number) => setStep(Math.max(0, Math.min(n, k)))
  const onKeyDown = (e: KeyboardEvent) => {
    // The app's shortcuts (play, step the main run, open panels) must not act behind the dialog.
    e.stopPropagation()
    const move = KEY_STEPS[e.key]
    if (!move || e.altKey || e.ctrlKey || e.metaKey) return
    e.preventDefault()
    go(move(step, n))
  }
  const picked = selectedText(d, selected)
  return (
    <dialog
      ref={ref}
      className="dialog wide spec-trace"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onCancel={onClose}
      onClose={onClose}
    >
      <div className="spec-trace-body">
        <header className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <p className={`spec-trace-verdict${d.bad ? ' bad' : ''}`}>{d.verdict}</p>
        <div className="spec-trace-diagram">
          <Diagram
            log={d.log}
            cursorStep={step}
            processCount={d.processCount}
            selectedMsgId={selected}
            onSelectMessage={setSelected}
            onSelectProcess={() => setSelected(null)}
            laneFaces={d.lanes[step]}
          />
        </div>
        <div className="spec-trace-controls" role="group" aria-label="Step through the run">
          <button type="button" onClick={() => go(0)} aria-disabled={step === 0} aria-keyshortcuts="Home">
            <Icon name="start" /> First
          </button>
          <button
            type="button"
            onClick={() => go(step - 1)}
            aria-disabled={step === 0}
            aria-keyshortcuts="ArrowLeft"
          >
            <Icon name="back" /> Previous
          </button>
          <span className="spec-trace-pos" data-testid="spec-trace-pos">
            Step {step} of {n}
          </span>
          <button
            type="button"
            onClick={() => go(step + 1)}
            aria-disabled={step === n}
            aria-keyshortcuts="ArrowRight"
            autoFocus
          >
            Next <Icon name="forward" />
          </button>
          <button type="button" onClick={() => go(n)} aria-disabled={step === n} aria-keyshortcuts="End">
            Last <Icon name="end" />
          </button>
        </div>
        <Narration d={d} step={step} />
        {picked && <p className="spec-trace-selected muted">{picked}</p>}
        <p className="muted spec-trace-help">
          ← and → step through the run, Home and End jump to its ends; Tab reaches the arrows, Enter on one
          names it; 0 fits the whole run. The diagram of your own run is unchanged.
        </p>
      </div>
    </dialog>
  )
}
