import { useRef } from 'react'
import { paxos, protocolById } from '../engine/index.ts'
import { ANY_VIOLATION, pickGoal } from '../explorer/goals.ts'
import type { SpecViolation } from '../explorer/trace.ts'
import { specQuorums } from '../explorer/universe.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import {
  cancelExplorer,
  loadFound,
  openExplorer,
  playFoundFromStart,
  showChange,
  useExplorer,
  type ExplorerRun,
  type Searched,
  type SimOutcome,
  type SpecConstantsForm,
} from '../store/explorer.ts'
import { useSpecModel } from './ExplorerForms.tsx'
import { violationsThrough } from '../store/runIndex.ts'
import { useSynod } from '../store/store.ts'
import { fmt, SearchStats } from './explorerParts.tsx'
import {
  asSentence,
  goalIsViolation,
  scenarioBugsText,
  specModelText,
  unreachableText,
  outsideText,
  brokenBeforeText,
} from './explorerWords.ts'
import { MultiPaxosResult } from './MultiPaxosResult.tsx'
import { useRevealResult } from './revealResult.ts'
import { ShowOnDiagram } from './ShowOnDiagram.tsx'

/**
 * The moves (steps and the explorer's changes) of the schedule a search found: breadth-first, it
 * finds the goal while expanding the states `depth` moves deep, one move further on.
 */
export const foundMoves = (run: ExplorerRun): number => run.progress.depth + 1

/**
 * Where the search stands: states, depth, speed, and the bounds it runs under. The bar is drawn
 * while it runs only: left part-filled once the search has ended, it read as a search still going.
 * Once a schedule is found, the depth shown is that schedule's, the number its verdict says.
 */
function Progress({ run }: { run: ExplorerRun }) {
  const p = run.progress
  const running = run.status === 'running'
  const found = run.outcome?.mode === 'sim' && run.outcome.found !== null
  return (
    <div className="explorer-progress" aria-live="off">
      {running && (
        <progress
          max={run.bounds.maxStates}
          value={Math.min(p.distinctStates, run.bounds.maxStates)}
          aria-label="Distinct states, out of the bound on states"
        />
      )}
      <SearchStats progress={found ? { ...p, depth: foundMoves(run) } : p} testId="explorer-states" />
      <p className="muted">
        Bounds: {fmt(run.bounds.maxStates)} states, depth {fmt(run.bounds.maxDepth)}
        {running && (run.cancelling ? ' · cancelling…' : ' · searching…')}
      </p>
      {running && (
        <button type="button" onClick={cancelExplorer} disabled={run.cancelling}>
          Cancel
        </button>
      )}
    </div>
  )
}

function SpecSequence({
  violation,
  checked,
}: {
  violation: SpecViolation
  checked: SpecConstantsForm | null
}) {
  const build = async () => {
    if (!checked) throw new Error('the model of this check is not known')
    const { paxosSpecDiagram } = await import('../explorer/specDiagram.ts')
    return paxosSpecDiagram(violation, checked.acceptors, specQuorums(checked).q2)
  }
  return (
    <>
      <p>
        Two values are chosen after {violation.depth} steps:{' '}
        {violation.chosen
          .map((c) => `${c.value} in ballot ${c.ballot} by {${c.quorum.join(', ')}}`)
          .join(' and ')}
        .
      </p>
      <ol className="explorer-sequence" aria-label="The violating message sequence">
        {violation.steps.map((s, i) => (
          <li key={i}>
            <code>{s.label}</code> {s.description} <code className="muted">{s.messageText}</code>
            {s.quorum && <span className="muted"> (quorum {s.quorum.join(', ')})</span>}
          </li>
        ))}
      </ol>
      <div className="explorer-actions">
        <ShowOnDiagram build={build} title="Paxos.tla counterexample on the diagram" />
      </div>
    </>
  )
}

function boundText(
  run: ExplorerRun,
  hit: 'states' | 'depth' | 'memory',
  memoryMessage?: string | null,
): string {
  if (hit === 'memory')
    return memoryMessage
      ? `The search ${memoryMessage}; it was not exhaustive.`
      : 'The search stopped at its memory budget; it was not exhaustive.'
  const which = hit === 'states' ? `${fmt(run.bounds.maxStates)} states` : `depth ${run.bounds.maxDepth}`
  const d = run.progress.completedDepth
  const covered = d >= 0 ? `depths 0..${d} fully explored` : 'not even depth 0 fully explored'
  return `Bound hit (${which}): ${covered}; the search was not exhaustive.`
}

/** What the explorer changed in the run: each change a button that shows its step on the diagram. */
function Changes({ changes }: { changes: SimOutcome['changes'] }) {
  if (changes.length === 0)
    return <p>The explorer changed nothing: the run's own schedule reaches the goal.</p>
  return (
    <>
      <h3 className="explorer-changes-title">What the explorer changed</h3>
      <ol className="explorer-changes" aria-label="What the explorer changed">
        {changes.map((c, i) => (
          <li key={i}>
            <button
              type="button"
              className="explorer-change"
              title={`Show step ${c.showStep} on the diagram`}
              onClick={() => showChange(c.showStep)}
            >
              <span className="explorer-change-step">step {c.atStep}</span> {c.text}
            </button>
          </li>
        ))}
      </ol>
    </>
  )
}

/**
 * An invariant the loaded run broke before the step where the goal is reached, said so the result
 * and the header's badge agree: one the search was not looking for (its goal is another
 * invariant), or, when any violation was its goal, one broken before the search began.
 */
function EarlierViolation({ end, fromStep, goal }: { end: number; fromStep: number; goal: string }) {
  const first = useSynod((s) => violationsThrough(s.log, end)[0])
  if (!first || first.step >= end) return null
  const when =
    goal === ANY_VIOLATION
      ? `Before the search began (at step ${fromStep}), this run had already broken an invariant, at step ${first.step}`
      : `Before that, at step ${first.step}, this run already broke an invariant this search did not look for`
  return (
    <p className="explorer-earlier">
      {when}: {first.text}{' '}
      <button type="button" onClick={() => showChange(first.step)}>
        Show step {first.step}
      </button>
    </p>
  )
}

/** A found schedule: what it reaches, what the explorer changed, and where it is on the diagram. */
function Found({ run, outcome, found }: { run: ExplorerRun; outcome: SimOutcome; found: Scenario }) {
  const loaded = useSynod((s) => s.scenario.interventions === found.interventions)
  // The diagram's cursor is where the found run was opened until the user moves it.
  const at = useSynod((s) => (loaded && !s.computing ? s.cursor : null))
  const end = found.cursor ?? outcome.fromStep
  const changes = outcome.changes.length
  const module = protocolById(found.protocol ?? 'paxos') ?? paxos
  const goalId = run.goal?.id ?? ANY_VIOLATION
  // A violation is shown as one; a goal that breaks no rule (a hole filled) is a finding.
  const violation = goalIsViolation(module, goalId)
  const moves = foundMoves(run)
  return (
    <div className={`explorer-verdict ${violation ? 'bad' : 'found'}`} role="status" tabIndex={-1}>
      <p>
        <strong>Found</strong> (goal: “{pickGoal(module, goalId).title}”) after{' '}
        {fmt(run.progress.distinctStates)} states: a schedule of {moves} {moves === 1 ? 'move' : 'moves'} from
        step {outcome.fromStep} to step {end} (scheduler steps and the explorer&apos;s {changes}{' '}
        {changes === 1 ? 'change' : 'changes'}; the depth above). The search is breadth-first, so no schedule
        within these budgets reaches this goal in fewer moves; step {end} is the first step of the run where
        it holds.
      </p>
      {outcome.foundText && <p className="explorer-found-what">{asSentence(outcome.foundText)}</p>}
      {loaded && <EarlierViolation end={end} fromStep={outcome.fromStep} goal={goalId} />}
      <Changes changes={outcome.changes} />
      {at === end && <p>It is on the diagram now, at step {end}, where it happens.</p>}
      <div className="explorer-actions">
        <button
          type="button"
          className="primary"
          onClick={(e) => showOnDiagram(e.currentTarget, playFoundFromStart)}
        >
          Play from the start
        </button>
        <button type="button" onClick={(e) => showOnDiagram(e.currentTarget, loadFound)}>
          {loaded ? `Back to step ${end}` : 'Load onto the diagram'}
        </button>
      </div>
    </div>
  )
}

/**
 * Do `act` (load or play the schedule found) and, where the panel lies over the diagram (a phone,
 * a tablet held upright), close it: the student came to see the run at the violation. The result
 * stays; Explore shows it again.
 */
function showOnDiagram(from: HTMLElement, act: () => void): void {
  act()
  const panel = from.closest('.explorer-panel')?.getBoundingClientRect()
  const diagram = document.querySelector('.diagram-pane')?.getBoundingClientRect()
  if (!panel || !diagram) return
  const overlap = Math.min(panel.right, diagram.right) - Math.max(panel.left, diagram.left)
  if (overlap > diagram.width / 4) openExplorer(false)
}

/** The verdict of a finished search. */
function Verdict({ run }: { run: ExplorerRun }) {
  const o = run.outcome
  if (!o) return null
  const states = fmt(run.progress.distinctStates)
  if (o.cancelled)
    return (
      <p className="explorer-verdict" role="status" tabIndex={-1}>
        Cancelled after {states} states; depths 0..{Math.max(-1, run.progress.completedDepth)} fully explored.
      </p>
    )
  if (o.mode === 'spec') {
    const model = run.checked && <p className="explorer-model">{specModelText(run.checked)}</p>
    const bugs = scenarioBugsText(run.scenarioBugs)
    const bugNote = bugs && (
      <p className="explorer-warning" role="note">
        ⚠ {bugs}
      </p>
    )
    if (o.violation)
      return (
        <div className="explorer-verdict bad" role="status" tabIndex={-1}>
          <p>
            <strong>Agreement violated</strong> ({states} states explored; this is a shortest counterexample).
          </p>
          {model}
          <SpecSequence violation={o.violation} checked={run.checked} />
        </div>
      )
    return (
      <div className={`explorer-verdict${o.boundHit ? '' : ' ok'}`} role="status" tabIndex={-1}>
        <p>
          {o.boundHit
            ? `Spec mode: ${states} states, agreement holds so far. ${boundText(run, o.boundHit, o.memoryMessage)}`
            : `Spec mode: ${states} states, agreement holds (exhaustive: every behaviour was checked).`}
        </p>
        {model}
        {bugNote}
      </div>
    )
  }
  if (o.mode !== 'sim') return null
  if (o.found) return <Found run={run} outcome={o} found={o.found} />
  return (
    <p className="explorer-verdict" role="status" tabIndex={-1}>
      {o.boundHit
        ? `Goal not reached in ${states} states. ${boundText(run, o.boundHit, o.memoryMessage)}${notReachedNotes(run.searched)}`
        : run.searched
          ? unreachableText(states, run.searched, protocolById(run.searched.protocol) ?? paxos)
          : `Goal unreachable within these budgets: ${states} states, exhaustive.`}
    </p>
  )
}

/** What the run on the diagram did that the search did not look at (see explorerWords.ts). */
function notReachedNotes(searched: Searched | null | undefined): string {
  const module = protocolById(searched?.protocol ?? 'paxos') ?? paxos
  return `${brokenBeforeText(searched, module)}${outsideText(searched)}`
}

/** Live progress and the result of the current search, if any (of the Multi-Paxos check when that model is picked). */
export function ExplorerResult() {
  const run = useExplorer((s) => s.run)
  const specMode = useExplorer((s) => s.mode === 'spec')
  const multiPaxos = useSpecModel() === 'multipaxos'
  const section = useRef<HTMLElement>(null)
  useRevealResult(section, specMode && multiPaxos ? null : (run?.status ?? null))
  if (specMode && multiPaxos) return <MultiPaxosResult />
  if (!run) return null
  return (
    <section className="explorer-result" aria-label="Search progress and result" ref={section}>
      <Progress run={run} />
      {run.status === 'error' && (
        <p className="problems" role="alert" tabIndex={-1}>
          The search stopped with an error: {run.error}
        </p>
      )}
      {run.status === 'done' && <Verdict run={run} />}
    </section>
  )
}
