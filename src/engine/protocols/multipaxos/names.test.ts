import { describe, expect, it } from 'vitest'
import { runProtocolPreset, textTraceOf } from '../../index.ts'
import { interventionProblem } from '../../kernel/interventions.ts'
import { processNamer } from '../../kernel/narration.ts'
import { Simulator } from '../../kernel/simulator.ts'
import { multipaxos } from './module.ts'
import type { MpConfig } from './types.ts'

/**
 * Multi-Paxos names its processes P1…Pn (replicas) and C1…Cm (clients). Every sentence and trace
 * line names a client as the app does (`C1`), never by its pid (`P6`), since no replica has that
 * name: "P1 receives P6's C1.1:put(a1)" told the reader about a process that is not on screen.
 */

/** Every `P<k>` a text mentions with k above the replica count: a client named by its pid. */
function clientsByPid(text: string, config: MpConfig): string[] {
  return [...text.matchAll(/\bP(\d+)\b/g)].filter((m) => Number(m[1]) > config.replicaCount).map((m) => m[0])
}

describe('Multi-Paxos process names', () => {
  it.each(multipaxos.presets.map((p) => [p.id, p] as const))(
    '%s: no narration or trace line names a client as P<n>',
    (_, preset) => {
      const run = runProtocolPreset(multipaxos, preset)
      expect(clientsByPid(run.text, preset.config)).toEqual([])
      const sentences = run.log.map((e) => (e as { text: string }).text).join('\n')
      expect(clientsByPid(sentences, preset.config)).toEqual([])
      // Client traffic is in the trace, named as the lanes are.
      expect(run.text).toMatch(/msg\.send #\d+ C1→P\d /)
      expect(run.text).toMatch(/msg\.deliver #\d+ C1→P\d .* · P\d receives C1's /)
    },
  )

  it('the kernel names clients in drops, partitions and refused interventions', () => {
    const preset = multipaxos.presets.find((p) => p.id === 'mp-steady')
    if (!preset) throw new Error('no mp-steady')
    const config = preset.config
    const c1 = config.replicaCount + 1
    const sim = new Simulator(multipaxos, {
      seed: preset.seed,
      config,
      interventions: [
        {
          step: 0,
          action: {
            type: 'partition',
            groups: [
              [1, 2, 3],
              [4, 5, c1, c1 + 1, c1 + 2],
            ],
          },
        },
        { step: 40, action: { type: 'crash', pid: c1 } },
        { step: 41, action: { type: 'crash', pid: c1 } },
      ],
    })
    sim.run()
    const text = textTraceOf(multipaxos, config, sim.log)
    expect(clientsByPid(text, config)).toEqual([])
    expect(text).toContain('The network splits into {P1, P2, P3} | {P4, P5, C1, C2, C3}')
    expect(text).toMatch(/from C\d cannot cross the partition to P\d/)
    expect(text).toContain('Ignored crash: C1 is already down.')
    const refused = interventionProblem(
      multipaxos.requestProblem,
      sim.state,
      { type: 'recover', pid: c1 + 1 },
      processNamer(multipaxos, config),
    )
    expect(refused).toBe('C2 is not down')
  })
})
