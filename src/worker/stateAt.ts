import {
  simulatorFor,
  type Intervention,
  type Message,
  type ProcSlot,
  type ProtocolRunInput,
  type SimEvent,
} from '../engine/index.ts'

/**
 * The real engine state at any step of a run, for the panels: an in-thread simulator per run,
 * moved with the engine's own time travel (`seek`: the nearest snapshot, then replay; `fork`:
 * act in the past). The panels read each process's state through its protocol module (`view`,
 * `laneStatus`, the log grid), so nobody re-interprets the event log. Deterministic: the same
 * inputs give the worker's run.
 */

export interface EngineMoment {
  /** The step the state is at (the end of the run when asked for a step beyond it). */
  readonly step: number
  readonly procs: readonly ProcSlot<never>[]
  /** Pending timers, in firing order. */
  readonly timers: readonly { readonly pid: number; readonly key: string; readonly fireAt: number }[]
  /** Messages on the wire, the next to arrive first. */
  readonly inFlight: readonly Message[]
  /**
   * The events up to and including `step`, copied when asked (a module's log grid needs them; the
   * other panels do not pay for the copy). Ask before the next moment: the simulator moves on.
   */
  events(): readonly SimEvent[]
}

type Sim = ReturnType<typeof simulatorFor>

/**
 * A snapshot every this many steps: a step back restores the snapshot before it and captures
 * every step from there (see `engineMomentAt`), so this bounds a step back's work. Not the
 * engine's default (`SNAPSHOT_EVERY_DEFAULT`, 512), which is for simulators that seldom go back.
 */
const SNAPSHOT_EVERY = 64
/**
 * Snapshots the panels' simulator keeps: four times the engine's default, so that on a long run
 * (40,000 steps) they stay `SNAPSHOT_EVERY` steps apart and a step back replays at most that
 * many steps. A Paxos snapshot is a few KB: about 5 MB at most.
 */
const SNAPSHOTS_MAX = 1_024
/** Moments kept per run: the steps of the last window replayed after a step back, and recent ones. */
const MOMENTS_MAX = 256

/** The simulator of the last run asked about (`key`: the object standing for its inputs). */
let current: { key: object; sim: Sim; moments: Map<number, EngineMoment>; last: number } | null = null

/** A step back by at most this many steps (the step buttons, not a scrub) keeps the steps on the way. */
const STEP_BACK_MAX = 4

const byArrival = (a: Message, b: Message): number => a.deliverAt - b.deliverAt || a.seq - b.seq

/** The moment the simulator is at now. */
function capture(sim: Sim): EngineMoment {
  const procs = sim.state.procs.map((p) => ({ pid: p.pid, up: p.up, local: p.local })) as ProcSlot<never>[]
  const timers = [...sim.state.timers]
    .sort((a, b) => a.fireAt - b.fireAt || a.seq - b.seq)
    .map((t) => ({ pid: t.pid as number, key: t.key as string, fireAt: t.fireAt as number }))
  const inFlight = (sim.state.inFlight as Message[]).slice().sort(byArrival)
  // The log's length without reading the log: reading it narrates every event (Simulator.log),
  // which only a module's log grid asks for; the other panels never pay for the words.
  const length = sim.logLength
  let copy: readonly SimEvent[] | null = null
  const events = (): readonly SimEvent[] => (copy ??= (sim.log as SimEvent[]).slice(0, length))
  return { step: sim.state.step, procs, timers, inFlight, events }
}

function remember(moments: Map<number, EngineMoment>, step: number, m: EngineMoment): void {
  moments.set(step, m)
  if (moments.size > MOMENTS_MAX) moments.delete(moments.keys().next().value as number)
}

/** The state after step `step` of the run `input` (keyed by `key`, e.g. the scenario). */
export function engineMomentAt(key: object, input: () => ProtocolRunInput, step: number): EngineMoment {
  if (current?.key !== key)
    current = {
      key,
      sim: simulatorFor(input(), { snapshotEvery: SNAPSHOT_EVERY, snapshotsMax: SNAPSHOTS_MAX }),
      moments: new Map(),
      last: 0,
    }
  const { sim, moments } = current
  const target = Math.max(0, step)
  const stepping = current.last - target <= STEP_BACK_MAX
  current.last = target
  const known = moments.get(target)
  if (known) return known
  if (target < sim.state.step && stepping) {
    // A step back restores a snapshot and replays from it anyway: keep every step on the way, so
    // the next steps back cost nothing.
    sim.seek(sim.snapshotStepAtOrBefore(target), true)
    while (sim.state.step < target) {
      const from = sim.state.step
      sim.seek(from + 1, true)
      if (sim.state.step === from) break // (cannot happen: the run went past `target` before)
      if (sim.state.step < target) remember(moments, sim.state.step, capture(sim))
    }
  } else sim.seek(target, true)
  const m = capture(sim)
  // A step beyond the end of the run is the end: not remembered under its own number.
  if (m.step === target) remember(moments, target, m)
  return m
}

/**
 * Compute the run keyed `key` ahead, up to step `step`, so that a later jump there (the End key,
 * a scrub) restores a snapshot instead of replaying the whole run. For idle time: bounded by the
 * caller's steps per call. False (doing nothing) for another run than the one held.
 */
export function warmEngineRun(key: object, step: number): boolean {
  if (current?.key !== key) return false
  const { sim } = current
  if (sim.state.step < step && !sim.halted) sim.seek(step, true)
  return true
}

/**
 * The user acted at `step` of the run keyed `from`, giving the run keyed `to`: its simulator
 * forks (its snapshots before `step` stay), instead of replaying the new run from the start.
 * Does nothing when `from` is not the run held.
 */
export function forkMomentRun(from: object, to: object, step: number, action: Intervention): void {
  if (current?.key !== from) return
  current.sim.fork(step, action)
  current = { key: to, sim: current.sim, moments: new Map(), last: step }
}
