/* eslint-disable no-control-regex -- finding control characters is what this file is for */
/**
 * User text in exported files. Scenario text may hold any character the format allows: a NUL in
 * a value, a newline in a title, a right-to-left override in a beat. Each would break the file it
 * lands in (XML forbids most control characters; a header line ends at a newline) or reorder the
 * text after it. These helpers make such text safe for each file while keeping it visible.
 */
import { isolatedText } from '../scenarios/userText.ts'

/** Characters XML 1.0 forbids, and lone surrogates (which no encoder can write). */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** A C0 control as its visible Control Pictures symbol (NUL → ␀); anything else as U+FFFD. */
const picture = (c: string): string => {
  const code = c.charCodeAt(0)
  return c.length === 1 && code < 0x20 ? String.fromCharCode(0x2400 + code) : '\uFFFD'
}

/**
 * Text that is valid inside an XML document, and whose direction cannot reorder what is drawn
 * around it: overrides and embeddings dropped, the rest wrapped in FIRST STRONG ISOLATE … POP
 * DIRECTIONAL ISOLATE (see `isolatedText`), so the PNG drawn from it shows the text as typed. Pure.
 */
export function xmlText(text: string): string {
  return isolatedText(text.replace(XML_INVALID, picture))
}

/** Line breaks, direction controls and other controls in a one-line header, written as visible escapes. Pure. */
export function headerLine(text: string): string {
  // Direction controls too: a text editor would let them reorder the header (and the link after it).
  return text.replace(
    /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g,
    (c) => {
      if (c === '\n') return '\\n'
      if (c === '\r') return '\\r'
      if (c === '\t') return '\\t'
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    },
  )
}

/** The text trace's header: title, the link that replays the run (or why none), the cursor. Pure. */
export function traceHeader(title: string, link: string | null, cursor: number): string {
  const replay = link ?? '(this run is too large for a link: replay it from its scenario file)'
  return [`# ${headerLine(title)}`, `# ${replay}`, `# cursor step ${cursor}`].join('\n')
}
