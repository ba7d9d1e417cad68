import { describe, expect, it } from 'vitest'
import {
  protocolPreset,
  runProtocolPreset,
  runToEnd,
  tagLogProtocol,
  type SimEvent,
} from '../engine/index.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import { momentSelector } from '../store/moment.ts'
import { initialState, type SynodState } from '../store/state.ts'
import { chipState } from './SafetyBadge.tsx'

/** The top bar's chip facts at `cursor` of preset `id`. */
function chipAt(id: string, cursor: number) {
  const found = protocolPreset(id)!
  const log = runProtocolPreset(found.module, found.preset).log as SimEvent[]
  tagLogProtocol(log[0]!, found.module)
  const scenario = anyPresetById(id)!.scenario
  const state = { ...initialState(), scenario, log, halted: null, cursor, panelCursor: cursor } as SynodState
  return momentSelector('feed', chipState)(state)
}

describe('the committed chip after a crash', () => {
  it('mp-bug-commit-short: committed at step 29; at 31, after P1 crashed, it names what the crash took', () => {
    expect(chipAt('mp-bug-commit-short', 29)).toMatchObject({ grid: true, count: 1, lostBy: '' })
    const after = chipAt('mp-bug-commit-short', 31)
    // Not "nothing committed yet": P1 committed slot 1 (and C1 has its answer) before crashing.
    expect(after).toMatchObject({ grid: true, count: 0, lostBy: 'P1' })
    expect(after.lostText).toMatch(/^P1 committed slot 1, then crashed/)
  })

  it('single decree: a process that decided and then crashed still counts as decided (its decision is on storage)', () => {
    const scenario = anyPresetById('racing-adopt')!.scenario
    const first = runToEnd(toRunInput(scenario)).log.find((e) => e.kind === 'learner.decide')!
    const pid = (first as unknown as { pid: number }).pid
    const crash = { step: first.step + 1, action: { type: 'crash', pid } }
    const withCrash = { ...scenario, interventions: [...scenario.interventions, crash] } as typeof scenario
    const log = runToEnd(toRunInput(withCrash)).log
    const state = { ...initialState(), scenario: withCrash, log, halted: null }
    const chip = (cursor: number) =>
      momentSelector('feed', chipState)({ ...state, cursor, panelCursor: cursor })
    const at = chip(first.step)
    expect(at.count).toBeGreaterThan(0)
    const after = chip(first.step + 1)
    expect(log.some((e) => e.step === first.step + 1 && e.kind === 'proc.crash')).toBe(true)
    expect(after.count).toBe(at.count)
    expect(after.done).toBe(at.done)
  })
})
