import { describe, expect, it } from 'vitest'
import { defaultConfig, logHash, runToEnd, Simulator, summarize } from './index.ts'

const propose = (pid: number, value: string, step = 0) => ({
  step,
  action: { type: 'propose' as const, pid, value },
})

describe('Simulator', () => {
  it('decides the only proposed value in a failure-free run', () => {
    const sim = runToEnd({ seed: 1, config: defaultConfig(), interventions: [propose(1, '10')] })
    const s = summarize(sim.state)
    expect(s.chosen).toBe('10')
    expect(s.ballot).toBe('1.1')
    expect(s.decided).toBe(5)
    expect(s.violations).toBe(0)
    expect(sim.log.at(-1)?.kind).toBe('run.quiescent')
  })

  it('gives the same log for the same inputs', () => {
    const input = {
      seed: 9,
      config: { ...defaultConfig(), lossPercent: 20 },
      interventions: [propose(1, 'a'), propose(2, 'b')],
    }
    expect(logHash(runToEnd(input).log)).toBe(logHash(runToEnd(input).log))
  })

  it('seeks back and replays to the identical log', () => {
    const input = {
      seed: 3,
      config: { ...defaultConfig(), duplicatePercent: 30 },
      interventions: [propose(2, 'x')],
    }
    const sim = new Simulator(input, { snapshotEvery: 4 })
    sim.run()
    const full = logHash(sim.log)
    sim.seek(7)
    expect(sim.state.step).toBe(7)
    sim.run()
    expect(logHash(sim.log)).toBe(full)
  })

  it('forks: acting in the past drops the old future and records the action', () => {
    const sim = new Simulator({ seed: 1, config: defaultConfig(), interventions: [propose(1, '10')] })
    sim.run()
    sim.fork(2, { type: 'crash', pid: 1 })
    sim.run()
    expect(sim.recorded).toHaveLength(2)
    const replay = runToEnd({ seed: 1, config: defaultConfig(), interventions: sim.recorded })
    expect(logHash(replay.log)).toBe(logHash(sim.log))
  })
})

describe('Simulator.fork in an idle gap', () => {
  it('records the action at the requested step, before a later intervention', () => {
    const config = defaultConfig()
    const input = {
      seed: 1,
      config,
      interventions: [propose(1, '10'), { step: 100, action: { type: 'crash' as const, pid: 2 } }],
    }
    const sim = new Simulator(input)
    sim.run()
    sim.fork(50, { type: 'crash', pid: 3 })
    expect(sim.recorded.map((iv) => iv.step)).toEqual([0, 50])
    sim.run()
    expect(logHash(runToEnd({ ...input, interventions: sim.recorded }).log)).toBe(logHash(sim.log))
  })
})
