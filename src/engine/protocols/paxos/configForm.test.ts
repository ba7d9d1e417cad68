import { describe, expect, it } from 'vitest'
import { defaultConfig } from './config.ts'
import { quorumSentence } from './configForm.ts'
import type { SimConfig } from './types.ts'

const cfg = (over: Partial<SimConfig>): SimConfig => ({ ...defaultConfig(), ...over })

describe('the settings dialog explains the quorum system', () => {
  it('majorities and a safe non-majority choice are safe, with the arithmetic', () => {
    expect(quorumSentence(cfg({}))).toMatch(/^Safe: q1 \+ q2 = 3 \+ 3 = 6 > 5,/)
    expect(quorumSentence(cfg({ q1: 4, q2: 2 }))).toMatch(/^Safe: q1 \+ q2 = 4 \+ 2 = 6 > 5,/)
  })

  it('an unsafe choice says it is allowed only as the broken variant, and when it runs as one', () => {
    expect(quorumSentence(cfg({ q1: 3, q2: 2 }))).toMatch(
      /^Unsafe: q1 \+ q2 = 3 \+ 2 = 5 ≤ 5: .* Allowed only as the broken variant “Quorums too small” below\.$/,
    )
    const broken = cfg({ q1: 3, q2: 2, bugs: { ...defaultConfig().bugs, smallQuorum: true } })
    expect(quorumSentence(broken)).toMatch(/^Unsafe, running as the broken variant: q1 \+ q2 = 3 \+ 2/)
  })

  it('asks for both sizes while a field is empty', () => {
    expect(quorumSentence(cfg({ q1: Number.NaN, q2: 2 }))).toBe('Enter both quorum sizes.')
  })
})
