import { openDialog } from '../store/actions.ts'
import { useProtocol } from '../store/protocol.ts'
import { Legend } from '../timeline/Legend.tsx'
import { Dialog } from './Dialog.tsx'

/** A first-time student's guide: what the picture shows, the protocol in its module's words, what to try. */
export function HelpDialog() {
  const module = useProtocol()
  const guide = module.guide
  return (
    <Dialog title="How to read Synod" wide>
      <div className="help">
        <p>
          Each <b>lane</b> is a process (P1, P2, …). Time flows along the lanes. Each <b>arrow</b> is a
          message from one process to another; an arrow that has not arrived yet is still <b>in flight</b>.
        </p>
        <ol>
          {guide.points.map((point) => (
            <li key={point.title}>
              <b>{point.title}</b> {point.text}
            </li>
          ))}
        </ol>
        <Legend module={module} />
        <p>
          <b>Try:</b> press <kbd>→</kbd> to step. Click a message (or pick it under “In flight”) to deliver it
          now, drop, delay or duplicate it. {guide.tryClick} Going back in time and acting there starts a new
          branch; “Previous branch” returns to the old one, and “Changed branch” back to your change (until
          you reload the page: a reload keeps the branch on screen).
        </p>
        <button type="button" onClick={() => openDialog('shortcuts')}>
          Show keyboard shortcuts
        </button>
      </div>
    </Dialog>
  )
}
