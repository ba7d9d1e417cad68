import type { SimConfig } from './types.ts'

/** Engine version: bump when the same inputs could produce a different event log. */
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

/** Default configuration: five processes, modest latency jitter, no faults, backoff retries. Pure. */
export function defaultConfig(processCount = 5): SimConfig {
  return {
    processCount,
    latencyTicksMin: 8,
    latencyTicksMax: 12,
    lossPercent: 0,
    duplicatePercent: 0,
    proposerTimeoutTicks: 80,
    retry: { policy: 'backoff', delayTicks: 10, backoffBaseTicks: 40, backoffMaxTicks: 320 },
    learnerMode: 'decide',
    bugs: {
      ignorePriorValues: false,
      acceptBelowPromise: false,
      amnesiaOnCrash: false,
      smallQuorum: false,
      duplicateBallots: false,
    },
    maxSteps: 2_000,
  }
}

/**
 * Quorum size: a strict majority ⌊n/2⌋+1, or ⌊n/2⌋ with the small-quorum bug (two such quorums
 * need not intersect). Pure.
 */
export function quorumSize(config: SimConfig): number {
  const half = Math.floor(config.processCount / 2)
  return config.bugs.smallQuorum ? Math.max(1, half) : half + 1
}

/** Every problem with a config, as one readable line each; empty when valid. Pure. */
export function configProblems(c: SimConfig): string[] {
  const problems: string[] = []
  const intIn = (name: string, v: number, min: number, max: number): void => {
    if (!Number.isInteger(v) || v < min || v > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got ${String(v)})`)
    }
  }
  intIn('processCount', c.processCount, LIMITS.processCountMin, LIMITS.processCountMax)
  intIn('latencyTicksMin', c.latencyTicksMin, 1, LIMITS.latencyTicksMax)
  intIn('latencyTicksMax', c.latencyTicksMax, 1, LIMITS.latencyTicksMax)
  if (c.latencyTicksMax < c.latencyTicksMin) problems.push('latencyTicksMax must be at least latencyTicksMin')
  intIn('lossPercent', c.lossPercent, 0, 100)
  intIn('duplicatePercent', c.duplicatePercent, 0, 100)
  intIn('proposerTimeoutTicks', c.proposerTimeoutTicks, 1, LIMITS.timeoutTicksMax)
  intIn('retry.delayTicks', c.retry.delayTicks, 1, LIMITS.timeoutTicksMax)
  intIn('retry.backoffBaseTicks', c.retry.backoffBaseTicks, 1, LIMITS.timeoutTicksMax)
  intIn('retry.backoffMaxTicks', c.retry.backoffMaxTicks, 1, LIMITS.timeoutTicksMax)
  intIn('maxSteps', c.maxSteps, 1, LIMITS.maxStepsCap)
  return problems
}
