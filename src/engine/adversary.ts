import { Simulator, type Intervention, type RunInput, type SimState } from './index.ts'

/**
 * A random adversary for property tests and search: it turns a list of small integers (made by a
 * generator such as fast-check, or by a seeded PRNG) into a schedule of interventions, choosing at
 * each step only among the interventions that are valid right now, so that every choice matters.
 * Deterministic: the same run input and the same integers give the same run.
 */
export interface AdversaryPlan {
  /** Processes the adversary may ask to propose again (each proposes `v<pid>`). */
  readonly proposers: readonly number[]
  /** Whether crashes, recoveries, partitions and heals are allowed. */
  readonly faults: boolean
  /** Whether deliver-now, drop, delay and duplicate of in-flight messages are allowed. */
  readonly reorder: boolean
}

/** How one integer is read: its low bits pick the kind of action, the rest pick the target. */
const KINDS = 24
const STEP_ONLY = 12

/** The value a proposer is asked to propose: distinct per process, so disagreement is visible. Pure. */
export const valueOf = (pid: number): string => `v${pid}`

/**
 * The intervention that `choice` picks in state `s`, or null to let the scheduler take its step.
 * A choice whose kind has no valid target right now also means "just step". Pure.
 */
export function pickAction(s: SimState, choice: number, plan: AdversaryPlan): Intervention | null {
  const kind = choice % KINDS
  const t = Math.floor(choice / KINDS)
  if (kind < STEP_ONLY) return null
  const n = s.config.processCount
  const msg = s.inFlight.length > 0 ? s.inFlight[t % s.inFlight.length] : undefined
  const up = s.procs.filter((p) => p.up)
  const down = s.procs.filter((p) => !p.up)
  const timed = s.procs.filter((p) => s.timers.some((t) => t.pid === p.pid))
  if (plan.reorder && msg) {
    if (kind === 12 || kind === 13 || kind === 23) return { type: 'deliver', msgId: msg.id }
    if (kind === 14) return { type: 'drop', msgId: msg.id }
    if (kind === 15) return { type: 'delay', msgId: msg.id, ticks: 1 + (Math.floor(t / 64) % 40) }
    if (kind === 16) return { type: 'duplicate', msgId: msg.id }
  }
  if (plan.faults) {
    const u = up[t % Math.max(1, up.length)]
    const d = down[t % Math.max(1, down.length)]
    if (kind === 17 && u) return { type: 'crash', pid: u.pid }
    if (kind === 18 && d) return { type: 'recover', pid: d.pid }
    if (kind === 19) return { type: 'partition', groups: split(n, t) }
    if (kind === 20 && s.groups !== null) return { type: 'heal' }
  }
  const timer = timed[t % Math.max(1, timed.length)]
  if (kind === 21 && timer) return { type: 'fire-timer', pid: timer.pid }
  const proposer = plan.proposers[t % Math.max(1, plan.proposers.length)]
  if (kind === 22 && proposer !== undefined && s.procs[proposer - 1]?.up) {
    return { type: 'propose', pid: proposer, value: valueOf(proposer) }
  }
  return null
}

/** Two partition groups from the bits of `t` (one may be empty: then the other holds everyone). Pure. */
function split(n: number, t: number): number[][] {
  const a: number[] = []
  const b: number[] = []
  for (let p = 1; p <= n; p++) ((t >> p) & 1 ? a : b).push(p)
  return [a, b].filter((g) => g.length > 0)
}

/**
 * Drive a run interactively: for each integer, apply the action it picks (recorded through
 * `fork`, exactly as a user's click would be) and then let the scheduler take one step; once the
 * integers are used up, run to the end. The recorded interventions (`sim.recorded`) replay the
 * same run. Deterministic.
 */
export function runAdversary(input: RunInput, choices: readonly number[], plan: AdversaryPlan): Simulator {
  const sim = new Simulator(input)
  for (const choice of choices) {
    if (sim.state.halted !== null && sim.state.halted !== 'quiescent') break
    const action = pickAction(sim.state, choice, plan)
    if (action) sim.fork(sim.state.step, action)
    sim.step()
  }
  sim.run()
  return sim
}
