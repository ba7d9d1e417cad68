import { describe, expect, it } from 'vitest'
import { presetById } from './presets.ts'
import { strToU8 } from 'fflate'
import { parseScenarioBytes, scenarioFileName, scenarioFileText } from './importExport.ts'

const parseScenarioFile = (text: string) => parseScenarioBytes(strToU8(text))

describe('scenario files', () => {
  it('round-trips a preset through its file text', () => {
    const s = presetById('racing-adopt')!.scenario
    const r = parseScenarioFile(scenarioFileText({ ...s, cursor: 7 }))
    expect(r).toEqual({ ok: true, scenario: { ...s, cursor: 7 } })
  })
  it('names the problem of a bad file', () => {
    expect(parseScenarioFile('{')).toEqual({ ok: false, error: 'the file is not valid JSON' })
    const r = parseScenarioFile('{"format":1,"engine":1,"seed":-3}')
    expect(r.ok).toBe(false)
    expect(parseScenarioFile('[]')).toEqual({ ok: false, error: 'a scenario must be a JSON object' })
  })
  it('says an empty file is empty', () => {
    expect(parseScenarioFile('')).toEqual({ ok: false, error: 'the file is empty' })
    expect(parseScenarioFile(' \n\t')).toEqual({ ok: false, error: 'the file is empty' })
    expect(parseScenarioBytes(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({
      ok: false,
      error: 'the file is empty',
    })
  })
  it('makes a safe file name from any title', () => {
    const s = presetById('basic')!.scenario
    expect(scenarioFileName({ ...s, title: '<script>alert(1)</script> / ../x' })).toBe(
      'script-alert-1-script-x.synod.json',
    )
    expect(scenarioFileName({ ...s, title: '∆∆' })).toBe('scenario.synod.json')
  })
})
