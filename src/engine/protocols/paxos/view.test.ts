import { describe, expect, it } from 'vitest'
import { presetById } from '../../../scenarios/presets.ts'
import { toRunInput } from '../../../scenarios/scenario.ts'
import { runToEnd } from '../../index.ts'
import { paxos } from './index.ts'

describe('the decider line of a process card', () => {
  it('counts only the acknowledgements of its own value, and names who decided another', () => {
    const preset = presetById('bug-small-quorum')
    if (!preset) throw new Error('no bug-small-quorum')
    const sim = runToEnd(toRunInput(preset.scenario))
    const line = (pid: number) => {
      const p = sim.state.procs[pid - 1]!
      return paxos.view(p.local, p.up, sim.state.config, p.pid).lines.find((l) => l.id === 'decider')?.text
    }
    expect(line(1)).toBe('decider · 2 of 5 acknowledged A · P3, P4, P5 decided another value')
    expect(line(5)).toBe('decider · 3 of 5 acknowledged B · P1, P2 decided another value')
    expect(line(2)).toBeUndefined()
  })
})
