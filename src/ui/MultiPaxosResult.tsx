import { useRef } from 'react'
import type { MultiPaxosViolation } from '../explorer/multipaxos/trace.ts'
import { cancelMultiPaxosCheck, useMultiPaxosCheck, type MultiPaxosRun } from '../store/multiPaxosCheck.ts'
import { fmt, MultiPaxosSteps, SearchStats } from './explorerParts.tsx'
import { useRevealResult } from './revealResult.ts'
import { ShowOnDiagram } from './ShowOnDiagram.tsx'

function Progress({ run }: { run: MultiPaxosRun }) {
  const p = run.progress
  const running = run.status === 'running'
  return (
    <div className="explorer-progress" aria-live="off">
      {running && <progress aria-label="Checking the model" />}
      <SearchStats progress={p} testId="multipaxos-states" />
      {running && (
        <button type="button" onClick={cancelMultiPaxosCheck} disabled={run.cancelling}>
          {run.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  )
}

/** The run to a violating or deadlocked state, step by step, as messages and client events. */
function Sequence({ v, replicas }: { v: MultiPaxosViolation; replicas: number }) {
  const title =
    v.kind === 'deadlock' ? 'The deadlock on the diagram' : `${v.invariant} violated, on the diagram`
  return (
    <>
      <MultiPaxosSteps steps={v.steps} label="The message sequence" />
      <div className="explorer-actions">
        <ShowOnDiagram
          build={async () => {
            const m = await import('../explorer/multipaxos/specDiagram.ts')
            return m.multiPaxosSpecDiagram(v.steps, replicas, m.violationVerdict(v))
          }}
          title={title}
        />
      </div>
    </>
  )
}

function Verdict({ run }: { run: MultiPaxosRun }) {
  const o = run.outcome
  if (!o) return null
  const states = fmt(run.progress.distinctStates)
  if (o.cancelled)
    return (
      <p className="explorer-verdict" role="status" tabIndex={-1}>
        Cancelled after {states} states; depths 0..{Math.max(-1, run.progress.completedDepth)} fully explored.
      </p>
    )
  if (o.violation)
    return (
      <div className="explorer-verdict bad" role="status" tabIndex={-1}>
        <p>
          <strong>{o.violation.invariant} violated</strong> after {o.violation.depth} steps (a shortest run;{' '}
          {states} states explored): {o.violation.why}.
        </p>
        <Sequence v={o.violation} replicas={run.constants.replicas} />
      </div>
    )
  if (o.deadlock)
    return (
      <div className="explorer-verdict bad" role="status" tabIndex={-1}>
        <p>
          <strong>Deadlock</strong> after {o.deadlock.depth} steps (a shortest run; {states} states explored):{' '}
          {o.deadlock.why}. The client saw: {o.deadlock.observed.join(', ') || 'nothing'}.
        </p>
        <Sequence v={o.deadlock} replicas={run.constants.replicas} />
      </div>
    )
  if (o.boundHit) {
    const why =
      o.boundHit === 'memory'
        ? (o.memoryMessage ?? 'the memory budget was reached')
        : o.boundHit === 'states'
          ? 'the bound on states was reached'
          : 'the bound on depth was reached'
    return (
      <p className="explorer-verdict" role="status" tabIndex={-1}>
        Not exhaustive: {states} states, every one linearizable, no deadlock so far; {why}. For a model this
        size, run TLC on a bigger machine.
      </p>
    )
  }
  return (
    <p className="explorer-verdict ok" role="status" tabIndex={-1}>
      {states} states, every one linearizable, no deadlock (exhaustive
      {run.constants.symmetry ? ', up to symmetry' : ''}; {fmt(o.transitions + 1)} states generated, depth{' '}
      {run.progress.depth + 1} as TLC counts it, {o.bytesPerState} bytes/state).
    </p>
  )
}

/** Live progress and the result of the current Multi-Paxos check, if any. */
export function MultiPaxosResult() {
  const run = useMultiPaxosCheck((s) => s.run)
  const section = useRef<HTMLElement>(null)
  useRevealResult(section, run?.status ?? null)
  if (!run) return null
  return (
    <section className="explorer-result" aria-label="Model check progress and result" ref={section}>
      <Progress run={run} />
      {run.status === 'error' && (
        <p className="problems" role="alert" tabIndex={-1}>
          The check stopped with an error: {run.error}
        </p>
      )}
      {run.status === 'done' && <Verdict run={run} />}
    </section>
  )
}
