import { describe, expect, it } from 'vitest'
import { Simulator } from '../../kernel/simulator.ts'
import { MP_PRESETS } from './presets.data.ts'
import { multipaxos } from './module.ts'
import { mpApp } from './app.ts'
import type { MpConfig } from './types.ts'

/** The final states of a Multi-Paxos preset run, optionally cut at `maxSteps`. */
function finalRun(id: string, maxSteps?: number) {
  const preset = MP_PRESETS.find((p) => p.id === id)
  if (!preset) throw new Error(`no preset ${id}`)
  const config: MpConfig = { ...preset.config, maxSteps: maxSteps ?? preset.config.maxSteps }
  const sim = new Simulator(multipaxos, { seed: preset.seed, config, interventions: preset.interventions })
  sim.run()
  return { config, procs: sim.state.procs }
}

describe('the step-limit note of a Multi-Paxos run', () => {
  it('says the story is told once every client command has been answered', () => {
    const { config, procs } = finalRun('mp-steady')
    expect(mpApp.limitNote?.(config, procs)).toMatch(/^Every client's commands have been answered/)
  })

  it('says nothing while a client still waits or has commands to send', () => {
    const { config, procs } = finalRun('mp-steady', 40)
    expect(mpApp.limitNote?.(config, procs)).toBeNull()
  })
})
