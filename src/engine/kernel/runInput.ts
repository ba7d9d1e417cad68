import type { Intervention, ScheduledIntervention } from './types.ts'

/** The inputs that fully determine a run. */
export interface RunInput<Config = unknown> {
  readonly seed: number
  readonly config: Config
  readonly interventions: readonly ScheduledIntervention[]
}

/**
 * THE definition of acting in the past: the interventions recorded after `step` are dropped (the
 * old future), those at or before it are kept in their order, and `action` is recorded at `step`.
 * `Simulator.fork` applies it to a live run; the app's store, the worker client (which re-sends a
 * run's inputs after a restart) and links all record their inputs with it, so a forked run and a
 * fresh run of its recorded inputs are the same run. Pure.
 */
export function forkInterventions(
  interventions: readonly ScheduledIntervention[],
  step: number,
  action: Intervention,
): ScheduledIntervention[] {
  const kept = interventions.filter((iv) => iv.step <= step)
  kept.push({ step, action })
  return kept
}

/**
 * The interventions in the order a run applies them: by step, and those recorded at the same step
 * in the order they were made (a stable sort). Pure.
 */
export function inRecordedOrder(interventions: readonly ScheduledIntervention[]): ScheduledIntervention[] {
  return interventions
    .map((iv, i) => ({ iv, i }))
    .sort((a, b) => a.iv.step - b.iv.step || a.i - b.i)
    .map((x) => x.iv)
}

/** `forkInterventions` on a whole run's inputs (any extra fields, e.g. `protocol`, are kept). Pure. */
export function forkRunInput<I extends RunInput>(input: I, step: number, action: Intervention): I {
  return { ...input, interventions: forkInterventions(input.interventions, step, action) }
}
