import { ruleTitle } from '../engine/index.ts'
import { setCursor } from '../store/actions.ts'
import { panelCursorOf, useMomentSelect, type ModuleMoment } from '../store/moment.ts'
import { useProtocol } from '../store/protocol.ts'
import { countThrough, runIndex } from '../store/runIndex.ts'
import type { SynodState } from '../store/state.ts'
import { useSynod } from '../store/store.ts'

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

/**
 * The live safety verdict at the cursor; a violation is a button that jumps to where it happened.
 * `whenSafe: false` shows nothing while every invariant holds (presenter mode, where the room
 * needs the badge only when something is wrong or could go wrong).
 */
export function SafetyBadge({ whenSafe = true }: { whenSafe?: boolean }) {
  const log = useSynod((s) => s.log)
  // How many, not which: a step that reports no violation does not re-render the badge.
  const count = useSynod((s) => countThrough(runIndex(s.log).violations, panelCursorOf(s, 'feed')))
  const violations = runIndex(log).violations.slice(0, count)
  const module = useProtocol()
  // The protocol module names its invariants, in the lecture's words (by default their titles).
  const title =
    module.app.invariantsTitle ??
    module.properties
      .filter((p) => p.kind === 'always')
      .map((p) => p.title)
      .join('; ')
  const first = violations[0]
  if (!first) {
    if (!whenSafe) return null
    return (
      <span className="badge badge-ok" role="status" title={title}>
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
      {/* No-break spaces: a phone that wraps the pill in two breaks it only before "at" (phoneStatus.css). */}
      <span aria-hidden="true">⚠</span>
      {'\u00a0'}
      <Text
        full={`Violated: ${rule} · step ${first.step}`}
        short={`Violated at\u00a0step\u00a0${first.step}`}
      />
    </button>
  )
}

/**
 * What the chip says, in primitives, so a step that changes none of them does not re-render it:
 * for a replicated log the commit point and how many replicas have executed it, else how many
 * values were chosen and how many learners have decided. Pure.
 */
export function chipState(
  moment: ModuleMoment,
  s: Pick<SynodState, 'log' | 'scrubbing' | 'panelsBehind' | 'panelCursors' | 'cursor'>,
): ChipState {
  const grid = moment.grid
  if (grid) {
    const rows = grid.rows
    const committed = Math.max(0, ...rows.map((r) => r.commit))
    const caughtUp = rows.filter((r) => r.executed >= committed).length
    // A commit the crashes took (the module says when a crash loses commit knowledge).
    const lost = grid.forgottenCommit?.() ?? null
    return {
      grid: true,
      count: committed,
      of: rows.length,
      done: caughtUp,
      lostBy: lost ? lost.who.join(', ') : '',
      lostText: lost?.text ?? '',
    }
  }
  const procs = moment.procs
  // How many processes have decided, for a protocol whose learners each decide one value.
  const decisions = moment.module.app.decisions
  const decided = decisions ? procs.filter((p) => decisions.decided(p.local, p.up)).length : 0
  const chosen = countThrough(runIndex(s.log).chosen, panelCursorOf(s, 'feed'))
  return { grid: false, count: chosen, of: procs.length, done: decided, lostBy: '', lostText: '' }
}

/** The chip's facts, all primitives (see `chipState`). */
export interface ChipState {
  readonly grid: boolean
  readonly count: number
  readonly of: number
  readonly done: number
  /** Who reached a commit point no replica knows now, having crashed (`P1`), or ''. */
  readonly lostBy: string
  /** The module's sentence on that lost commit knowledge, or ''. */
  readonly lostText: string
}

/** What is chosen (a quorum accepted) and how many learners have decided, at the cursor. */
export function ChosenChip() {
  const chip = useMomentSelect('feed', chipState)
  const log = useSynod((s) => s.log)
  if (chip.grid)
    return (
      <CommittedChip
        committed={chip.count}
        caughtUp={chip.done}
        replicas={chip.of}
        lostBy={chip.lostBy}
        lostText={chip.lostText}
      />
    )
  const chosen = runIndex(log).chosen.slice(0, chip.count)
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
      title={`${chosen.map((c) => c.text).join(' ')} Decided ${chip.done} of ${chip.of}.`}
    >
      {/* On a narrow bar the word "decided" goes (the title and screen readers keep it). */}
      Chosen: <strong>{values.join(' and ')}</strong> · <span className="chip-full">decided </span>
      {chip.done}/{chip.of}
    </span>
  )
}

/**
 * A replicated log's progress at the cursor: the longest commit point, and who has executed it.
 * When crashes took commits no replica knows now, it says so, not "nothing committed yet".
 */
function CommittedChip({
  committed,
  caughtUp,
  replicas,
  lostBy,
  lostText,
}: {
  committed: number
  caughtUp: number
  replicas: number
  lostBy: string
  lostText: string
}) {
  if (committed === 0 && lostText)
    return (
      <span className="chip" title={lostText}>
        <Text full={`No replica knows a commit now (${lostBy} crashed)`} short="No commit known now" />
      </span>
    )
  if (committed === 0)
    return (
      <span className="chip">
        <Text full="Nothing committed yet" short="Nothing committed" />
      </span>
    )
  const known = `Slots 1 to ${committed} are committed; ${caughtUp} of ${replicas} replicas have executed them all.`
  return (
    <span className="chip chip-chosen" title={lostText ? `${known} ${lostText}` : known}>
      Committed: <strong>{committed}</strong> · <span className="chip-full">executed </span>
      {caughtUp}/{replicas}
    </span>
  )
}
