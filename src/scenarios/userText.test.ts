import { describe, expect, it } from 'vitest'
import { firstInvisible, isolatedText, valueTextProblem } from './userText.ts'

describe('direction controls in user text', () => {
  it('finds every kind, with its code point and 1-based position', () => {
    const kinds = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']
    for (const c of [...kinds, '\u200E', '\u200F', '\u061C'])
      expect(valueTextProblem(`ab${c}`)).toMatch(
        /^must not contain direction-control characters \(U\+.* position 3\)$/,
      )
    expect(firstInvisible('\u202E01')).toEqual({ code: 'U+202E', position: 1, char: '\u202E' })
    expect(firstInvisible('v\u061C')).toEqual({ code: 'U+061C', position: 2, char: '\u061C' })
    expect(firstInvisible('10 שלום 😀')).toBeNull()
  })

  it('words the refusal the way the schema and the propose field show it', () => {
    expect(valueTextProblem('1\u202E0')).toBe(
      'must not contain direction-control characters (U+202E at position 2)',
    )
    expect(valueTextProblem('10')).toBeNull()
  })
})

describe('invisible and control characters in values', () => {
  // tester5's spoofs: each is drawn as "10", another process's value.
  it.each([
    ['zero-width space', '1\u200B0', 'U+200B'],
    ['byte-order mark', '\uFEFF10', 'U+FEFF'],
    ['word joiner', '1\u20600', 'U+2060'],
    ['zero-width joiner', '1\u200D0', 'U+200D'],
    ['soft hyphen', '1\u00AD0', 'U+00AD'],
    ['newline', '1\n0', 'U+000A'],
    ['NUL', '1\u00000', 'U+0000'],
    ['line separator', '1\u20280', 'U+2028'],
    ['paragraph separator', '1\u20290', 'U+2029'],
    ['variation selector', '1\uFE0F0', 'U+FE0F'],
    ['combining grapheme joiner', '1\u034F0', 'U+034F'],
    ['Hangul filler', '1\u31640', 'U+3164'],
    ['halfwidth Hangul filler', '1\uFFA00', 'U+FFA0'],
    ['blank braille pattern', '1\u28000', 'U+2800'],
    ['no-break space', '1\u00A00', 'U+00A0'],
    ['DEL', '1\u007F0', 'U+007F'],
  ])('refuses a %s, named with its position', (_, value, code) => {
    const at = value.startsWith('1') ? 2 : 1
    expect(valueTextProblem(value)).toBe(
      `must not contain invisible or control characters (${code} at position ${at})`,
    )
  })

  it('names a character beyond U+FFFF whole, counting positions in characters', () => {
    expect(firstInvisible('😀\u{E0041}')).toEqual({ code: 'U+E0041', position: 2, char: '\u{E0041}' })
    expect(valueTextProblem('😀1\u{E0100}')).toBe(
      'must not contain invisible or control characters (U+E0100 at position 3)',
    )
  })

  it('names the first, in the words of its kind', () => {
    expect(valueTextProblem('1\u200B\u202E0')).toMatch(/^must not contain invisible .* position 2\)$/)
    expect(valueTextProblem('\u202E1\u200B0')).toMatch(/^must not contain direction-control .* position 1\)$/)
  })

  it('refuses spaces a page would hide: at either end, or two in a row', () => {
    expect(valueTextProblem('10 ')).toBe('must not start or end with a space')
    expect(valueTextProblem(' 10')).toBe('must not start or end with a space')
    expect(valueTextProblem('1  0')).toBe('must not contain two spaces in a row (at position 2)')
    expect(valueTextProblem('😀  0')).toBe('must not contain two spaces in a row (at position 2)')
    expect(valueTextProblem('put x5')).toBeNull()
  })

  it('keeps what can be seen: the plain space, any script, emoji, a combining accent', () => {
    for (const value of ['put x5', 'שלום', 'е10', '😀', 'cafe\u0301', '１０', '\ud800'])
      expect(valueTextProblem(value)).toBeNull()
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
