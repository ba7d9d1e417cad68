import { describe, expect, it } from 'vitest'
import { defaultConfig, forkRunInput as forkInput, runToEnd, type RunInput } from '../engine/index.ts'
import { firstDivergentStep, sharedPrefix } from './protocol.ts'

const base: RunInput = {
  seed: 1,
  config: defaultConfig(),
  interventions: [
    { step: 0, action: { type: 'propose', pid: 1, value: 'a' } },
    { step: 12, action: { type: 'crash', pid: 2 } },
  ],
}

describe('forkRunInput (the one definition of acting in the past)', () => {
  it('keeps interventions up to the step, drops later ones and records the new one', () => {
    const f = forkInput(base, 5, { type: 'crash', pid: 3 })
    expect(f.interventions).toEqual([base.interventions[0], { step: 5, action: { type: 'crash', pid: 3 } }])
  })
  it('keeps interventions recorded at the same step, before the new one', () => {
    const f = forkInput(base, 12, { type: 'heal' })
    expect(f.interventions.map((iv) => iv.action.type)).toEqual(['propose', 'crash', 'heal'])
  })
})

describe('firstDivergentStep and sharedPrefix', () => {
  it('finds where two inputs can first differ', () => {
    expect(firstDivergentStep(base, base)).toBe(Infinity)
    expect(firstDivergentStep(base, { ...base, seed: 2 })).toBe(0)
    expect(firstDivergentStep(base, forkInput(base, 5, { type: 'heal' }))).toBe(5)
  })
  it('shares only events of earlier steps, never an end-of-run event', () => {
    const log = runToEnd(base).log
    const n = sharedPrefix(log, 5)
    expect(log.slice(0, n).every((e) => e.step < 5)).toBe(true)
    expect(log[n]?.step).toBeGreaterThanOrEqual(5)
    expect(log[sharedPrefix(log, Infinity) - 1]?.kind).not.toBe('run.quiescent')
  })
  it('the shared prefix is really shared with the forked run', () => {
    const forked = forkInput(base, 7, { type: 'crash', pid: 4 })
    const a = runToEnd(base).log
    const b = runToEnd(forked).log
    const n = sharedPrefix(a, firstDivergentStep(base, forked))
    expect(JSON.stringify(b.slice(0, n))).toBe(JSON.stringify(a.slice(0, n)))
  })
})

describe('a run of another protocol', () => {
  it('shares nothing with a run of the same seed, config and interventions in another protocol', () => {
    expect(firstDivergentStep(base, { ...base, protocol: 'multipaxos' })).toBe(0)
    expect(firstDivergentStep({ ...base, protocol: 'paxos' }, base)).toBe(Infinity)
  })
})
