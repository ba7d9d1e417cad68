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

/** The two quorum sizes of a run (Flexible Paxos): phase 1 (promises) and phase 2 (accepts). */
export interface QuorumSizes {
  readonly q1: number
  readonly q2: number
}

/**
 * The size a phase uses when the config does not name one: a strict majority ⌊n/2⌋+1, or ⌊n/2⌋
 * with the small-quorum bug (format 1's only way to shrink quorums; two such quorums need not
 * intersect). Pure.
 */
export function implicitQuorum(config: SimConfig): number {
  const half = Math.floor(config.processCount / 2)
  return config.bugs.smallQuorum ? Math.max(1, half) : half + 1
}

/**
 * The quorum sizes: `q1` and `q2` when set, else the implicit size. Paxos is safe exactly when
 * every phase-1 quorum meets every phase-2 quorum, that is when q1 + q2 > n: then a later
 * proposer's promises always include an acceptor that accepted a chosen value. Pure.
 */
export function quorumSizes(config: SimConfig): QuorumSizes {
  const implicit = implicitQuorum(config)
  return { q1: config.q1 ?? implicit, q2: config.q2 ?? implicit }
}

/** True when every phase-1 quorum intersects every phase-2 quorum (q1 + q2 > n). Pure. */
export function quorumsIntersect(config: SimConfig): boolean {
  const { q1, q2 } = quorumSizes(config)
  return q1 + q2 > config.processCount
}

/** The phase-2 quorum: how many acceptors must accept one ballot for its value to be chosen. Pure. */
export function quorumSize(config: SimConfig): number {
  return quorumSizes(config).q2
}

/** Every problem with Paxos's own config fields, one readable line each; empty when valid. Pure. */
export function paxosProblems(c: SimConfig): string[] {
  const problems: string[] = []
  checkInt(problems, 'processCount', c.processCount, LIMITS.processCountMin, LIMITS.processCountMax)
  checkInt(problems, 'proposerTimeoutTicks', c.proposerTimeoutTicks, 1, LIMITS.timeoutTicksMax)
  checkInt(problems, 'retry.delayTicks', c.retry.delayTicks, 1, LIMITS.timeoutTicksMax)
  checkInt(problems, 'retry.backoffBaseTicks', c.retry.backoffBaseTicks, 1, LIMITS.timeoutTicksMax)
  checkInt(problems, 'retry.backoffMaxTicks', c.retry.backoffMaxTicks, 1, LIMITS.timeoutTicksMax)
  const n = c.processCount
  if (c.q1 !== undefined) checkInt(problems, 'q1', c.q1, 1, n)
  if (c.q2 !== undefined) checkInt(problems, 'q2', c.q2, 1, n)
  if (problems.length === 0 && !c.bugs.smallQuorum && !quorumsIntersect(c)) {
    const { q1, q2 } = quorumSizes(c)
    problems.push(
      `q1 + q2 must be more than processCount (${q1} + ${q2} ≤ ${n}): a phase-1 quorum could miss every acceptor of a phase-2 quorum; only the broken variant bugs.smallQuorum may run it`,
    )
  }
  return problems
}

/** Every problem with a whole Paxos config (its own fields, then the network's). Pure. */
export function configProblems(c: SimConfig): string[] {
  return [...paxosProblems(c), ...networkProblems(c)]
}
