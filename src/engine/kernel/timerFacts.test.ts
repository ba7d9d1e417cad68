import { describe, expect, it } from 'vitest'
import { presetById } from '../../scenarios/presets.ts'
import { toRunInput } from '../../scenarios/scenario.ts'
import { logHash, runProtocolPreset, runToEnd, type SimEvent } from '../index.ts'
import { multipaxos } from '../protocols/multipaxos/module.ts'

/**
 * Timers are facts of the log (issue 12: countdowns on the lanes): every `timer.set` is followed
 * by exactly one end the log states — it fires, it is cancelled (`timer.cancel`), the same key is
 * set again (the new `timer.set` replaces it), its process crashes — or it is still pending when
 * the run stops. A cancel is logged only for a timer that was pending.
 */

interface Pending {
  readonly timerId: number
  readonly pid: number
  readonly key: string
  readonly fireAt: number
}
type Ev = SimEvent | { kind: string; step: number; tick: number; text: string; [k: string]: unknown }

/** Walk the log, checking each timer's end; returns how many ended each way. */
function timerEnds(log: readonly Ev[]): Record<'fire' | 'cancel' | 'replaced' | 'crash' | 'pending', number> {
  const pending = new Map<string, Pending>()
  const ends = { fire: 0, cancel: 0, replaced: 0, crash: 0, pending: 0 }
  for (const e of log as readonly (Ev & Partial<Pending>)[]) {
    const slot = `${e.pid}|${e.key}`
    if (e.kind === 'timer.set') {
      if (pending.has(slot)) ends.replaced++
      pending.set(slot, { timerId: e.timerId!, pid: e.pid!, key: e.key!, fireAt: e.fireAt! })
    } else if (e.kind === 'timer.fire' || e.kind === 'timer.cancel') {
      const t = pending.get(slot)
      if (!t) throw new Error(`step ${e.step}: ${e.kind} of P${e.pid}'s ${e.key}, which is not pending`)
      expect(e.timerId).toBe(t.timerId)
      if (e.kind === 'timer.cancel') {
        expect(e.fireAt).toBe(t.fireAt)
        expect(e.tick).toBeLessThanOrEqual(t.fireAt)
      }
      pending.delete(slot)
      ends[e.kind === 'timer.fire' ? 'fire' : 'cancel']++
    } else if (e.kind === 'proc.crash') {
      for (const [k, t] of pending) {
        if (t.pid !== e.pid) continue
        pending.delete(k)
        ends.crash++
      }
    }
  }
  ends.pending = pending.size
  return ends
}

const paxosRun = (id: string) => {
  const preset = presetById(id)
  if (!preset) throw new Error(`no preset ${id}`)
  return runToEnd(toRunInput(preset.scenario)).log
}

describe('timer facts in the log', () => {
  it('a proposer that backs off cancels its pending timeout, logged with its deadline', () => {
    const log = paxosRun('dueling-backoff')
    const ends = timerEnds(log)
    expect(ends.cancel).toBeGreaterThan(0)
    const i = log.findIndex((e) => e.kind === 'timer.cancel' && e.key === 'timeout')
    const cancel = log[i] as Extract<SimEvent, { kind: 'timer.cancel' }>
    // The same handler then arms the backoff: the countdown changes from timeout to backoff.
    expect(log[i + 1]).toMatchObject({ kind: 'timer.set', key: 'retry', pid: cancel.pid, step: cancel.step })
    expect(cancel.text).toBe(
      `P${cancel.pid} cancels its timeout (due at tick ${cancel.fireAt}): its ballot is over.`,
    )
  })

  it('cancelling a timer that is not set logs nothing (a first ballot has no backoff to cancel)', () => {
    const log = paxosRun('basic')
    const ends = timerEnds(log)
    // P1 decides: its timeout and, later, its re-send timer are cancelled; nothing else is.
    expect(log.filter((e) => e.kind === 'timer.cancel').map((e) => `${e.pid}:${String(e.key)}`)).toEqual([
      '1:timeout',
      '1:inform',
    ])
    expect(ends).toMatchObject({ cancel: 2, pending: 0 })
  })

  it.each(['racing-adopt', 'message-loss', 'minority-crash', 'partition'])(
    '%s: every timer ends in a way the log states',
    (id) => {
      const ends = timerEnds(paxosRun(id))
      expect(ends.fire + ends.cancel).toBeGreaterThan(0)
    },
  )

  it.each(['mp-backoff', 'mp-leader-crash'])(
    '%s: Multi-Paxos timers too; a new leader cancels its election timer',
    (id) => {
      const preset = multipaxos.presets.find((p) => p.id === id)
      if (!preset) throw new Error(`no preset ${id}`)
      const { log } = runProtocolPreset(multipaxos, preset)
      const ends = timerEnds(log as readonly Ev[])
      expect(ends.cancel).toBeGreaterThan(0)
      const elected = log.find((e) => e.kind === 'timer.cancel' && e.key === 'election')
      expect(elected?.text).toMatch(/^P\d cancels its election timer \(due at tick \d+\)$/)
    },
  )

  it('stays deterministic: the same scenario gives the same log, cancels included', () => {
    expect(logHash(paxosRun('dueling-backoff'))).toBe(logHash(paxosRun('dueling-backoff')))
  })
})
