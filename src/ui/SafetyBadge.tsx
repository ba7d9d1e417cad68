import { setCursor } from '../store/actions.ts'
import { useProjection } from './useView.ts'

const RULE_NAMES: Record<string, string> = {
  agreement: 'Agreement',
  validity: 'Validity',
  'promise-monotonic': 'Promises only grow',
  'no-accept-below-promise': 'No accept below a promise',
  stability: 'Stability',
}

/** The live safety verdict at the cursor; a violation is a button that jumps to where it happened. */
export function SafetyBadge() {
  const { violations } = useProjection()
  const first = violations[0]
  if (!first) {
    return (
      <span
        className="badge badge-ok"
        role="status"
        title="Agreement, validity, promise and stability checks"
      >
        <span aria-hidden="true">✓</span> All invariants hold
      </span>
    )
  }
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : ''
  return (
    <button
      type="button"
      className="badge badge-bad"
      role="status"
      title={first.text}
      aria-label={`Safety violated: ${RULE_NAMES[first.rule] ?? first.rule} at step ${first.step}${more}. Jump there.`}
      onClick={() => setCursor(first.step, true)}
    >
      <span aria-hidden="true">⚠</span> {RULE_NAMES[first.rule] ?? first.rule} violated · step {first.step}
    </button>
  )
}

/** What is chosen (a quorum accepted) and how many learners have decided, at the cursor. */
export function ChosenChip() {
  const { chosen, procs } = useProjection()
  const decided = procs.filter((p) => p.decided).length
  const values = [...new Set(chosen.map((c) => c.value))]
  if (values.length === 0) return <span className="chip">Nothing chosen yet</span>
  const two = values.length > 1
  return (
    <span
      className={`chip ${two ? 'chip-conflict' : 'chip-chosen'}`}
      title={chosen.map((c) => c.text).join(' ')}
    >
      Chosen: <strong>{values.join(' and ')}</strong> · decided {decided}/{procs.length}
    </span>
  )
}
