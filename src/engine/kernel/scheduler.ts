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
    return { msg: null, timer }
  return best ? { msg: best, timer: null } : null
}

/** Perform one scheduler step: time moves to the item's deadline, then it is delivered or fired. */
export function performDue<T extends ProtocolTypes>(w: World<T>, due: Due<T>): void {
  const s = w.state
  s.step++
  if (due.msg) {
    s.tick = Math.max(s.tick, due.msg.deliverAt) as Tick
    removeAt(s.inFlight, s.inFlight.indexOf(due.msg))
    deliver(w, due.msg, false)
  } else {
    s.tick = Math.max(s.tick, due.timer.fireAt) as Tick
    fireTimer(w, due.timer, false)
  }
}
