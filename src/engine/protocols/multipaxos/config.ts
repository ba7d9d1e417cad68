import type { MpBugs, MpConfig } from './types.ts'

export const NO_BUGS: MpBugs = {
  skipPhase1: false,
  ignorePromiseValues: false,
  commitOneShort: false,
  noDedup: false,
  leaderLocalRead: false,
}

/** Limits that keep every run bounded (the kernel bounds steps and messages). */
export const MP_LIMITS = {
  replicaCountMin: 3,
  replicaCountMax: 9,
  clientsMax: 4,
  opsPerClientMax: 2_000,
  ticksMax: 100_000,
  batchSizeMax: 64,
  /** A catch-up reply carries at most this many slots; the follower asks again for the rest. */
  catchupSlotsMax: 64,
} as const

/**
 * Defaults: five replicas, P1 campaigns at once, one client sending two writes and a read,
 * randomized backoff, no batching. Latencies are the kernel's (8..12 ticks by default), so a
 * heartbeat every 30 ticks and an election timeout of 100 ticks leave room for a round trip. Pure.
 */
export function defaultMpConfig(replicaCount = 5): MpConfig {
  return {
    latencyTicksMin: 8,
    latencyTicksMax: 12,
    lossPercent: 0,
    duplicatePercent: 0,
    maxSteps: 3_000,
    replicaCount,
    workload: [['put', 'put', 'get']],
    clientStartTicks: 40,
    clientThinkTicks: 5,
    clientRetryTicks: 120,
    initialLeader: 1,
    heartbeatTicks: 30,
    electionTimeoutTicks: 100,
    backoff: true,
    retryTicks: 15,
    backoffBaseTicks: 40,
    backoffMaxTicks: 320,
    batchSize: 1,
    batchTicks: 6,
    bugs: { ...NO_BUGS },
  }
}

/** Every problem with the protocol's own fields, one readable line each; empty when valid. Pure. */
export function mpConfigProblems(c: MpConfig): string[] {
  const problems: string[] = []
  const intIn = (name: string, v: number, min: number, max: number): void => {
    if (!Number.isInteger(v) || v < min || v > max)
      problems.push(`${name} must be an integer from ${min} to ${max} (got ${String(v)})`)
  }
  intIn('replicaCount', c.replicaCount, MP_LIMITS.replicaCountMin, MP_LIMITS.replicaCountMax)
  if (c.workload.length < 1 || c.workload.length > MP_LIMITS.clientsMax)
    problems.push(`workload must list 1 to ${MP_LIMITS.clientsMax} clients`)
  c.workload.forEach((ops, i) => {
    if (ops.length > MP_LIMITS.opsPerClientMax)
      problems.push(`client C${i + 1} has more than ${MP_LIMITS.opsPerClientMax} operations`)
    if (ops.some((op) => op !== 'put' && op !== 'get'))
      problems.push(`client C${i + 1}'s operations must be put or get`)
  })
  intIn('clientStartTicks', c.clientStartTicks, 1, MP_LIMITS.ticksMax)
  intIn('clientThinkTicks', c.clientThinkTicks, 0, MP_LIMITS.ticksMax)
  intIn('clientRetryTicks', c.clientRetryTicks, 1, MP_LIMITS.ticksMax)
  if (c.initialLeader !== null) intIn('initialLeader', c.initialLeader, 1, c.replicaCount)
  intIn('heartbeatTicks', c.heartbeatTicks, 1, MP_LIMITS.ticksMax)
  intIn('electionTimeoutTicks', c.electionTimeoutTicks, 1, MP_LIMITS.ticksMax)
  if (c.electionTimeoutTicks <= c.heartbeatTicks)
    problems.push('electionTimeoutTicks must be longer than heartbeatTicks')
  intIn('retryTicks', c.retryTicks, 1, MP_LIMITS.ticksMax)
  intIn('backoffBaseTicks', c.backoffBaseTicks, 1, MP_LIMITS.ticksMax)
  intIn('backoffMaxTicks', c.backoffMaxTicks, 1, MP_LIMITS.ticksMax)
  intIn('batchSize', c.batchSize, 1, MP_LIMITS.batchSizeMax)
  intIn('batchTicks', c.batchTicks, 1, MP_LIMITS.ticksMax)
  return problems
}
