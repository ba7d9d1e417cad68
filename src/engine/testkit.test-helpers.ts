/**
 * Helpers shared by the engine's tests (not part of the engine; imported by *.test.ts only).
 */
import {
  defaultConfig,
  Simulator,
  type EventKind,
  type EventOf,
  type Intervention,
  type ScheduledIntervention,
  type SimConfig,
  type SimEvent,
} from './index.ts'

/** The lecture's setting: 5 processes, every message takes exactly 10 ticks. */
export function lectureConfig(over: Partial<SimConfig> = {}): SimConfig {
  return { ...defaultConfig(5), latencyTicksMin: 10, latencyTicksMax: 10, ...over }
}

export function withBugs(bugs: Partial<SimConfig['bugs']>, over: Partial<SimConfig> = {}): SimConfig {
  const c = lectureConfig(over)
  return { ...c, bugs: { ...c.bugs, ...bugs } }
}

export const at = (step: number, action: Intervention): ScheduledIntervention => ({ step, action })
export const propose = (pid: number, value: string, step = 0): ScheduledIntervention =>
  at(step, { type: 'propose', pid, value })

/** A simulator where P1 has just been asked to propose A (messages #1…#5 are its prepares). */
export function started(config: SimConfig = lectureConfig(), more: ScheduledIntervention[] = []): Simulator {
  return new Simulator({ seed: 1, config, interventions: [propose(1, 'A'), ...more] })
}

/** Apply `action` now, as a user would, and return the events it caused. */
export function act(sim: Simulator, action: Intervention): SimEvent[] {
  sim.seek(sim.state.step) // a stopped run first drops its closing event (quiet or limit)
  const from = sim.log.length
  sim.fork(sim.state.step, action)
  return sim.log.slice(from)
}

/** Run until the scheduler's next step has been taken `n` times (or the run stops). */
export function steps(sim: Simulator, n: number): void {
  for (let i = 0; i < n && sim.step(); i++) {
    // stepping
  }
}

export function ofKind<K extends EventKind>(log: readonly SimEvent[], kind: K): EventOf<K>[] {
  return log.filter((e): e is EventOf<K> => e.kind === kind)
}

export const kinds = (log: readonly SimEvent[]): EventKind[] => log.map((e) => e.kind)

/** Delivery events of message `id`. */
export const deliveriesOf = (log: readonly SimEvent[], id: number) =>
  ofKind(log, 'msg.deliver').filter((e) => e.msg.id === id)
export const dropsOf = (log: readonly SimEvent[], id: number) =>
  ofKind(log, 'msg.drop').filter((e) => e.msg.id === id)
