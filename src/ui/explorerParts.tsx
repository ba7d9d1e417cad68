import type { MultiPaxosStep } from '../explorer/multipaxos/trace.ts'

/**
 * Pieces the explorer's forms and results share (schedule search, Paxos.tla, Multi-Paxos and the
 * TLC hand-off), so each reads and behaves the same wherever it appears.
 */

/** A count as people read it: 12,345. */
export const fmt = (n: number): string => n.toLocaleString('en-US')

/** Is `v` a whole number in [min, max]? */
export const whole = (v: number, min: number, max: number): boolean =>
  Number.isInteger(v) && v >= min && v <= max

/** The form's problem for one whole-number field (`Replicas: 2..5`, `Memory budget: 16..2048 MiB`), or none. */
export const rangeProblem = (
  label: string,
  v: number,
  { min, max }: { readonly min: number; readonly max: number },
  unit = '',
): string[] => (whole(v, min, max) ? [] : [`${label}: ${min}..${max}${unit}`])

/** How far a search has come. */
export interface SearchProgress {
  readonly distinctStates: number
  readonly depth: number
  readonly statesPerSecond: number
  readonly elapsedMs: number
}

/** Distinct states, depth, speed and time of a search; `testId` marks the states count for e2e. */
export function SearchStats({ progress: p, testId }: { progress: SearchProgress; testId: string }) {
  return (
    <dl className="explorer-stats">
      <div>
        <dt>Distinct states</dt>
        <dd data-testid={testId}>{fmt(p.distinctStates)}</dd>
      </div>
      <div>
        <dt>Depth</dt>
        <dd>{p.depth}</dd>
      </div>
      <div>
        <dt>States/s</dt>
        <dd>{fmt(p.statesPerSecond)}</dd>
      </div>
      <div>
        <dt>Time</dt>
        <dd>{(p.elapsedMs / 1000).toFixed(1)} s</dd>
      </div>
    </dl>
  )
}

/** A Multi-Paxos run of the spec, step by step: each action, what it sent, what the client saw. */
export function MultiPaxosSteps({ steps, label }: { steps: readonly MultiPaxosStep[]; label: string }) {
  return (
    <ol className="explorer-sequence" aria-label={label}>
      {steps.map((s, i) => (
        <li key={i}>
          <code>{s.label}</code>
          {s.sent.length > 0 && <span className="muted"> sends {s.sent.join(', ')}</span>}
          {s.observed.length > 0 && <strong> · client sees {s.observed.join(', ')}</strong>}
        </li>
      ))}
    </ol>
  )
}
