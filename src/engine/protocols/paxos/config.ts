import { LIMITS, checkInt, networkProblems } from '../../kernel/limits.ts'
import type { SimConfig } from './types.ts'

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

/** Every problem with Paxos's own config fields, one readable line each; empty when valid. Pure. */
export function paxosProblems(c: SimConfig): string[] {
  const problems: string[] = []
  checkInt(problems, 'processCount', c.processCount, LIMITS.processCountMin, LIMITS.processCountMax)
  checkInt(problems, 'proposerTimeoutTicks', c.proposerTimeoutTicks, 1, LIMITS.timeoutTicksMax)
  checkInt(problems, 'retry.delayTicks', c.retry.delayTicks, 1, LIMITS.timeoutTicksMax)
  checkInt(problems, 'retry.backoffBaseTicks', c.retry.backoffBaseTicks, 1, LIMITS.timeoutTicksMax)
  checkInt(problems, 'retry.backoffMaxTicks', c.retry.backoffMaxTicks, 1, LIMITS.timeoutTicksMax)
  return problems
}

/** Every problem with a whole Paxos config (its own fields, then the network's). Pure. */
export function configProblems(c: SimConfig): string[] {
  return [...paxosProblems(c), ...networkProblems(c)]
}
