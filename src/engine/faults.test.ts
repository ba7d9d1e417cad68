import { describe, expect, it } from 'vitest'
import { Simulator } from './index.ts'
import {
  act,
  deliveriesOf,
  dropsOf,
  kinds,
  lectureConfig,
  ofKind,
  started,
  steps,
  withBugs,
} from './testkit.test-helpers.ts'
import type { Intervention } from './index.ts'

/** Crashes, recoveries, partitions and heals, and every intervention that cannot apply. */

describe('crash', () => {
  it('drops the messages on their way to the crashed process, at once', () => {
    const sim = started()
    const events = act(sim, { type: 'crash', pid: 3 })
    expect(kinds(events)).toEqual(['proc.crash', 'msg.drop'])
    expect(events[1]).toMatchObject({ reason: 'crash', msg: { id: 3, to: 3 } })
    expect(sim.state.procs[2]?.up).toBe(false)
    expect(sim.state.inFlight.some((m) => m.to === 3)).toBe(false)
  })

  it('later messages to a down process are lost when they arrive', () => {
    const sim = started()
    act(sim, { type: 'crash', pid: 3 })
    sim.run()
    const toP3 = ofKind(sim.log, 'msg.send').filter((e) => e.msg.to === 3)
    expect(toP3.length).toBeGreaterThan(0)
    for (const e of toP3) expect(dropsOf(sim.log, e.msg.id)).toMatchObject([{ reason: 'crash' }])
    expect(ofKind(sim.log, 'value.chosen')).toMatchObject([{ value: 'A' }])
  })

  it('the acceptor state and the decision survive on stable storage; the proposer does not', () => {
    const sim = started()
    sim.run()
    const before = structuredClone(sim.state.procs[0]?.local.acceptor)
    expect(before?.accepted).toMatchObject({ value: 'A' })
    act(sim, { type: 'crash', pid: 1 })
    const p1 = sim.state.procs[0]
    expect(p1?.local.acceptor).toEqual(before)
    expect(p1?.local.proposer).toMatchObject({ phase: 'idle', ballot: null, maxRoundSeen: 1 })
    expect(sim.state.timers.filter((t) => t.pid === 1)).toEqual([])
    // P1 was the decider and every process acknowledged: its record says so (bits 1..5).
    expect(p1?.local.learner).toEqual({
      decided: { ballot: { round: 1, pid: 1 }, value: 'A' },
      tallies: {},
      informed: 0b111110,
      disagreed: 0,
    })
    const back = act(sim, { type: 'recover', pid: 1 })
    expect(sim.state.procs[0]?.local.acceptor).toEqual(before)
    expect(back.find((e) => e.kind === 'learner.restore')).toMatchObject({ pid: 1, waiting: [] })
    expect(sim.state.timers.filter((t) => t.pid === 1)).toEqual([])
    expect(ofKind(sim.log, 'invariant.violated')).toEqual([])
  })

  it('a crashed proposer loses its timer: it never retries on its own', () => {
    const sim = started()
    act(sim, { type: 'crash', pid: 1 })
    sim.run()
    expect(ofKind(sim.log, 'timer.fire')).toEqual([])
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
  })

  it('after recovery, a new ballot of the same proposer is higher than its old one', () => {
    const sim = started()
    steps(sim, 3)
    act(sim, { type: 'crash', pid: 1 })
    act(sim, { type: 'recover', pid: 1 })
    act(sim, { type: 'propose', pid: 1, value: 'B' })
    expect(sim.state.procs[0]?.local.proposer.ballot).toEqual({ round: 2, pid: 1 })
  })

  it('with the amnesia bug the acceptor forgets, and recovering breaks promise monotonicity', () => {
    const sim = started(withBugs({ amnesiaOnCrash: true }))
    steps(sim, 4)
    expect(sim.state.procs[1]?.local.acceptor.promised).toEqual({ round: 1, pid: 1 })
    const events = act(sim, { type: 'crash', pid: 2 })
    expect(kinds(events)).toContain('acceptor.forget')
    expect(sim.state.procs[1]?.local.acceptor).toEqual({ promised: null, accepted: null })
    const back = act(sim, { type: 'recover', pid: 2 })
    expect(back[0]).toMatchObject({ kind: 'proc.recover', pid: 2 })
    expect(back).toContainEqual(
      expect.objectContaining({ kind: 'invariant.violated', rule: 'promise-monotonic', pids: [2] }),
    )
    // What stable storage gave back is logged, so the narration can say it truly: here, nothing.
    expect(back).toContainEqual(
      expect.objectContaining({ kind: 'acceptor.restore', pid: 2, promised: null, accepted: null }),
    )
  })
})

describe('recover', () => {
  it('brings the process back: messages sent to it afterwards are delivered', () => {
    const sim = started()
    act(sim, { type: 'crash', pid: 3 })
    expect(act(sim, { type: 'recover', pid: 3 })).toMatchObject([
      { kind: 'proc.recover', pid: 3 },
      { kind: 'acceptor.restore', pid: 3, promised: null, accepted: null },
    ])
    expect(sim.state.procs[2]?.up).toBe(true)
    act(sim, { type: 'propose', pid: 2, value: 'B' })
    sim.run()
    const prepareToP3 = ofKind(sim.log, 'msg.send').find((e) => e.msg.from === 2 && e.msg.to === 3)
    expect(deliveriesOf(sim.log, prepareToP3?.msg.id ?? -1)).toHaveLength(1)
  })
})

describe('partition and heal', () => {
  it('drops deliveries across groups and keeps those within a group', () => {
    const sim = started()
    const events = act(sim, {
      type: 'partition',
      groups: [
        [1, 2],
        [3, 4, 5],
      ],
    })
    expect(events).toMatchObject([
      {
        kind: 'net.partition',
        groups: [
          [1, 2],
          [3, 4, 5],
        ],
      },
    ])
    sim.run()
    for (const id of [3, 4, 5]) expect(dropsOf(sim.log, id)).toMatchObject([{ reason: 'partition' }])
    expect(deliveriesOf(sim.log, 2)).toHaveLength(1)
    expect(ofKind(sim.log, 'value.chosen')).toEqual([])
  })

  it('puts every unlisted process in one more group', () => {
    const sim = started()
    expect(act(sim, { type: 'partition', groups: [[2]] })).toMatchObject([
      { kind: 'net.partition', groups: [[2], [1, 3, 4, 5]] },
    ])
  })

  it('after a heal, messages cross again', () => {
    const sim = started()
    act(sim, { type: 'partition', groups: [[1], [2, 3, 4, 5]] })
    expect(act(sim, { type: 'heal' })).toMatchObject([{ kind: 'net.heal' }])
    sim.run()
    expect(ofKind(sim.log, 'msg.drop')).toEqual([])
    expect(ofKind(sim.log, 'value.chosen')).toMatchObject([{ value: 'A' }])
  })

  it('a deliver-now across the partition is lost too', () => {
    const sim = started()
    act(sim, { type: 'partition', groups: [[1], [2, 3, 4, 5]] })
    const events = act(sim, { type: 'deliver', msgId: 2 })
    expect(events).toMatchObject([{ kind: 'msg.drop', reason: 'partition' }])
  })
})

/**
 * The feed's sentence for a refused intervention: a request in the protocol's words (Paxos:
 * "asked P4 to propose x"), unless it names no process or its value is out of bounds; any other
 * action by its type.
 */
function ignoredSentence(action: Intervention, reason: string): string {
  if (action.type !== 'propose') return `Ignored ${action.type}: ${reason}.`
  if (action.pid === 4) return `Ignored: asked P4 to propose x, but ${reason}.`
  return `Ignored a request: ${reason}.`
}

describe('interventions that cannot apply are reported and change nothing', () => {
  const cases: [string, Intervention][] = [
    ['there is no process P0', { type: 'propose', pid: 0, value: 'x' }],
    ['there is no process P6', { type: 'propose', pid: 6, value: 'x' }],
    ['a value must be 1 to 24 characters', { type: 'propose', pid: 1, value: '' }],
    ['a value must be 1 to 24 characters', { type: 'propose', pid: 1, value: 'x'.repeat(25) }],
    ['P4 is down', { type: 'propose', pid: 4, value: 'x' }],
    ['message #99 is not in flight', { type: 'deliver', msgId: 99 }],
    ['message #99 is not in flight', { type: 'drop', msgId: 99 }],
    ['message #99 is not in flight', { type: 'duplicate', msgId: 99 }],
    ['message #99 is not in flight', { type: 'delay', msgId: 99, ticks: 5 }],
    ['a delay must be 1 to 10000 ticks', { type: 'delay', msgId: 2, ticks: 0 }],
    ['a delay must be 1 to 10000 ticks', { type: 'delay', msgId: 2, ticks: 10_001 }],
    ['a delay must be 1 to 10000 ticks', { type: 'delay', msgId: 2, ticks: 1.5 }],
    ['there is no process P9', { type: 'crash', pid: 9 }],
    ['P4 is already down', { type: 'crash', pid: 4 }],
    ['P2 is not down', { type: 'recover', pid: 2 }],
    ['there is no process P0', { type: 'recover', pid: 0 }],
    ['a partition needs at least one group', { type: 'partition', groups: [] }],
    ['a partition needs at least one group', { type: 'partition', groups: [[], []] }],
    ['a partition group names a process that does not exist', { type: 'partition', groups: [[7]] }],
    ['a process appears in two partition groups', { type: 'partition', groups: [[1, 2], [2]] }],
    ['the network is not partitioned', { type: 'heal' }],
    ['P2 has no timer set', { type: 'fire-timer', pid: 2 }],
    ['there is no process P8', { type: 'fire-timer', pid: 8 }],
  ]
  it.each(cases)('%s', (reason, action) => {
    const sim = started()
    act(sim, { type: 'crash', pid: 4 })
    const state = JSON.stringify(sim.state)
    const events = act(sim, action)
    expect(events).toMatchObject([{ kind: 'intervention.invalid', action, reason, byUser: true }])
    expect(events[0]?.text).toBe(ignoredSentence(action, reason))
    expect(JSON.stringify(sim.state)).toBe(state)
    sim.run()
    expect(ofKind(sim.log, 'value.chosen')).toMatchObject([{ value: 'A' }])
  })

  it('deliver-now and fire-timer are refused once the step limit is reached', () => {
    const sim = started(lectureConfig({ maxSteps: 2 }))
    sim.run()
    const events = act(sim, { type: 'deliver', msgId: 4 })
    expect(events[0]).toMatchObject({ kind: 'intervention.invalid' })
    expect(act(sim, { type: 'fire-timer', pid: 1 })[0]).toMatchObject({ kind: 'intervention.invalid' })
  })

  it('an invalid intervention in a scenario does not stop the replay', () => {
    const sim = new Simulator({
      seed: 1,
      config: lectureConfig(),
      interventions: [
        { step: 0, action: { type: 'deliver', msgId: 42 } },
        { step: 0, action: { type: 'propose', pid: 1, value: 'A' } },
      ],
    })
    sim.run()
    expect(kinds(sim.log).slice(0, 3)).toEqual(['run.start', 'intervention.invalid', 'proposal.start'])
    expect(ofKind(sim.log, 'value.chosen')).toHaveLength(1)
  })
})
