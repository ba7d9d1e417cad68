import { describe, expect, it } from 'vitest'
import { paxos } from '../engine/index.ts'
import { multipaxos } from '../engine/protocols/multipaxos/module.ts'
import { initialMultiPaxosCheck, specModelOf } from '../store/multiPaxosCheck.ts'
import { limitMessage } from './EngineBanner.tsx'

/** Where the app speaks of a run, it uses the run's protocol's words (issue 10), not Paxos's. */
describe("the app's words follow the run's protocol", () => {
  it('each module names its requests: Paxos proposes, Multi-Paxos clients send commands', () => {
    expect(paxos.requestWords).toMatchObject({ budget: 'Proposals', clickHint: 'click a process to propose' })
    const mp = multipaxos.requestWords
    expect(mp.budget).toBe('Client requests')
    for (const words of Object.values(mp)) expect(words).not.toMatch(/propos/i)
    expect(mp.clickHint).toMatch(/client \(C1…\)/)
    expect(mp.tapHint).toMatch(/client name/)
  })

  it('says a step limit without naming Paxos, and a log limit with the protocol’s requests', () => {
    const steps = limitMessage('steps', true, 0, 'client requests')!
    expect(steps).toMatch(/step limit/)
    expect(steps).not.toMatch(/Paxos/)
    expect(limitMessage('log', true, 0, 'client requests')).toMatch(/start fewer client requests\.$/)
    expect(limitMessage('log', true, 0, 'proposals')).toMatch(/start fewer proposals\.$/)
  })

  it("spec mode checks the loaded run's model until the user picks one", () => {
    expect(initialMultiPaxosCheck().model).toBeNull()
    expect(specModelOf(null, 'multipaxos')).toBe('multipaxos')
    expect(specModelOf(null, 'paxos')).toBe('paxos')
    // An explicit pick wins either way.
    expect(specModelOf('paxos', 'multipaxos')).toBe('paxos')
    expect(specModelOf('multipaxos', 'paxos')).toBe('multipaxos')
  })
})
