import { describe, expect, it } from 'vitest'
import { directionControlProblem, firstDirectionControl, isolatedText } from './userText.ts'

describe('direction controls in user text', () => {
  it('finds every kind, with its code point and 1-based position', () => {
    const kinds = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']
    for (const c of [...kinds, '\u200E', '\u200F', '\u061C'])
      expect(firstDirectionControl(`ab${c}`)?.position).toBe(3)
    expect(firstDirectionControl('\u202E01')).toEqual({ code: 'U+202E', position: 1 })
    expect(firstDirectionControl('v\u0000\u061C')).toEqual({ code: 'U+061C', position: 3 })
    expect(firstDirectionControl('10 שלום 😀')).toBeNull()
  })

  it('words the refusal the way the schema and the propose field show it', () => {
    expect(directionControlProblem('1\u202E0')).toBe(
      'must not contain direction-control characters (U+202E at position 2)',
    )
    expect(directionControlProblem('10')).toBeNull()
  })

  it('isolates plain text: overrides dropped, the rest between FSI and PDI', () => {
    expect(isolatedText('A\u202Ebc')).toBe('\u2068Abc\u2069')
    // A PDI of the user's own cannot close the isolate early and free an override after it.
    expect(isolatedText('x\u2069\u202Ey')).toBe('\u2068xy\u2069')
    expect(isolatedText('שלום')).toBe('\u2068שלום\u2069')
    expect(isolatedText('a\u200Fb')).toBe('\u2068a\u200Fb\u2069')
    expect(isolatedText('Racing ✓ 10')).toBe('Racing ✓ 10')
  })
})
