import { useRef, useState } from 'react'
import type { AnyProtocol, Message, MessageWords } from '../engine/index.ts'
import { intervene, selectMessage } from '../store/actions.ts'
import { messageStatus, type MessageStatus } from '../store/messageStatus.ts'
import { meaningOf, useProtocol } from '../store/protocol.ts'
import { runIndex } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'
import { capitalised, messageLabel, P } from './format.ts'
import { useRevealPanel } from './revealPanel.ts'
import { NARROW_QUERY, useMediaQuery } from './useMedia.ts'
import { useUpto } from './useView.ts'

/**
 * What the inspector says about a message: the module's own words, or by default what its type
 * means and its send's sentence (the module's narration tells its payload). Pure.
 */
function wordsOf(module: AnyProtocol, m: Message, sendSentence: string): MessageWords {
  return (
    module.app.inspect?.(m.payload as never, sendSentence) ?? {
      meaning: capitalised(meaningOf(m.payload.type)) + '.',
      detail: sendSentence.replace(/\.$/, ''),
    }
  )
}

function statusText(st: MessageStatus, now: number): string {
  switch (st.state) {
    case 'unsent':
      return 'Not sent yet at this step.'
    case 'in-flight':
      return `In flight: due to arrive at tick ${st.msg.deliverAt} (now tick ${now})${st.msg.lost ? ' — the network will lose it' : ''}.`
    case 'delivered':
      return `Delivered at step ${st.step}.`
    case 'dropped':
      return `Lost at step ${st.step} (${st.reason === 'user' ? 'dropped by hand' : st.reason}).`
  }
}

function MessageActions({ m }: { m: Message }) {
  const [ticks, setTicks] = useState(10)
  const valid = Number.isInteger(ticks) && ticks >= 1 && ticks <= 10_000
  const self = m.from === m.to
  // Delivered or dropped, the message leaves the wire and these buttons go with it: the focus
  // stays in the inspector, which now tells what became of the message, not on the page.
  const settle = (type: 'deliver' | 'drop'): void => {
    intervene({ type, msgId: m.id })
    document.getElementById('msg-title')?.focus()
  }
  return (
    <div className="msg-actions">
      <div className="row">
        <button type="button" className="primary" onClick={() => settle('deliver')}>
          Deliver now
        </button>
        {self ? null : (
          <>
            <button type="button" className="danger" onClick={() => settle('drop')}>
              Drop
            </button>
            <button type="button" onClick={() => intervene({ type: 'duplicate', msgId: m.id })}>
              Duplicate
            </button>
          </>
        )}
      </div>
      {self && (
        <p className="muted">
          A message to itself never crosses the network: it cannot be dropped or duplicated.
        </p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          if (valid) intervene({ type: 'delay', msgId: m.id, ticks })
        }}
      >
        <button type="submit" disabled={!valid}>
          Delay by
        </button>
        <input
          type="number"
          min={1}
          max={10000}
          value={Number.isNaN(ticks) ? '' : ticks}
          aria-label="Delay in ticks"
          className="num"
          onChange={(e) => setTicks(e.target.valueAsNumber)}
        />
        <span>ticks</span>
      </form>
    </div>
  )
}

/** Details of the selected message and, while it is in flight, what you can do to it. */
export function MessageInspector() {
  const id = useSynod((s) => s.selectedMsgId)
  // Nothing selected: no panel, and no re-render at every step.
  return id === null ? null : <MessageDetails id={id} />
}

function MessageDetails({ id }: { id: number }) {
  // In a phone's sheet (about 200 px high) what you can do to the message comes right under its
  // title, then its status, then what the type means: below the status the Deliver/Drop buttons
  // were below the fold, and under a two-line title (a Multi-Paxos heartbeat's) the Delay row was.
  const narrow = useMediaQuery(NARROW_QUERY)
  const log = useSynod((s) => s.log)
  const upto = useUpto()
  const module = useProtocol()
  const panel = useRef<HTMLElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  useRevealPanel(panel, heading, id)
  const send = runIndex(log).sends.get(id)
  if (!send) return null
  const st = messageStatus(log, upto, id)
  const m = st.state === 'unsent' ? send.msg : st.msg
  const now = upto > 0 ? (log[upto - 1]?.tick ?? 0) : 0
  const words = wordsOf(module, m, send.text)
  const about = (
    <>
      <p className="meaning">{words.meaning}</p>
      <p>
        {P(m.from)} → {P(m.to)}: {words.detail}. Sent at tick {m.sentAt}
        {m.dupOf !== null ? `, a duplicate of #${m.dupOf}` : ''}.
      </p>
    </>
  )
  const actions = st.state === 'in-flight' && <MessageActions m={st.msg} />
  return (
    <section className="panel panel-focus" aria-labelledby="msg-title" ref={panel}>
      <h2 id="msg-title" className="panel-title" tabIndex={-1} ref={heading}>
        Message {messageLabel(m)}
        <button
          type="button"
          className="close"
          aria-label="Close message details"
          onClick={() => selectMessage(null)}
        >
          ×
        </button>
      </h2>
      {!narrow && about}
      {narrow && actions}
      <p className={`msg-status status-${st.state}`}>{statusText(st, now)}</p>
      {!narrow && actions}
      {narrow && about}
    </section>
  )
}
