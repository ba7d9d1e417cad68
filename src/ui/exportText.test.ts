import { describe, expect, it } from 'vitest'
import { headerLine, traceHeader, xmlText } from './exportText.ts'

describe('user text in exported files', () => {
  it('keeps XML valid: controls become visible symbols, lone surrogates U+FFFD', () => {
    expect(xmlText('a\u0000b\u0007c')).toBe('a␀b␇c')
    expect(xmlText('x\ud800y')).toBe('x\ufffdy')
    expect(xmlText('tab\tnew\nline 😀')).toBe('tab\tnew\nline 😀')
    expect(xmlText('\uffff')).toBe('\ufffd')
  })

  it('drops overrides and isolates the rest, so the PNG shows the text as typed', () => {
    expect(xmlText('A\u202Ebc')).toBe('\u2068Abc\u2069')
    expect(xmlText('A\u0000\u202E')).toBe('\u2068A␀\u2069')
    expect(xmlText('plain')).toBe('plain')
  })

  it('escapes direction controls in the trace header, as it does NUL', () => {
    expect(headerLine('evil \u202Etxt.exe\u2066')).toBe('evil \\u202etxt.exe\\u2066')
  })

  it('keeps the trace header three lines whatever the title', () => {
    const head = traceHeader('Two\nlines\r\u2028and a\u0000NUL', 'https://x.test/#s=1.x', 7)
    expect(head.split('\n')).toEqual([
      '# Two\\nlines\\r\\u2028and a\\u0000NUL',
      '# https://x.test/#s=1.x',
      '# cursor step 7',
    ])
    expect(headerLine('plain ✓')).toBe('plain ✓')
    expect(traceHeader('t', null, 0).split('\n')[1]).toMatch(/too large for a link/)
  })
})
