import type { ProtocolTypes } from './module.ts'
import type { KernelState } from './state.ts'
import type { Message, Tick, Timer } from './types.ts'
import { removeAt } from './lists.ts'
import { deliver, fireTimer, type World } from './world.ts'

/** The scheduler's next item: a delivery or a timer firing. */
export type Due<T extends ProtocolTypes> =
  | { readonly msg: Message<T['Msg']>; readonly timer: null }
  | { readonly msg: null; readonly timer: Timer<T['TimerKey']> }

/**
 * The next thing the scheduler will do: the earliest due delivery or timer of an up process;
 * ties by scheduling order (`seq`). Pure.
 */
export function nextDue<T extends ProtocolTypes>(s: KernelState<T>): Due<T> | null {
  const next = nextItem(s)
  if (next === null) return null
  return isTimer(next) ? { msg: null, timer: next } : { msg: next, timer: null }
}

/** A timer, not a message (a message has no `fireAt`). */
const isTimer = <T extends ProtocolTypes>(
  x: Message<T['Msg']> | Timer<T['TimerKey']>,
): x is Timer<T['TimerKey']> => 'fireAt' in x

/**
 * `nextDue` without the wrapper object: the simulator asks once per step, and a `Due` per step
 * was pure garbage. Pure.
 */
export function nextItem<T extends ProtocolTypes>(
  s: KernelState<T>,
): Message<T['Msg']> | Timer<T['TimerKey']> | null {
  let best: Message<T['Msg']> | null = null
  const inFlight = s.inFlight
  for (let i = 0; i < inFlight.length; i++) {
    const m = inFlight[i] as Message<T['Msg']>
    if (!best || m.deliverAt < best.deliverAt || (m.deliverAt === best.deliverAt && m.seq < best.seq))
      best = m
  }
  let timer: Timer<T['TimerKey']> | null = null
  const timers = s.timers
  for (let i = 0; i < timers.length; i++) {
    const t = timers[i] as Timer<T['TimerKey']>
    if (!s.procs[t.pid - 1]?.up) continue
    if (!timer || t.fireAt < timer.fireAt || (t.fireAt === timer.fireAt && t.seq < timer.seq)) timer = t
  }
  if (
    timer &&
    (!best || timer.fireAt < best.deliverAt || (timer.fireAt === best.deliverAt && timer.seq < best.seq))
  )
    return timer
  return best
}

/** Perform one scheduler step: time moves to the item's deadline, then it is delivered or fired. */
export function performDue<T extends ProtocolTypes>(w: World<T>, due: Due<T>): void {
  performItem(w, due.msg ?? due.timer)
}

/** `performDue` of `nextItem`'s answer. */
export function performItem<T extends ProtocolTypes>(
  w: World<T>,
  item: Message<T['Msg']> | Timer<T['TimerKey']>,
): void {
  const s = w.state
  s.step++
  if (isTimer(item)) {
    s.tick = Math.max(s.tick, item.fireAt) as Tick
    fireTimer(w, item, false)
  } else {
    s.tick = Math.max(s.tick, item.deliverAt) as Tick
    removeAt(s.inFlight, s.inFlight.indexOf(item))
    deliver(w, item, false)
  }
}
