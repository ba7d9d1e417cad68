import { describe, expect, it } from 'vitest'
import { runAdversary } from './adversary.ts'
import { defaultConfig } from './index.ts'
import { Simulator, runToEnd } from './index.ts'
import { at, lectureConfig, propose } from './testkit.test-helpers.ts'
import { LOG_HASH_START, logHash, logHashOver, logHashText } from './index.ts'
import type { RunInput } from './index.ts'

/** Same scenario → same log, byte for byte: across runs, after seeks, forks and snapshot thinning. */

const busy: RunInput = {
  seed: 11,
  config: {
    ...defaultConfig(5),
    lossPercent: 15,
    duplicatePercent: 10,
    retry: { policy: 'fixed', delayTicks: 1, backoffBaseTicks: 40, backoffMaxTicks: 320 },
    maxSteps: 3000,
  },
  interventions: [
    propose(1, 'A'),
    propose(3, 'B'),
    at(20, { type: 'crash', pid: 2 }),
    at(40, {
      type: 'partition',
      groups: [
        [1, 2],
        [3, 4, 5],
      ],
    }),
    at(60, { type: 'recover', pid: 2 }),
    at(90, { type: 'heal' }),
  ],
}

/** The lecture's dueling proposers: a livelock that runs until the step limit. */
const dueling: RunInput = {
  seed: 5,
  config: lectureConfig({
    retry: { policy: 'fixed', delayTicks: 1, backoffBaseTicks: 40, backoffMaxTicks: 320 },
    maxSteps: 1500,
  }),
  interventions: [
    propose(1, 'A'),
    propose(3, 'B'),
    at(100, { type: 'crash', pid: 5 }),
    at(400, { type: 'recover', pid: 5 }),
  ],
}

/**
 * The log up to the end of step `k` of a finished run. A seek to the last step stops before the
 * closing event (quiet or limit); a seek beyond it runs the run to its end.
 */
const prefixThrough = (sim: Simulator, k: number) =>
  k > sim.state.step
    ? sim.log
    : sim.log.filter((e) => e.step <= k && e.kind !== 'limit.reached' && e.kind !== 'run.quiescent')

describe('determinism', () => {
  it('the same scenario gives the same log hash every time', () => {
    const hashes = new Set(Array.from({ length: 5 }, () => logHash(runToEnd(busy).log)))
    expect(hashes.size).toBe(1)
    expect(runToEnd(busy).log.length).toBeGreaterThan(200)
  })

  it('a log hashed a slice at a time (as the app does in idle time) gives the same hash', () => {
    const log = runToEnd(busy).log
    let h = LOG_HASH_START
    for (let from = 0; from < log.length; from += 37)
      h = logHashOver(h, log, from, Math.min(log.length, from + 37))
    expect(logHashText(h)).toBe(logHash(log))
    expect(logHashText(logHashOver(LOG_HASH_START, log, 0, log.length - 1))).not.toBe(logHash(log))
  })

  it('a different seed gives a different run', () => {
    expect(logHash(runToEnd({ ...busy, seed: 12 }).log)).not.toBe(logHash(runToEnd(busy).log))
  })

  it('the order interventions are listed in does not matter across steps, only within one', () => {
    const shuffled = { ...busy, interventions: [...busy.interventions].reverse() }
    const a = runToEnd(busy)
    const b = runToEnd(shuffled)
    // Both proposals are at step 0, so reversing them swaps who proposes first...
    expect(logHash(b.log)).not.toBe(logHash(a.log))
    // ...while moving only the later ones around changes nothing.
    const [p1, p3, ...rest] = busy.interventions
    const later = { ...busy, interventions: [p1!, p3!, ...rest.reverse()] }
    expect(logHash(runToEnd(later).log)).toBe(logHash(a.log))
  })

  it('seeking back and forth, then running on, gives the identical log', () => {
    const full = runToEnd(busy)
    const sim = new Simulator(busy, { snapshotEvery: 8 })
    sim.run()
    for (const target of [5, 70, 3, 150, 149, 0, 40, 500, 12]) {
      sim.seek(target)
      expect(sim.state.step).toBe(Math.min(target, full.state.step))
      expect(logHash(sim.log)).toBe(logHash(prefixThrough(full, target)))
    }
    sim.run()
    expect(logHash(sim.log)).toBe(logHash(full.log))
  })

  it('a seek restores the whole state, ghost votes included, as a fresh run has it', () => {
    const sim = new Simulator(busy, { snapshotEvery: 8 })
    sim.run()
    for (const k of [90, 17, 64, 3, 120]) {
      sim.seek(k)
      const fresh = new Simulator(busy)
      while (fresh.state.step < k && fresh.step()) {
        // stepping
      }
      expect(Object.keys(sim.state.ghost.votes).length).toBe(Object.keys(fresh.state.ghost.votes).length)
      expect(JSON.stringify(sim.state)).toBe(JSON.stringify(fresh.state))
    }
  })

  it('still replays identically once snapshots have been thinned out', () => {
    const full = runToEnd(dueling)
    expect(full.state.step).toBe(1500)
    const sim = new Simulator(dueling, { snapshotEvery: 1 })
    sim.run()
    expect(logHash(sim.log)).toBe(logHash(full.log))
    for (let k = full.state.step; k >= 0; k -= 37) {
      sim.seek(k)
      expect(logHash(sim.log)).toBe(logHash(prefixThrough(full, k)))
    }
    sim.run()
    expect(logHash(sim.log)).toBe(logHash(full.log))
  })

  it('a fork is an input: replaying the recorded interventions reproduces it', () => {
    const sim = new Simulator(busy, { snapshotEvery: 4 })
    sim.run()
    sim.fork(30, { type: 'crash', pid: 5 })
    sim.fork(33, { type: 'duplicate', msgId: sim.state.inFlight[0]?.id ?? 1 })
    sim.run()
    sim.fork(10, { type: 'fire-timer', pid: 1 })
    sim.run()
    expect(sim.recorded.at(-1)).toEqual(at(10, { type: 'fire-timer', pid: 1 }))
    expect(sim.recorded.every((iv) => iv.step <= 10)).toBe(true)
    const replay = runToEnd({ ...busy, interventions: sim.recorded })
    expect(logHash(replay.log)).toBe(logHash(sim.log))
    sim.seek(2)
    sim.run()
    expect(logHash(sim.log)).toBe(logHash(replay.log))
  })

  it.each([
    ['a quiet run', lectureConfig()],
    ['a run stopped by its step limit', lectureConfig({ maxSteps: 12 })],
  ])('acting beyond the end of %s acts at its last step and replays identically', (_, config) => {
    const input = { seed: 1, config, interventions: [propose(1, 'A')] }
    const sim = new Simulator(input)
    sim.run()
    const end = sim.state.step
    sim.fork(end + 50, { type: 'propose', pid: 2, value: 'B' })
    expect(sim.recorded.at(-1)).toEqual(propose(2, 'B', end))
    sim.run()
    const closing = sim.log.filter((e) => e.kind === 'run.quiescent' || e.kind === 'limit.reached')
    expect(closing).toHaveLength(1)
    expect(closing[0]).toBe(sim.log.at(-1))
    expect(logHash(runToEnd({ ...input, interventions: sim.recorded }).log)).toBe(logHash(sim.log))
  })

  it('random interactive schedules replay to the same log', () => {
    for (let seed = 0; seed < 40; seed++) {
      const input = {
        seed,
        config: { ...lectureConfig({ lossPercent: 10 }), maxSteps: 500 },
        interventions: [],
      }
      const choices = Array.from({ length: 80 }, (_, i) => (seed * 7919 + i * 104_729) % 65_536)
      const sim = runAdversary({ ...input, interventions: [propose(1, 'v1'), propose(2, 'v2')] }, choices, {
        proposers: [1, 2],
        faults: true,
        reorder: true,
      })
      const replay = runToEnd({ ...input, interventions: sim.recorded })
      expect(logHash(replay.log)).toBe(logHash(sim.log))
    }
  })
})
