import type { NetworkConfig } from './types.ts'

/** Engine version: bump when the same inputs could produce a different run. */
export const ENGINE_VERSION = 1

/** Hard limits that keep every run bounded. Hitting one is reported as a `limit.reached` event. */
export const LIMITS = {
  processCountMin: 3,
  processCountMax: 9,
  latencyTicksMax: 1000,
  timeoutTicksMax: 100_000,
  maxStepsCap: 200_000,
  inFlightMax: 2_000,
  logEventsMax: 2_000_000,
  snapshotsMax: 256,
  interventionsMax: 10_000,
  valueLengthMax: 24,
} as const

/** Pushes a problem when `v` is not an integer in [min, max]. */
export function checkInt(problems: string[], name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got ${String(v)})`)
  }
}

/** Every problem with the network's part of a config, one readable line each. Pure. */
export function networkProblems(c: NetworkConfig): string[] {
  const problems: string[] = []
  checkInt(problems, 'latencyTicksMin', c.latencyTicksMin, 1, LIMITS.latencyTicksMax)
  checkInt(problems, 'latencyTicksMax', c.latencyTicksMax, 1, LIMITS.latencyTicksMax)
  if (c.latencyTicksMax < c.latencyTicksMin) problems.push('latencyTicksMax must be at least latencyTicksMin')
  checkInt(problems, 'lossPercent', c.lossPercent, 0, 100)
  checkInt(problems, 'duplicatePercent', c.duplicatePercent, 0, 100)
  checkInt(problems, 'maxSteps', c.maxSteps, 1, LIMITS.maxStepsCap)
  return problems
}
