import { describe, expect, it } from 'vitest'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import { setAsideName, worthSettingAside } from './setAside.ts'

const racing = presetById('racing-adopt')!
const changed = { ...racing.scenario, seed: racing.scenario.seed + 1 }

describe('work a link opens over', () => {
  it('is set aside when it is the user’s own: a changed example or an untitled run', () => {
    expect(worthSettingAside({ scenario: changed, presetId: 'racing-adopt' }, false)).toBe(true)
    const own = { ...changed, title: undefined }
    expect(worthSettingAside({ scenario: own, presetId: null }, false)).toBe(true)
  })

  it('is not when it is an example as it ships, the link’s own run, or nothing', () => {
    const atStep = { ...racing.scenario, cursor: 12 }
    expect(worthSettingAside({ scenario: atStep, presetId: 'racing-adopt' }, false)).toBe(false)
    expect(worthSettingAside({ scenario: changed, presetId: 'racing-adopt' }, true)).toBe(false)
    expect(worthSettingAside(null, false)).toBe(false)
  })

  it('is named by the example it was changed from', () => {
    expect(setAsideName({ scenario: changed, presetId: 'racing-adopt' })).toBe(
      `your changed run of “${racing.title}”`,
    )
    expect(setAsideName({ scenario: { ...changed, title: undefined }, presetId: null })).toBe('your own run')
  })
})
