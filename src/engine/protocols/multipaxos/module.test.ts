import { describe, expect, it } from 'vitest'
import type { ProcSlot } from '../../kernel/module.ts'
import type { ProcessId } from '../../kernel/types.ts'
import { defaultMpConfig } from './config.ts'
import { Harness } from './harness.test-helpers.ts'
import { multipaxos, summaryFields } from './module.ts'
import { label } from './narration.ts'
import type { MpTypes } from './types.ts'
import { logCells } from './view.ts'

const slots = (h: Harness): ProcSlot<MpTypes>[] =>
  h.states.map((local, i) => ({ pid: (i + 1) as ProcessId, up: h.up[i] ?? false, local }))

describe('the module face', () => {
  it('summarizes leader, committed prefix, its commands and replicas caught up', () => {
    const h = new Harness({ ...defaultMpConfig(), workload: [['put', 'get']] })
    h.runUntil((x) => x.clientsDone())
    h.run(100)
    expect(summaryFields(slots(h))).toEqual([
      ['protocol', 'multipaxos'],
      ['leader', 'P1'],
      ['committed', '2'],
      ['log', 'C1.1:put(a1),C1.2:get'],
      ['executed', '5/5'],
    ])
  })

  it('every message type and every event of a run has words, a meaning and a label', () => {
    const h = new Harness({ ...defaultMpConfig(), workload: [['put', 'put']] })
    h.runUntil((x) => x.clientsDone())
    h.crash(5)
    h.run(50)
    h.recover(5)
    h.run(200)
    for (const f of h.facts) expect(multipaxos.narration.event(f.fact, h.config)).not.toBe('')
    for (const type of Object.keys(h.sent)) expect(multipaxos.messages).toHaveProperty(type)
    expect(label({ type: 'heartbeat', ballot: { round: 2, pid: 3 }, commit: 4 })).toBe('♥ 2.3 c4')
  })

  it('the log grid shows empty, accepted (with ballot), chosen and executed cells', () => {
    const h = new Harness({ ...defaultMpConfig(), workload: [['put', 'put']] })
    h.runUntil((x) => x.clientsDone())
    const cells = logCells(h.replica(2), 3)
    expect(cells.map((c) => c.status)).toEqual(['executed', 'accepted', 'empty'])
    expect(cells[1]?.ballot).toBe('1.1')
  })

  it('the observer turns protocol events into violations with the property ids', () => {
    const ids = multipaxos.properties.filter((p) => p.kind === 'always').map((p) => p.id)
    expect(ids).toEqual(['slot-agreement', 'prefix-agreement', 'at-most-once', 'linearizable'])
  })

  it('a replica card and lane say leader, ballot and commit point', () => {
    const h = new Harness(defaultMpConfig())
    h.runUntil((x) => x.clientsDone())
    const card = multipaxos.view(h.replica(1), true, h.config, 1 as ProcessId)
    expect(card.cells[0]).toEqual({ id: 'role', value: 'leader 1.1' })
    expect(multipaxos.laneStatus(h.replica(1), true).text).toBe('leader 1.1 · c3')
    expect(multipaxos.laneStatus(h.client(1), true).text).toBe('✓ 3')
  })
})
