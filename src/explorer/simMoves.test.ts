import { describe, expect, it } from 'vitest'
import { nextDue } from '../engine/kernel/scheduler.ts'
import { Simulator } from '../engine/kernel/simulator.ts'
import { multipaxos } from '../engine/protocols/multipaxos/module.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import { movesOf, NO_BUDGETS, zeroUsed } from './simMoves.ts'

/**
 * A drop or a crash changes nothing anyone sees until its victim's next step, so the search tries
 * it only right before that step: any run that drops or crashes earlier reaches the same states,
 * in as many moves, with the fault moved there. That keeps "shortest first" and makes the
 * search's states far fewer (mp-steady with skip phase 1: from out of memory to 67,000).
 */
describe('the schedule search’s fault moves', () => {
  const s = anyPresetById('mp-steady')!.scenario
  const sim = new Simulator(multipaxos, { seed: s.seed, config: s.config as never, interventions: [] })
  // The first step with several messages in flight where the next one is for another process.
  let due = nextDue(sim.state)
  while (!due?.msg || due.msg.from === due.msg.to || sim.state.inFlight.length < 4) {
    sim.seek(sim.state.step + 1)
    due = nextDue(sim.state)
  }
  const state = sim.state
  const budgets = { ...NO_BUDGETS, proposals: 0, drops: 1, crashes: 1 }

  it('drops only the message the scheduler delivers next, of the many in flight', () => {
    expect(state.inFlight.filter((m) => m.from !== m.to).length).toBeGreaterThan(3)
    const drops = movesOf(multipaxos, state, zeroUsed(), budgets).filter((m) => m?.type === 'drop')
    expect(drops).toEqual([{ type: 'drop', msgId: due!.msg!.id }])
  })

  it('crashes only the process that acts next, unless it may recover (a crash that wipes memory)', () => {
    const crashes = (b: typeof budgets) =>
      movesOf(multipaxos, state, zeroUsed(), b).flatMap((m) => (m?.type === 'crash' ? [m.pid] : []))
    expect(crashes(budgets)).toEqual([due!.msg!.to])
    expect(crashes({ ...budgets, recoveries: 1 })).toEqual(state.procs.filter((p) => p.up).map((p) => p.pid))
  })
})
