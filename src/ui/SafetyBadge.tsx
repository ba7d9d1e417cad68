import { paxosCard, ruleTitle } from '../engine/index.ts'
import { setCursor } from '../store/actions.ts'
import { useMoment } from '../store/moment.ts'
import { useProtocol } from '../store/protocol.ts'
import { chosenThrough, violationsThrough } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'
import { usePanelCursor } from './useView.ts'

/**
 * A chip's text in a full and a short form. The short one shows only when the top bar is too
 * narrow for the full one (see layout.css); it is drawn from an attribute, so the text content
 * and what assistive technology reads stay the full form.
 */
function Text({ full, short }: { full: string; short: string }) {
  return (
    <>
      <span className="chip-full">{full}</span>
      <span className="chip-short" aria-hidden="true" data-short={short} />
    </>
  )
}

/** The live safety verdict at the cursor; a violation is a button that jumps to where it happened. */
export function SafetyBadge() {
  const log = useSynod((s) => s.log)
  const violations = violationsThrough(log, usePanelCursor())
  const module = useProtocol()
  // A protocol module names its invariants itself, in the lecture's words.
  const always = module.app ? module.properties.filter((p) => p.kind === 'always') : []
  const first = violations[0]
  if (!first) {
    return (
      <span
        className="badge badge-ok"
        role="status"
        title={
          module.app
            ? always.map((p) => p.title).join('; ')
            : 'Agreement, validity, promise and stability checks'
        }
      >
        <span aria-hidden="true">✓</span> <Text full="All invariants hold" short="Safe" />
      </span>
    )
  }
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : ''
  const rule = ruleTitle(module, first.rule)
  return (
    <button
      type="button"
      className="badge badge-bad"
      role="status"
      title={`${first.text} Step ${first.step}${more}.`}
      aria-label={`Violated: ${rule}, at step ${first.step}${more}. Jump there.`}
      onClick={() => setCursor(first.step, true)}
    >
      <span aria-hidden="true">⚠</span>{' '}
      <Text full={`Violated: ${rule} · step ${first.step}`} short={`Violated · step ${first.step}`} />
    </button>
  )
}

/** What is chosen (a quorum accepted) and how many learners have decided, at the cursor. */
export function ChosenChip() {
  const moment = useMoment()
  const log = useSynod((s) => s.log)
  const chosen = chosenThrough(log, usePanelCursor())
  if (moment.grid) return <CommittedChip rows={moment.grid.rows} />
  const procs = moment.procs
  // Single-decree Paxos: how many learners have decided (a module with its own face has a grid).
  const decided = moment.module.app ? 0 : procs.filter((p) => paxosCard(p.local, p.up).decided).length
  const values = [...new Set(chosen.map((c) => c.value))]
  if (values.length === 0)
    return (
      <span className="chip">
        <Text full="Nothing chosen yet" short="Nothing chosen" />
      </span>
    )
  const two = values.length > 1
  return (
    <span
      className={`chip ${two ? 'chip-conflict' : 'chip-chosen'}`}
      title={`${chosen.map((c) => c.text).join(' ')} Decided ${decided} of ${procs.length}.`}
    >
      {/* On a narrow bar the word "decided" goes (the title and screen readers keep it). */}
      Chosen: <strong>{values.join(' and ')}</strong> · <span className="chip-full">decided </span>
      {decided}/{procs.length}
    </span>
  )
}

/** A replicated log's progress at the cursor: the longest commit point, and who has executed it. */
function CommittedChip({ rows }: { rows: readonly { commit: number; executed: number; up: boolean }[] }) {
  const committed = Math.max(0, ...rows.map((r) => r.commit))
  const caughtUp = rows.filter((r) => r.executed >= committed).length
  if (committed === 0)
    return (
      <span className="chip">
        <Text full="Nothing committed yet" short="Nothing committed" />
      </span>
    )
  return (
    <span
      className="chip chip-chosen"
      title={`Slots 1 to ${committed} are committed; ${caughtUp} of ${rows.length} replicas have executed them all.`}
    >
      Committed: <strong>{committed}</strong> · <span className="chip-full">executed </span>
      {caughtUp}/{rows.length}
    </span>
  )
}
