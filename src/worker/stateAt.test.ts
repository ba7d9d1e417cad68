import { describe, expect, it } from 'vitest'
import { simulatorFor } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { engineMomentAt } from './stateAt.ts'

/** The panels' engine moves with seeks and remembered steps; each moment must be a fresh run's. */
describe('engineMomentAt', () => {
  it('equals a fresh run at that step, whatever order the cursor visits the steps in', () => {
    const base = toRunInput(presetById('dueling')!.scenario)
    const input = { ...base, config: { ...base.config, maxSteps: 600 } }
    const key = {}
    const visits = [600, 599, 598, 597, 300, 299, 5, 0, 450, 449, 600, 12, 11, 10, 9, 8, 7]
    for (const step of visits) {
      const m = engineMomentAt(key, () => input, step)
      const fresh = simulatorFor(input)
      fresh.seek(step, true)
      expect(m.step).toBe(step)
      expect(JSON.stringify(m.procs)).toBe(JSON.stringify(fresh.state.procs))
      expect(m.inFlight.map((x) => x.id).sort()).toEqual(fresh.state.inFlight.map((x) => x.id).sort())
      expect(m.timers).toHaveLength(fresh.state.timers.length)
    }
  })
})
