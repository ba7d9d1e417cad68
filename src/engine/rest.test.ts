import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runAdversary } from './adversary.ts'
import { defaultConfig, runToEnd, Simulator, type RunInput, type SimEvent } from './index.ts'
import { Simulator as KernelSimulator } from './kernel/simulator.ts'
import { paxos } from './protocols/paxos/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { act } from './testkit.test-helpers.ts'

/**
 * A run comes to rest (issue 14, a newcomer's test): once every process that is up knows the
 * decision and all that is left is the decider re-sending it to processes that are down, the run
 * ends there instead of re-sending into the void up to the step limit (a minority crash in
 * `racing-adopt` made a 48-step lesson 2,000 steps long).
 */

const racing = presetById('racing-adopt')?.scenario
if (!racing) throw new Error('racing-adopt is missing')
const crashAt22: RunInput = {
  seed: racing.seed,
  config: racing.config as RunInput['config'],
  interventions: [...racing.interventions, { step: 22, action: { type: 'crash', pid: 5 } }],
}

const closing = (log: readonly SimEvent[]) => log.at(-1) as Extract<SimEvent, { kind: 'run.quiescent' }>

describe('a run at rest', () => {
  it('a minority crash after the decision: the run rests once the others know, waiting on the down one', () => {
    const sim = runToEnd(crashAt22)
    expect(sim.state.halted).toBe('quiescent')
    expect(sim.state.step).toBeLessThan(50)
    const end = closing(sim.log)
    expect(end.kind).toBe('run.quiescent')
    expect(end.waitingOn).toEqual({ down: [5], cutOff: [] })
    expect(end.text).toBe(
      'The only re-sends of the decision left would go to P5, which is down, and be lost; every other process knows the decision. Nothing more happens unless P5 recovers, so the run rests here.',
    )
    const undecided = sim.state.procs.filter((p) => p.local.learner.decided === null).map((p) => p.pid)
    expect(undecided).toEqual([5])
  })

  it('recovering the process it waits on goes on from the rest: that process learns, and the run ends quiet', () => {
    const sim = runToEnd(crashAt22)
    act(sim, { type: 'recover', pid: 5 })
    sim.run()
    expect(sim.state.procs.every((p) => p.local.learner.decided?.value === '10')).toBe(true)
    expect(closing(sim.log).waitingOn).toBeUndefined()
    // The same inputs from scratch give the same run (a fork at the rest is a fresh run's future).
    const fresh = new Simulator({ ...crashAt22, interventions: sim.recorded })
    fresh.run()
    expect(fresh.log.map((e) => e.text)).toEqual(sim.log.map((e) => e.text))
  })

  it('a process cut off after the decision: the run rests until the partition heals, then it learns', () => {
    const cut: RunInput = {
      ...crashAt22,
      interventions: [
        ...racing.interventions,
        { step: 22, action: { type: 'partition', groups: [[1, 2, 3, 4], [5]] } },
      ],
    }
    const sim = runToEnd(cut)
    const end = closing(sim.log)
    expect(end.waitingOn).toEqual({ down: [], cutOff: [5] })
    expect(end.text).toContain('would go to P5, which the partition cuts off, and be lost')
    expect(end.text).toContain('unless the partition heals')
    act(sim, { type: 'heal' })
    sim.run()
    expect(sim.state.procs.every((p) => p.local.learner.decided?.value === '10')).toBe(true)
    expect(closing(sim.log).waitingOn).toBeUndefined()
  })

  it('hides nothing: without resting, the run would only re-send to the processes it waits on, and lose it', () => {
    const rested = { down: 0, cutOff: 0 }
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 3, max: 7 }),
        fc.constantFrom('decide' as const, 'all' as const),
        fc.array(fc.nat({ max: 0xffff }), { maxLength: 80 }),
        (seed, processCount, learnerMode, choices) => {
          const input: RunInput = {
            seed,
            config: { ...defaultConfig(processCount), learnerMode, maxSteps: 3_000 },
            interventions: [{ step: 0, action: { type: 'propose', pid: 1, value: 'v1' } }],
          }
          const sim = runAdversary(input, choices, { proposers: [1, 2], faults: true, reorder: true })
          const end = closing(sim.log)
          if (end.kind !== 'run.quiescent' || !end.waitingOn) return
          if (end.waitingOn.down.length > 0) rested.down++
          if (end.waitingOn.cutOff.length > 0) rested.cutOff++
          const { down, cutOff } = end.waitingOn
          const waited = [...down, ...cutOff]
          const groups = sim.state.groups
          for (const pid of down) expect(sim.state.procs[pid - 1]?.up).toBe(false)
          // A cut-off process is up, and on the other side of the partition from every decider.
          for (const pid of cutOff) expect(sim.state.procs[pid - 1]?.up && groups !== null).toBe(true)
          // What the sentence says: every other process knows the decision.
          for (const p of sim.state.procs)
            if (!waited.includes(p.pid)) expect(p.local.learner.decided).not.toBeNull()
          // The same inputs on a Paxos that never rests: the same events up to the rest, then
          // only re-send timers and decides to the waited-on processes, lost because they are down.
          const restless = new KernelSimulator(
            { ...paxos, restsOn: undefined },
            { ...input, interventions: sim.recorded },
          )
          restless.run(sim.log.length + 200)
          const before = sim.log.slice(0, -1).map((e) => e.text)
          expect(restless.log.slice(0, before.length).map((e) => e.text)).toEqual(before)
          const after = restless.log.slice(before.length)
          expect(after.some((e) => e.kind === 'msg.send')).toBe(true)
          for (const e of after) {
            if (e.kind === 'timer.fire' || e.kind === 'timer.set') expect(e.key).toBe('inform')
            else if (e.kind === 'msg.send') {
              expect(e.msg.payload.type).toBe('decide')
              expect(waited).toContain(e.msg.to)
            } else
              expect(e.kind === 'msg.drop' && (e.reason === 'crash' || e.reason === 'partition')).toBe(true)
          }
        },
      ),
      { numRuns: 300, seed: 9 },
    )
    // Not vacuous: many runs came to rest, with processes down and with processes cut off.
    expect(rested.down).toBeGreaterThan(20)
    expect(rested.cutOff).toBeGreaterThan(5)
  }, 60_000)
})
