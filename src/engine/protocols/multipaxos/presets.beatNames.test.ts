import { describe, expect, it } from 'vitest'
import { runProtocolPreset } from '../../index.ts'
import { multipaxos } from './module.ts'

/**
 * A presenter's click lands on a beat with nothing else on screen to say who "it" is: a beat told
 * at a preemption names the replica preempted (mp-dueling-leaders' first NOTE read "Preempted by
 * a higher ballot: it retries…", QA).
 */
describe('Multi-Paxos beats at a preemption name who', () => {
  for (const preset of multipaxos.presets) {
    const log = runProtocolPreset(multipaxos, preset).log as readonly {
      step: number
      kind: string
      pid?: number
    }[]
    for (const beat of preset.beats ?? []) {
      const preempted = log.find((e) => e.step === beat.step && e.kind === 'leader.preempted')
      if (!preempted) continue
      it(`${preset.id}, step ${beat.step}`, () => {
        expect(beat.text).toMatch(new RegExp(`\\bP${preempted.pid}\\b`))
      })
    }
  }
})
