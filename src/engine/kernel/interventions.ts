import { LIMITS } from './limits.ts'
import type { ProtocolTypes } from './module.ts'
import { pidName, processNamer, type ProcessNamer } from './narration.ts'
import type { KernelState } from './state.ts'
import type { Intervention, ProcessId, Tick } from './types.ts'
import { deliver, drop, duplicate, fireTimer, processOf, takeInFlight, timerOf, type World } from './world.ts'

/**
 * Apply one user intervention to the world. An intervention that does not fit the current state
 * (a message no longer in flight, a process already down) is reported as `intervention.invalid`
 * and changes nothing, so an edited or stale scenario still replays.
 */
export function applyIntervention<T extends ProtocolTypes>(w: World<T>, a: Intervention): void {
  const problem = interventionProblem(
    w.module.requestProblem,
    w.state,
    a,
    processNamer(w.module, w.state.config),
  )
  if (problem) return w.emit({ kind: 'intervention.invalid', action: a, reason: problem })
  const s = w.state
  switch (a.type) {
    case 'propose': {
      const p = processOf(s, a.pid as ProcessId)
      const r = w.module.onRequest(p.local, { value: a.value, ctx: w.context(p.pid) })
      p.local = r.state
      return w.perform(p, r.outbox, null)
    }
    case 'deliver':
    case 'drop':
    case 'delay':
    case 'duplicate':
      return messageAction(w, a)
    case 'crash':
      return crash(w, a.pid as ProcessId)
    case 'recover': {
      const p = processOf(s, a.pid as ProcessId)
      p.up = true
      w.emit({ kind: 'proc.recover', pid: p.pid })
      const r = w.module.onRecover(p.local, { ctx: w.context(p.pid) })
      p.local = r.state
      return w.perform(p, r.outbox, null)
    }
    case 'partition': {
      const groups = s.procs.map(() => a.groups.length)
      a.groups.forEach((g, i) => g.forEach((p) => (groups[p - 1] = i)))
      s.groups = groups
      const rest = s.procs.filter((p) => groups[p.pid - 1] === a.groups.length).map((p) => p.pid as number)
      const shown = a.groups.map((g) => [...g]).filter((g) => g.length > 0)
      return w.emit({ kind: 'net.partition', groups: rest.length ? [...shown, rest] : shown })
    }
    case 'heal':
      s.groups = null
      return w.emit({ kind: 'net.heal' })
    case 'fire-timer': {
      const t = timerOf(s, a.pid, a.key)
      if (!t) return
      s.step++
      return fireTimer(w, t, true)
    }
  }
}

function messageAction<T extends ProtocolTypes>(
  w: World<T>,
  a: Extract<Intervention, { msgId: number }>,
): void {
  const s = w.state
  const m = takeInFlight(s, a.msgId)
  if (!m) return
  if (a.type === 'deliver') {
    // Delivering now is the next step of the run, chosen by the user instead of the scheduler.
    s.step++
    return deliver(w, m, true)
  }
  if (a.type === 'drop') return drop(w, m, 'user')
  if (a.type === 'duplicate') {
    s.inFlight.push(m)
    return duplicate(w, m)
  }
  const delayed = { ...m, deliverAt: (m.deliverAt + a.ticks) as Tick }
  s.inFlight.push(delayed)
  w.emit({ kind: 'msg.delay', msg: delayed, byTicks: a.ticks })
}

/**
 * A crash: the process is down, its timers are disarmed, messages on their way to it are lost,
 * and the protocol says what survives on stable storage.
 */
function crash<T extends ProtocolTypes>(w: World<T>, pid: ProcessId): void {
  const s = w.state
  const p = processOf(s, pid)
  p.up = false
  s.timers = s.timers.filter((t) => t.pid !== pid)
  w.emit({ kind: 'proc.crash', pid })
  const inbound = s.inFlight.filter((m) => m.to === pid)
  s.inFlight = s.inFlight.filter((m) => m.to !== pid)
  for (const m of inbound) drop(w, m, 'crash')
  const r = w.module.onCrash(p.local, { ctx: w.context(pid) })
  p.local = r.state
  w.perform(p, r.outbox, null)
}

const inRange = <T extends ProtocolTypes>(s: KernelState<T>, p: number): boolean =>
  Number.isInteger(p) && p >= 1 && p <= s.procs.length

/**
 * Why an intervention cannot apply now, or null when it can. `requestProblem` is the protocol's
 * say on a `propose` at an up process; `P` names a process as its module does. Pure.
 */
export function interventionProblem<T extends ProtocolTypes>(
  requestProblem: (state: T['Proc'], value?: string) => string | null,
  s: KernelState<T>,
  a: Intervention,
  P: ProcessNamer = pidName,
): string | null {
  if ((a.type === 'deliver' || a.type === 'fire-timer') && s.step >= s.config.maxSteps) {
    return `the run has reached its limit of ${s.config.maxSteps} steps`
  }
  switch (a.type) {
    case 'propose': {
      if (!inRange(s, a.pid)) return `there is no process P${a.pid}`
      if (typeof a.value !== 'string' || a.value.length === 0 || a.value.length > LIMITS.valueLengthMax)
        return `a value must be 1 to ${LIMITS.valueLengthMax} characters`
      const p = s.procs[a.pid - 1]
      if (!p?.up) return `${P(a.pid)} is down`
      return requestProblem(p.local, a.value)
    }
    case 'deliver':
    case 'drop':
    case 'duplicate':
    case 'delay':
      if (
        a.type === 'delay' &&
        (!Number.isInteger(a.ticks) || a.ticks < 1 || a.ticks > LIMITS.latencyTicksMax * 10)
      )
        return `a delay must be 1 to ${LIMITS.latencyTicksMax * 10} ticks`
      {
        const m = s.inFlight.find((x) => x.id === a.msgId)
        if (!m) return `message #${a.msgId} is not in flight`
        // A self-message never crosses the network (module.ts, ARCHITECTURE.md): it cannot be lost
        // or duplicated, by the network or by hand.
        if (m.from === m.to && (a.type === 'drop' || a.type === 'duplicate'))
          return `#${a.msgId} is a self-message (${P(m.from)} to itself): it never crosses the network, so it cannot be ${a.type === 'drop' ? 'dropped' : 'duplicated'}`
        return null
      }
    case 'crash':
      if (!inRange(s, a.pid)) return `there is no process P${a.pid}`
      return s.procs[a.pid - 1]?.up ? null : `${P(a.pid)} is already down`
    case 'recover':
      if (!inRange(s, a.pid)) return `there is no process P${a.pid}`
      return s.procs[a.pid - 1]?.up ? `${P(a.pid)} is not down` : null
    case 'partition': {
      const all = a.groups.flat()
      if (a.groups.length < 1 || all.length === 0) return 'a partition needs at least one group'
      if (!all.every((p) => inRange(s, p))) return 'a partition group names a process that does not exist'
      if (new Set(all).size !== all.length) return 'a process appears in two partition groups'
      return null
    }
    case 'heal':
      return s.groups === null ? 'the network is not partitioned' : null
    case 'fire-timer':
      if (!inRange(s, a.pid)) return `there is no process P${a.pid}`
      if (timerOf(s, a.pid, a.key)) return null
      return a.key === undefined ? `${P(a.pid)} has no timer set` : `${P(a.pid)} has no ${a.key} timer set`
  }
}

/**
 * A partition's groups as the network has them: the groups listed, then every process not
 * listed, together in one more group (as `net.partition` reports them). For words that must name
 * both sides, not only the side the action lists. Pure.
 */
export function partitionGroups(listed: readonly (readonly number[])[], processCount: number): number[][] {
  const inListed = new Set(listed.flat())
  const rest = Array.from({ length: processCount }, (_, i) => i + 1).filter((p) => !inListed.has(p))
  const shown = listed.map((g) => [...g]).filter((g) => g.length > 0)
  return rest.length > 0 ? [...shown, rest] : shown
}
