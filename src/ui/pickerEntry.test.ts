import { describe, expect, it } from 'vitest'
import { anyPresetById } from '../scenarios/presets.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { pickerEntry } from './pickerEntry.ts'

const leaderCrash = anyPresetById('mp-leader-crash')!

/** The example's run after Settings → "skip phase 1" → Apply and restart (actions.ts applyConfig). */
function withSkipPhase1(scenario: Scenario): Scenario {
  const config = scenario.config as unknown as { bugs: Record<string, boolean> }
  const { beats: _beats, ...rest } = scenario
  return { ...rest, config: { ...config, bugs: { ...config.bugs, skipPhase1: true } } } as unknown as Scenario
}

describe('pickerEntry', () => {
  it('names an example unchanged by its title, as the current value', () => {
    expect(pickerEntry('mp-leader-crash', leaderCrash.scenario)).toEqual({
      value: 'mp-leader-crash',
      label: 'Multi-Paxos: the leader crashes',
      ownTitle: false,
    })
  })

  it('marks an example changed by an action, and leaves it as no value (picking it reloads it)', () => {
    const dropped = { ...leaderCrash.scenario, interventions: [] }
    expect(pickerEntry('mp-leader-crash', dropped)).toEqual({
      value: '',
      label: 'Multi-Paxos: the leader crashes (changed)',
      ownTitle: false,
    })
  })

  it('names a run made from an example by new settings as that example changed, not its title again', () => {
    // applyConfig forgets the example, yet the run keeps its title and story: before, the picker
    // listed "Multi-Paxos: the leader crashes" twice, a blank-valued copy over the example.
    expect(pickerEntry(null, withSkipPhase1(leaderCrash.scenario))).toEqual({
      value: '',
      label: 'Multi-Paxos: the leader crashes (changed)',
      ownTitle: false,
    })
  })

  it('names a shared run by its own title, and a run with none "Your own run"', () => {
    const shared = { ...leaderCrash.scenario, title: 'Our crash', description: 'From the seminar' }
    expect(pickerEntry(null, shared)).toEqual({ value: '', label: 'Our crash', ownTitle: true })
    // The same title with another story is a run of its own too.
    const sameTitle = { ...leaderCrash.scenario, description: 'Another story' }
    expect(pickerEntry(null, sameTitle).ownTitle).toBe(true)
    const { title: _title, description: _description, ...untitled } = leaderCrash.scenario
    expect(pickerEntry(null, untitled)).toEqual({ value: '', label: 'Your own run', ownTitle: false })
  })
})
