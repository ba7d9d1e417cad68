import { describe, expect, it } from 'vitest'
import { runToEnd } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { feedLines } from './Narration.tsx'

describe('feedLines', () => {
  const log = runToEnd(toRunInput(presetById('basic')!.scenario)).log

  it('folds a broadcast into one line that links every message', () => {
    const lines = feedLines(log.filter((e) => e.step === 0))
    const broadcast = lines.find((l) => l.text.startsWith('P1 sends prepare 1.1 to'))
    expect(broadcast?.text).toBe('P1 sends prepare 1.1 to P1, P2, P3, P4, P5.')
    expect(broadcast?.msgs.map((m) => m.id)).toEqual([1, 2, 3, 4, 5])
  })

  it('keeps every other event as its own line, linked to its message when it has one', () => {
    const lines = feedLines(log.filter((e) => e.step === 1))
    expect(lines.map((l) => l.text)).toEqual(log.filter((e) => e.step === 1).map((e) => e.text))
    expect(lines[0]?.msgs).toEqual([{ id: 1, to: 1 }])
  })
})
