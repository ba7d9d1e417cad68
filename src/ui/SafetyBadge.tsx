import { invariantTitle } from '../engine/index.ts'
import { setCursor } from '../store/actions.ts'
import { usePanelProjection } from './useView.ts'

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
  const { violations } = usePanelProjection()
  const first = violations[0]
  if (!first) {
    return (
      <span
        className="badge badge-ok"
        role="status"
        title="Agreement, validity, promise and stability checks"
      >
        <span aria-hidden="true">✓</span> <Text full="All invariants hold" short="Safe" />
      </span>
    )
  }
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : ''
  const rule = invariantTitle(first.rule)
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
  const { chosen, procs } = usePanelProjection()
  const decided = procs.filter((p) => p.decided).length
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
