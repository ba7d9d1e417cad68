import type { Intervention } from '../engine/index.ts'
import type { ProtocolModule, ProtocolTypes, RunEvent } from '../engine/kernel/module.ts'
import { applyIntervention } from '../engine/kernel/interventions.ts'
import { nextDue, performDue } from '../engine/kernel/scheduler.ts'
import type { KernelState } from '../engine/kernel/state.ts'
import { messageKey } from '../engine/kernel/stateKey.ts'
import { World } from '../engine/kernel/world.ts'

/**
 * The moves of the schedule search, for any protocol: the scheduler's own next step, or one
 * intervention within the budgets, and what each costs. Pure.
 */

export interface SimBudgets {
  /** Deliveries out of the default order (deliver-now) and early timer firings. */
  readonly reorders: number
  readonly drops: number
  readonly duplicates: number
  readonly crashes: number
  readonly recoveries: number
  readonly proposals: number
}

/** No faults, and one request: what the app, the CLI and the bench start from unless a preset says more. */
export const NO_BUDGETS: SimBudgets = {
  reorders: 0,
  drops: 0,
  duplicates: 0,
  crashes: 0,
  recoveries: 0,
  proposals: 1,
}

/** `null` is the scheduler's own next step; anything else is an intervention. */
export type Move = Intervention | null

/** The budgets spent along a path. */
export type Used = { -readonly [K in keyof SimBudgets]: number }

export const zeroUsed = (): Used => ({
  reorders: 0,
  drops: 0,
  duplicates: 0,
  crashes: 0,
  recoveries: 0,
  proposals: 0,
})

/** A world that keeps the move's events for the goal instead of narrating them. */
export class QuietWorld<T extends ProtocolTypes> extends World<T> {
  events: RunEvent<T>[] = []
  protected record(body: RunEvent<T>): void {
    this.events.push(body)
  }
}

/** Take one move: the scheduler's next step, or an intervention. */
export function apply<T extends ProtocolTypes>(w: QuietWorld<T>, move: Move): void {
  if (move) return applyIntervention(w, move)
  const due = nextDue(w.state)
  if (due) performDue(w, due)
}

/** What a path has spent once `move` is taken. Pure. */
export function charge(u: Used, move: Move): Used {
  const t = move?.type
  return {
    reorders: u.reorders + (t === 'deliver' || t === 'fire-timer' ? 1 : 0),
    drops: u.drops + (t === 'drop' ? 1 : 0),
    duplicates: u.duplicates + (t === 'duplicate' ? 1 : 0),
    crashes: u.crashes + (t === 'crash' ? 1 : 0),
    recoveries: u.recoveries + (t === 'recover' ? 1 : 0),
    proposals: u.proposals + (t === 'propose' ? 1 : 0),
  }
}

const FRESH_VALUES = ['X', 'Y', 'Z']

/**
 * The moves worth trying in a state: the scheduler's step first, then each budgeted intervention.
 * Identical in-flight messages (same sender, receiver and payload) lead to identical futures, so
 * only one of each is tried; the message the scheduler delivers next is not "reordered". No step
 * is taken past the run's Max steps: a counterexample must replay to its end in the app.
 */
export function movesOf<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  s: KernelState<T>,
  used: Used,
  budgets: SimBudgets,
): Move[] {
  const canStep = s.step < s.config.maxSteps
  const due = canStep ? nextDue(s) : null
  const out: Move[] = due ? [null] : []
  const distinct = new Map<string, number>()
  for (const m of s.inFlight) {
    const k = messageKey(module, m)
    if (!distinct.has(k)) distinct.set(k, m.id)
  }
  const ids = [...distinct.values()]
  // A self-message can be reordered but never dropped or duplicated (the kernel refuses it).
  const remote = ids.filter((id) => s.inFlight.some((m) => m.id === id && m.from !== m.to))
  if (canStep && used.reorders < budgets.reorders) {
    for (const msgId of ids) if (msgId !== due?.msg?.id) out.push({ type: 'deliver', msgId })
    for (const p of s.procs) {
      const timed = s.timers.some((t) => t.pid === p.pid && t !== due?.timer)
      if (p.up && timed) out.push({ type: 'fire-timer', pid: p.pid })
    }
  }
  // A drop or a crash changes nothing anyone sees until its victim's next step, so it is tried
  // only right before that step (see `faultsWaitForTheirVictim`). A crash is tried anywhere while
  // a recovery is still allowed: crashing and recovering at once wipes a process's memory.
  const dueMsg = due?.msg ?? null
  if (used.drops < budgets.drops && dueMsg && dueMsg.from !== dueMsg.to)
    out.push({ type: 'drop', msgId: dueMsg.id })
  if (used.duplicates < budgets.duplicates) for (const msgId of remote) out.push({ type: 'duplicate', msgId })
  const amnesia = used.recoveries < budgets.recoveries
  const acts = (pid: number): boolean => (dueMsg ? dueMsg.to === pid : due?.timer?.pid === pid)
  for (const p of s.procs) {
    if (p.up && used.crashes < budgets.crashes && (amnesia || acts(p.pid)))
      out.push({ type: 'crash', pid: p.pid })
    if (!p.up && used.recoveries < budgets.recoveries) out.push({ type: 'recover', pid: p.pid })
  }
  if (used.proposals < budgets.proposals) {
    const values = module.explorer.requestValues ?? [
      FRESH_VALUES[used.proposals % FRESH_VALUES.length] ?? 'X',
    ]
    for (const p of s.procs)
      if (p.up && module.explorer.wantsRequest(p.local))
        for (const value of values) out.push({ type: 'propose', pid: p.pid, value })
  }
  return out
}
