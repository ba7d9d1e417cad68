import { describe, expect, it } from 'vitest'
import { Simulator } from '../../kernel/simulator.ts'
import type { Intervention } from '../../kernel/types.ts'
import { paxosApp } from './app.ts'
import { defaultConfig } from './config.ts'
import { paxos } from './index.ts'

/**
 * Paxos's app face against real runs: what the app reads through it (decisions, the chosen value,
 * rounds, marks, lane notes, the inspector's words) agrees with the engine's own state and log.
 */

/** Two proposers racing, one of them crashing after the decision and coming back. */
function run() {
  const at = (step: number, action: Intervention) => ({ step, action })
  const interventions = [
    at(0, { type: 'propose', pid: 1, value: '10' }),
    at(3, { type: 'propose', pid: 3, value: '20' }),
    at(40, { type: 'crash', pid: 2 }),
    at(60, { type: 'recover', pid: 2 }),
  ]
  const sim = new Simulator(paxos, { seed: 7, config: defaultConfig(), interventions })
  sim.run()
  return sim
}

describe('the app face of single-decree Paxos', () => {
  const sim = run()
  const log = sim.log

  it('says which processes have decided exactly as their real state does (a decision survives a crash)', () => {
    const deciders = new Set(log.map((e) => paxosApp.decisions?.decider(e)).filter((p) => p != null))
    const decided = sim.state.procs
      .filter((p) => paxosApp.decisions?.decided(p.local, p.up))
      .map((p) => p.pid)
    expect(decided.length).toBeGreaterThan(0)
    expect([...deciders].sort()).toEqual(decided)
  })

  it('reports each value chosen once, with a progress mark across the lanes of its quorum', () => {
    const chosen = log.filter((e) => paxosApp.chosenValue(e) !== null)
    expect(chosen.map((e) => paxosApp.chosenValue(e))).toEqual([sim.state.ghost.chosen[0]?.value])
    const mark = paxosApp.mark(chosen[0] as (typeof log)[number])
    expect(mark).toMatchObject({ kind: 'progress', pid: null })
    expect(mark?.pids.length).toBeGreaterThanOrEqual(3)
  })

  it('starts a round at every ballot and ends each one it starts', () => {
    const starts = log.filter((e) => paxosApp.roundStart(e))
    const ends = log.filter((e) => paxosApp.roundEnd(e))
    expect(starts.length).toBeGreaterThanOrEqual(2)
    expect(ends.length).toBeGreaterThanOrEqual(starts.length - 1)
    for (const e of starts) expect(paxosApp.mark(e)?.kind).toBe('attempt')
    for (const e of [...starts, ...ends]) expect(paxosApp.phaseStart(e)).toBe(true)
  })

  it('notes a running ballot on a lane only while its proposer collects promises or accepts', () => {
    const notes = log.flatMap((e) => {
      const n = paxosApp.laneNote?.(e)
      return n?.kind === 'running' && n.running ? [n.running.text] : []
    })
    expect(notes.length).toBeGreaterThan(0)
    for (const text of notes) expect(text).toMatch(/^(prepare|accept) \d+\.\d+$/)
  })

  it('has the inspector’s words for every message type', () => {
    for (const e of log) {
      if (e.kind !== 'msg.send') continue
      const words = paxosApp.inspect?.(e.msg.payload, e.text)
      expect(words?.meaning).toMatch(/\.$/)
      expect(words?.detail).toMatch(/^ballot \d+\.\d+/)
    }
  })
})
