import { describe, expect, it } from 'vitest'
import { logHash, runToEnd, Simulator, type Intervention, type SimEvent } from '../index.ts'
import { at, lectureConfig, propose } from '../testkit.test-helpers.ts'
import { forkRunInput } from './runInput.ts'

/**
 * The one time-travel mechanism: `seek` shows the run at the end of a step, `fork` acts there,
 * and both agree with a fresh run of the recorded inputs (`forkRunInput`, which the app, the
 * worker client and links use to record what the user did).
 */

const config = lectureConfig({ latencyTicksMin: 5, latencyTicksMax: 15 })
const inFlightIds = (): number[] => {
  const sim = new Simulator({ seed: 4, config, interventions: [propose(1, 'A')] })
  return sim.state.inFlight.map((m) => m.id as number)
}

/** P1 proposes, then the user delivers two of its prepares by hand at steps 0 and 1 (a chain). */
function chained() {
  const [a, b] = inFlightIds()
  return {
    seed: 4,
    config,
    interventions: [
      propose(1, 'A'),
      at(0, { type: 'deliver', msgId: a as number }),
      at(1, { type: 'deliver', msgId: b as number }),
      at(9, { type: 'crash', pid: 5 }),
    ],
  }
}

/** The log as a seek to `k` leaves it: beyond the end, the whole run with its closing event. */
const through = (log: readonly SimEvent[], k: number) =>
  k > (log.at(-1)?.step ?? 0)
    ? log
    : log.filter((e) => e.step <= k && e.kind !== 'run.quiescent' && e.kind !== 'limit.reached')

describe('seek: the state at the end of a step', () => {
  it('stops before a user delivery recorded at the target, which is the next step', () => {
    const input = chained()
    const full = runToEnd(input)
    // The hand deliveries happen at steps 1 and 2: their events are there in the log.
    expect(full.log.filter((e) => e.byUser && e.kind === 'msg.deliver').map((e) => e.step)).toEqual([1, 2])
    const sim = new Simulator(input, { snapshotEvery: 2 })
    sim.run()
    for (const k of [0, 1, 2, 5, 0, 12]) {
      sim.seek(k, true)
      expect(sim.state.step).toBe(k)
      expect(logHash(sim.log)).toBe(logHash(through(full.log, k)))
    }
    sim.run()
    expect(logHash(sim.log)).toBe(logHash(full.log))
  })

  it('without asShown, applies the chain of hand deliveries recorded at the target, as made', () => {
    const input = chained()
    const full = runToEnd(input)
    const sim = new Simulator(input)
    sim.run()
    sim.seek(0)
    expect(sim.state.step).toBe(2)
    expect(logHash(sim.log)).toBe(logHash(through(full.log, 2)))
  })
})

describe('fork: acting in the past is a fresh run of the forked inputs', () => {
  const crash3: Intervention = { type: 'crash', pid: 3 }

  it('drops a chained delivery recorded after the fork point, as the recorded inputs say', () => {
    const input = chained()
    const sim = new Simulator(input)
    sim.run()
    sim.fork(0, crash3)
    const expected = forkRunInput(input, 0, crash3)
    expect(sim.recorded).toEqual(expected.interventions)
    expect(expected.interventions.map((iv) => iv.step)).toEqual([0, 0, 0])
    sim.run()
    expect(logHash(sim.log)).toBe(logHash(runToEnd(expected).log))
  })

  it('agrees with a fresh run at every step, forward, back, and beyond the end', () => {
    const input = chained()
    const full = runToEnd(input)
    const end = full.state.step
    for (const k of [0, 1, 2, 3, 9, 10, 17, end, end + 40]) {
      const sim = new Simulator(input, { snapshotEvery: 3 })
      sim.run()
      sim.fork(k, crash3)
      sim.run()
      const fresh = runToEnd(forkRunInput(input, Math.min(k, end), crash3))
      expect(sim.recorded).toEqual(fresh.recorded)
      expect(logHash(sim.log)).toBe(logHash(fresh.log))
    }
  })

  it('forks a run that has not been computed that far yet (seeks forward first)', () => {
    const input = chained()
    const sim = new Simulator(input)
    sim.fork(11, crash3)
    sim.run()
    expect(logHash(sim.log)).toBe(logHash(runToEnd(forkRunInput(input, 11, crash3)).log))
  })

  it('keeps the interventions of the fork step in their order, the new one last', () => {
    const input = chained()
    const forked = forkRunInput({ ...input, protocol: 'paxos' }, 1, crash3)
    expect(forked.protocol).toBe('paxos')
    expect(forked.interventions).toEqual([...input.interventions.slice(0, 3), at(1, crash3)])
    expect(input.interventions).toHaveLength(4) // the inputs given are not changed
  })
})

describe('seek forward over known events', () => {
  it('jumps to a later snapshot within the events logged before a seek back, identically', () => {
    const input = chained()
    const full = runToEnd(input)
    const end = full.state.step
    const sim = new Simulator(input, { snapshotEvery: 4 })
    sim.run()
    for (const k of [3, end, 1, Math.floor(end / 2), 0, end - 1, end + 5, 2]) {
      sim.seek(k, true)
      expect(sim.state.step).toBe(Math.min(k, end))
      expect(logHash(sim.log)).toBe(logHash(through(full.log, k)))
      const fresh = new Simulator(input)
      fresh.seek(k, true)
      expect(JSON.stringify(sim.state)).toBe(JSON.stringify(fresh.state))
    }
    // A fork forgets the old future: seeking forward after it replays the new one.
    sim.fork(3, { type: 'crash', pid: 1 })
    sim.seek(end)
    sim.run()
    expect(logHash(sim.log)).toBe(logHash(runToEnd(forkRunInput(input, 3, { type: 'crash', pid: 1 })).log))
  })
})
