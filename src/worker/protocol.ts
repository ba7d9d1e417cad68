import type {
  Intervention,
  ProtocolRunInput as RunInput,
  ScheduledIntervention,
  SimEvent,
  SimState,
} from '../engine/index.ts'

/**
 * The typed boundary between the main thread and the engine worker: one union per direction.
 * Every request carries a request id and a generation number; every reply echoes both, so the
 * client can ignore replies from a generation it has already superseded.
 */

/**
 * How many events the worker computes and posts per batch before yielding. Each batch is one
 * main-thread task (its deserialization, the store's append and a render): at 5,000 the 40,000-step
 * run's longest was 203–232 ms on a 2-core machine, at 2,500 it is 166–181 (issue 14: no task over
 * 200 ms), for a first render 1.5–1.7 → 1.8 s.
 */
export const BATCH_EVENTS = 2_500

/** Why a run stopped (the engine's `SimState.halted`, never null once a run is done). */
export type HaltReason = NonNullable<SimState['halted']>

/**
 * Main thread → worker. `held` is how many events of the current log the client holds (it
 * ignores stale replies, so it may hold fewer than were posted); the worker never asks it to
 * keep more than that.
 */
export type EngineRequest =
  /** Replace the run with one from these inputs (events the two runs share are kept). */
  | {
      readonly type: 'load'
      readonly id: number
      readonly gen: number
      readonly held: number
      readonly input: RunInput
    }
  /** Act at `step`: drop the recorded interventions after it, record `action` there, and rerun. */
  | {
      readonly type: 'fork'
      readonly id: number
      readonly gen: number
      readonly held: number
      readonly step: number
      readonly action: Intervention
    }

/** Worker → main thread. */
export type EngineReply =
  /** Keep only the first `logLength` events you have; what follows replaces the rest. */
  | { readonly type: 'reset'; readonly id: number; readonly gen: number; readonly logLength: number }
  /** New events, to append at index `from` of the log. */
  | {
      readonly type: 'events'
      readonly id: number
      readonly gen: number
      readonly from: number
      readonly events: readonly SimEvent[]
    }
  /** The run has stopped; `recorded` are the interventions in effect (the run's inputs). */
  | {
      readonly type: 'done'
      readonly id: number
      readonly gen: number
      readonly halted: HaltReason
      readonly logLength: number
      readonly recorded: readonly ScheduledIntervention[]
    }
  | { readonly type: 'error'; readonly id: number; readonly gen: number; readonly message: string }

/**
 * Not from the worker: the client's supervisor reports on the engine itself. `restarted` means
 * the worker failed, was replaced, and the current run's inputs were sent again (a new generation
 * whose replies follow); `stopped` means it failed too often and waits for `restart()`.
 */
export type SupervisorReply =
  | {
      readonly type: 'restarted'
      readonly id: 0
      readonly gen: number
      readonly reason: string
      readonly restarts: number
    }
  | { readonly type: 'stopped'; readonly id: 0; readonly gen: number; readonly reason: string }

/** What the client's listener receives: the worker's replies and the supervisor's reports. */
export type ClientReply = EngineReply | SupervisorReply

/** Bounds of the supervisor: a silent worker, and how many restarts before giving up. */
export const SUPERVISION = {
  /** A worker with work pending that posts nothing for this long is taken to be hung. */
  replyTimeoutMs: 5_000,
  /** At most this many automatic restarts within `restartWindowMs` … */
  maxRestarts: 3,
  restartWindowMs: 60_000,
} as const

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

const inStepOrder = (ivs: readonly ScheduledIntervention[]): ScheduledIntervention[] =>
  ivs
    .map((iv, i) => ({ iv, i }))
    .sort((p, q) => p.iv.step - q.iv.step || p.i - q.i)
    .map((p) => p.iv)

/**
 * The first step at which two runs can differ: Infinity when the inputs are equal, 0 when the
 * seed or config differ, else the step of the first intervention that is not shared. Pure.
 */
export function firstDivergentStep(a: RunInput, b: RunInput): number {
  if ((a.protocol ?? 'paxos') !== (b.protocol ?? 'paxos')) return 0
  if (a.seed !== b.seed || !sameJson(a.config, b.config)) return 0
  // The simulator applies interventions in a stable order by step; compare them in that order.
  const xs = inStepOrder(a.interventions)
  const ys = inStepOrder(b.interventions)
  const n = Math.max(xs.length, ys.length)
  for (let i = 0; i < n; i++) {
    const x = xs[i]
    const y = ys[i]
    if (x && y && sameJson(x, y)) continue
    return Math.min(x?.step ?? Infinity, y?.step ?? Infinity)
  }
  return Infinity
}

/** Events that end a run; a longer run with the same prefix would not contain them. */
function endsRun(e: SimEvent): boolean {
  return e.kind === 'run.quiescent' || (e.kind === 'limit.reached' && e.limit !== 'in-flight')
}

/**
 * How many events of `log` a rerun that may differ from step `divergent` on is sure to repeat:
 * every event of an earlier step, except an end-of-run event. Conservative and pure.
 */
export function sharedPrefix(log: readonly SimEvent[], divergent: number): number {
  let i = 0
  while (i < log.length) {
    const e = log[i] as SimEvent
    if (e.step >= divergent || endsRun(e)) break
    i++
  }
  return i
}
