import { simulatorFor, type ProcSlot, type ProtocolRunInput, type SimEvent } from '../engine/index.ts'

/**
 * The real engine state at any step of a run, for the panels: one in-thread simulator per run,
 * moved with the engine's own time travel (`seek`: the nearest snapshot, then replay). The panels
 * read each process's state through its protocol module (`view`, `laneStatus`, the log grid), so
 * nobody re-interprets the event log. Deterministic: the same inputs give the worker's run.
 */

export interface EngineMoment {
  /** The step the state is at (the end of the run when asked for a step beyond it). */
  readonly step: number
  readonly procs: readonly ProcSlot<never>[]
  /** Pending timers, in firing order. */
  readonly timers: readonly { readonly pid: number; readonly key: string; readonly fireAt: number }[]
  /** The events up to and including `step` (a copy: the simulator's log moves on). */
  readonly events: readonly SimEvent[]
}

type Sim = ReturnType<typeof simulatorFor>

/** One simulator, for the last run asked about (`key`: the object standing for its inputs). */
let current: { key: object; sim: Sim } | null = null

/** The state after step `step` of the run `input` (keyed by `key`, e.g. the scenario). */
export function engineMomentAt(key: object, input: () => ProtocolRunInput, step: number): EngineMoment {
  if (current?.key !== key) current = { key, sim: simulatorFor(input()) }
  const { sim } = current
  sim.seek(Math.max(0, step))
  const procs = sim.state.procs.map((p) => ({ pid: p.pid, up: p.up, local: p.local })) as ProcSlot<never>[]
  const timers = [...sim.state.timers]
    .sort((a, b) => a.fireAt - b.fireAt || a.seq - b.seq)
    .map((t) => ({ pid: t.pid as number, key: t.key as string, fireAt: t.fireAt as number }))
  return { step: sim.state.step, procs, timers, events: sim.log.slice() as SimEvent[] }
}
