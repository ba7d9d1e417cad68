import { describe, expect, it } from 'vitest'
import { ENGINE_VERSION } from '../engine/index.ts'
import { anyPresetById, presetById } from '../scenarios/presets.ts'
import { changedFrom, matchPreset } from './presetMatch.ts'
import { currentScenario } from './shareLink.ts'
import { engineNotice } from './openRun.ts'

describe('url sync helpers', () => {
  const racing = presetById('racing-adopt')!.scenario

  it('shares the inputs with the cursor', () => {
    expect(currentScenario({ scenario: racing, cursor: 9 })).toEqual({ ...racing, cursor: 9 })
  })

  it('recognises an unchanged example whatever its cursor, and nothing else', () => {
    expect(matchPreset({ ...racing, cursor: 30 })).toBe('racing-adopt')
    expect(matchPreset({ ...racing, seed: racing.seed + 1 })).toBeNull()
    expect(matchPreset({ ...racing, interventions: racing.interventions.slice(1) })).toBeNull()
  })

  it('knows the example a changed copy was made from by its title and story, and nothing else', () => {
    const changed = { ...racing, interventions: racing.interventions.slice(1) }
    expect(changedFrom(changed)).toBe('racing-adopt')
    expect(changedFrom({ ...changed, title: 'My run' })).toBeNull()
    expect(changedFrom({ ...changed, description: 'Another story' })).toBeNull()
    const { title: _t, ...untitled } = changed
    expect(changedFrom(untitled)).toBeNull()
    const mp = anyPresetById('mp-leader-crash')!.scenario
    expect(changedFrom({ ...mp, seed: mp.seed + 1 })).toBe('mp-leader-crash')
  })

  it('explains a scenario from another engine version, and only then', () => {
    expect(engineNotice(racing)).toBeNull()
    expect(engineNotice({ ...racing, engine: ENGINE_VERSION + 1 })).toMatch(
      /recorded with engine version \d+; this Synod runs version \d+/,
    )
  })
})
