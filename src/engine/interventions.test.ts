import { describe, expect, it } from 'vitest'
import { Simulator } from './index.ts'
import { tick } from './index.ts'
import {
  act,
  at,
  deliveriesOf,
  dropsOf,
  kinds,
  lectureConfig,
  ofKind,
  started,
  steps,
} from './testkit.test-helpers.ts'

/** User interventions on messages and timers, applied through the Simulator as a click would be. */

describe('propose', () => {
  it('starts phase 1: prepare to every process (itself included) and a timeout', () => {
    const sim = new Simulator({ seed: 1, config: lectureConfig(), interventions: [] })
    const events = act(sim, { type: 'propose', pid: 2, value: '10' })
    expect(kinds(events)).toEqual([
      'proposal.start',
      'proposer.phase',
      ...Array<'msg.send'>(5).fill('msg.send'),
      'timer.set',
    ])
    expect(events.every((e) => e.byUser && e.step === 0 && e.tick === 0)).toBe(true)
    const sends = ofKind(events, 'msg.send')
    expect(sends.map((e) => [e.msg.id, e.msg.from, e.msg.to])).toEqual(
      [1, 2, 3, 4, 5].map((to) => [to, 2, to]),
    )
    expect(
      sends.every((e) => e.msg.payload.type === 'prepare' && e.msg.deliverAt === (e.msg.to === 2 ? 0 : 10)),
    ).toBe(true)
    expect(sim.state.ghost.proposed).toEqual(['10'])
    expect(sim.recorded).toEqual([at(0, { type: 'propose', pid: 2, value: '10' })])
  })

  it('assigns message ids 1, 2, 3… in send order, and the run decides the value', () => {
    const sim = started()
    sim.run()
    const ids = ofKind(sim.log, 'msg.send').map((e) => e.msg.id)
    expect(ids).toEqual(ids.map((_, i) => i + 1))
    expect(ofKind(sim.log, 'value.chosen')).toMatchObject([{ value: 'A' }])
  })
})

describe('deliver now', () => {
  it('delivers an in-flight message at once, as the next step, without moving time', () => {
    const sim = started()
    const events = act(sim, { type: 'deliver', msgId: 3 })
    expect(events[0]).toMatchObject({ kind: 'msg.deliver', now: true, byUser: true, step: 1, tick: 0 })
    expect(events[0]?.kind === 'msg.deliver' && events[0].msg.id).toBe(3)
    expect(kinds(events)).toEqual(['msg.deliver', 'acceptor.promise', 'msg.send'])
    expect(sim.state.step).toBe(1)
    expect(sim.state.inFlight.some((m) => m.id === 3)).toBe(false)
    sim.run()
    expect(deliveriesOf(sim.log, 3)).toHaveLength(1)
  })

  it('delivers a message the network was going to lose', () => {
    const sim = started(lectureConfig({ lossPercent: 100 }))
    expect(sim.state.inFlight.find((m) => m.id === 2)?.lost).toBe(true)
    act(sim, { type: 'deliver', msgId: 2 })
    expect(deliveriesOf(sim.log, 2)).toHaveLength(1)
    sim.run()
    expect(dropsOf(sim.log, 3)).toMatchObject([{ reason: 'loss' }])
  })
})

describe('drop', () => {
  it('removes the message from the wire: it is never delivered', () => {
    const sim = started()
    const events = act(sim, { type: 'drop', msgId: 2 })
    expect(events).toMatchObject([{ kind: 'msg.drop', reason: 'user', byUser: true }])
    expect(sim.state.step).toBe(0)
    sim.run()
    expect(deliveriesOf(sim.log, 2)).toEqual([])
  })
})

describe('self-messages', () => {
  // #1 is P1's prepare to itself: it never crosses the network, so it is never lost or duplicated.
  for (const type of ['drop', 'duplicate'] as const) {
    it(`refuses to ${type} a self-message and says why; it is still delivered once`, () => {
      const sim = started()
      const events = act(sim, { type, msgId: 1 })
      expect(events).toMatchObject([{ kind: 'intervention.invalid' }])
      expect(ofKind(events, 'intervention.invalid')[0]?.reason).toMatch(/self-message .* cannot be/)
      sim.run()
      expect(deliveriesOf(sim.log, 1)).toHaveLength(1)
      expect(ofKind(sim.log, 'msg.send').filter((e) => e.msg.dupOf === 1)).toEqual([])
    })
  }
})

describe('delay', () => {
  it('postpones the delivery by the given ticks', () => {
    const sim = started()
    const events = act(sim, { type: 'delay', msgId: 2, ticks: 25 })
    expect(events).toMatchObject([{ kind: 'msg.delay', byTicks: 25, msg: { id: 2, deliverAt: 35 } }])
    sim.run()
    expect(deliveriesOf(sim.log, 2)).toMatchObject([{ tick: 35, now: false }])
  })

  it('reorders: a delayed prepare arrives after the later ones', () => {
    const sim = started()
    act(sim, { type: 'delay', msgId: 2, ticks: 1 })
    sim.run()
    const order = ofKind(sim.log, 'msg.deliver')
      .filter((e) => e.msg.payload.type === 'prepare')
      .map((e) => e.msg.id)
    expect(order).toEqual([1, 3, 4, 5, 2])
  })
})

describe('duplicate', () => {
  it('sends a copy with the next id; the acceptor answers the retransmission again', () => {
    const sim = started()
    const events = act(sim, { type: 'duplicate', msgId: 2 })
    expect(events).toMatchObject([
      { kind: 'msg.send', msg: { id: 6, dupOf: 2, from: 1, to: 2, deliverAt: 10 } },
    ])
    sim.run()
    expect(deliveriesOf(sim.log, 2)).toHaveLength(1)
    expect(deliveriesOf(sim.log, 6)).toHaveLength(1)
    const promisesByP2 = ofKind(sim.log, 'msg.send').filter(
      (e) => e.msg.from === 2 && e.msg.payload.type === 'promise',
    )
    expect(promisesByP2).toHaveLength(2)
    expect(ofKind(sim.log, 'acceptor.promise').filter((e) => e.pid === 2)).toHaveLength(1)
    expect(ofKind(sim.log, 'invariant.violated')).toEqual([])
  })
})

describe('fire-timer', () => {
  it('fires the timeout now, as the next step: the ballot fails and a retry is set', () => {
    const sim = started()
    const events = act(sim, { type: 'fire-timer', pid: 1 })
    expect(events[0]).toMatchObject({ kind: 'timer.fire', pid: 1, key: 'timeout', now: true, step: 1 })
    expect(kinds(events)).toEqual(['timer.fire', 'proposer.phase', 'timer.set'])
    expect(events[1]).toMatchObject({ phase: 'waiting', failure: { reason: 'timeout' } })
    expect(events[2]).toMatchObject({ key: 'retry' })
  })

  it('fires a retry timer now: a higher ballot starts', () => {
    const sim = started()
    act(sim, { type: 'fire-timer', pid: 1 })
    const events = act(sim, { type: 'fire-timer', pid: 1 })
    expect(events[0]).toMatchObject({ kind: 'timer.fire', key: 'retry' })
    expect(events[1]).toMatchObject({
      kind: 'proposer.phase',
      phase: 'preparing',
      ballot: { round: 2, pid: 1 },
    })
  })
})

describe('step semantics', () => {
  it('an intervention at step s is applied after scheduler step s', () => {
    const sim = started(lectureConfig(), [at(3, { type: 'crash', pid: 4 })])
    sim.run()
    const crash = sim.log.findIndex((e) => e.kind === 'proc.crash')
    const before = sim.log[crash - 1]
    expect(sim.log[crash]).toMatchObject({ step: 3, byUser: true })
    expect(before?.step).toBe(3)
    expect(sim.log.slice(crash + 1).find((e) => !e.byUser)?.step).toBe(4)
  })

  it('a recorded deliver-now replays step for step', () => {
    const sim = started()
    steps(sim, 2)
    act(sim, { type: 'deliver', msgId: 4 })
    act(sim, { type: 'deliver', msgId: 5 })
    sim.run()
    const replay = new Simulator({ seed: 1, config: lectureConfig(), interventions: sim.recorded })
    replay.run()
    expect(replay.log).toEqual(sim.log)
  })
})

describe('limits', () => {
  it('stops at maxSteps with a limit.reached event', () => {
    const sim = started(lectureConfig({ maxSteps: 5 }))
    sim.run()
    expect(sim.state.step).toBe(5)
    expect(sim.log.at(-1)).toMatchObject({ kind: 'limit.reached', limit: 'steps', value: 5 })
    expect(sim.state.halted).toBe('steps')
    expect(sim.step()).toBe(false)
  })

  it('an idle run does not skip ahead to an intervention beyond the step limit', () => {
    const sim = started(lectureConfig({ maxSteps: 30 }), [at(500, { type: 'propose', pid: 2, value: 'B' })])
    sim.run()
    expect(sim.log.at(-1)).toMatchObject({ kind: 'limit.reached', limit: 'steps', value: 30 })
    expect(sim.log.every((e) => e.step <= 30)).toBe(true)
    expect(ofKind(sim.log, 'proposal.start')).toHaveLength(1)
  })

  it('an idle run skips ahead to its next intervention', () => {
    const sim = started(lectureConfig(), [at(500, { type: 'propose', pid: 2, value: 'B' })])
    sim.run()
    expect(ofKind(sim.log, 'proposal.start').map((e) => e.step)).toEqual([0, 500])
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
  })

  it('a run that goes quiet says so', () => {
    const sim = started()
    sim.run()
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
    expect(sim.state.halted).toBe('quiescent')
  })

  it('drops a message beyond the in-flight limit and reports it', () => {
    const sim = started()
    const m = sim.state.inFlight[1]
    if (!m) throw new Error('no message')
    while (sim.state.inFlight.length < 2000) sim.state.inFlight.push({ ...m, deliverAt: tick(10_000) })
    const events = act(sim, { type: 'propose', pid: 2, value: 'B' })
    expect(kinds(events)).toContain('limit.reached')
    expect(ofKind(events, 'limit.reached')[0]).toMatchObject({ limit: 'in-flight', value: 2000 })
    expect(ofKind(events, 'msg.drop')[0]).toMatchObject({ reason: 'limit' })
  })
})
