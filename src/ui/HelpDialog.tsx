import { openDialog } from '../store/actions.ts'
import { Legend } from '../timeline/Legend.tsx'
import { Dialog } from './Dialog.tsx'

/** A first-time student's guide: what the picture shows and what to try. */
export function HelpDialog() {
  return (
    <Dialog title="How to read Synod" wide>
      <div className="help">
        <p>
          Each <b>lane</b> is a process (P1, P2, …). Time flows along the lanes. Each <b>arrow</b> is a
          message from one process to another; an arrow that has not arrived yet is still <b>in flight</b>.
        </p>
        <ol>
          <li>
            <b>Phase 1 (prepare / promise).</b> A proposer picks a ballot like <code>1.1</code> (round 1,
            process 1) and asks every acceptor to promise to ignore lower ballots. Acceptors answer with a
            promise, reporting the last value they accepted, or reject.
          </li>
          <li>
            <b>Phase 2 (accept / accepted).</b> With promises from a majority, the proposer asks the acceptors
            to accept a value: the one reported with the highest ballot, or its own if none was reported.
          </li>
          <li>
            <b>Chosen and decided.</b> A value is <i>chosen</i> the moment a majority accepts the same ballot.
            Learners <i>decide</i> when they hear about it — a later moment.
          </li>
        </ol>
        <Legend />
        <p>
          <b>Try:</b> press <kbd>→</kbd> to step. Click a message (or pick it under “In flight”) to deliver it
          now, drop, delay or duplicate it. Click a process to propose a value, crash or recover it. Going
          back in time and acting there starts a new branch; “Previous branch” returns to the old one.
        </p>
        <button type="button" onClick={() => openDialog('shortcuts')}>
          Show keyboard shortcuts
        </button>
      </div>
    </Dialog>
  )
}
