/**
 * Characters in user text that change how it looks without showing themselves. A right-to-left
 * override (U+202E) and its kin reorder the characters around them: "\u202E01" is drawn as "10",
 * and an override left open reverses the app's own sentence after it. A zero-width space, a
 * byte-order mark or a soft hyphen is drawn as nothing: "1\u200B0" is drawn as "10". Values are
 * short data (≤ 24 characters) and never need either, so the schema refuses them there (the
 * same words in the app and the CLI, see `valueTextProblem`); free text (titles, beats) may hold
 * right-to-left scripts, so it is shown isolated instead (`<bdi>` in HTML, `isolatedText` where
 * only plain text fits). An invisible character in free text only hides itself: it cannot move
 * or hide the app's words around it, so titles keep it.
 */

/** Every explicit direction control: embeddings, overrides, isolates, and the three marks. */
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/

/** The controls that open or close a scope (the marks only nudge their neighbours). */
const SCOPE_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g

/** Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, …, and their forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|\uD802[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE. */
const FSI = '\u2068'
const PDI = '\u2069'

/**
 * Characters a value may not hold because they cannot be seen, or look like a plain space, so
 * that two different values would be drawn alike:
 * - Cc, the controls: NUL, tab, line feed, DEL and the C1 block (a newline splits a label);
 * - Cf, the format characters: zero-width space, joiners, word joiner, BOM, soft hyphen, the
 *   invisible operators, tags, and the direction controls above (worded apart, see below);
 * - Zl and Zp, the line and paragraph separators, which break a label like a newline;
 * - Default_Ignorable_Code_Point, what fonts draw as nothing though it is not Cf: the combining
 *   grapheme joiner U+034F, the variation selectors U+FE00–FE0F and U+E0100–E01EF, the Hangul
 *   fillers U+115F, U+1160, U+3164 and U+FFA0, and the code points kept for more of these;
 * - every space but U+0020 (no-break, en, em, thin, hair, ideographic…): "1\u00A00" is "1 0";
 * - U+2800, the blank braille pattern, a letter that is drawn as a space.
 * This refuses an emoji's joiner (U+200D) and presentation selector (U+FE0F) too: a value is a
 * label, and "❤" and "❤\uFE0F" are drawn alike on many systems. Letters that only look alike (a
 * Cyrillic "о" for a Latin "o") are left alone: values may be in any script.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]|(?! )\p{Zs}/u

interface Found {
  /** The character as "U+200B". */
  readonly code: string
  /** Its 1-based position, counted in characters (as a reader counts), not UTF-16 units. */
  readonly position: number
  readonly char: string
}

/** The first character of `text` matching `pattern`, or null. Pure. */
function firstMatch(text: string, pattern: RegExp): Found | null {
  const at = text.search(pattern)
  if (at < 0) return null
  const point = text.codePointAt(at) ?? 0
  const code = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`
  return { code, position: [...text.slice(0, at)].length + 1, char: String.fromCodePoint(point) }
}

/** The first invisible, blank or control character in `text` (see `INVISIBLE`), or null. Pure. */
export function firstInvisible(text: string): Found | null {
  return firstMatch(text, INVISIBLE)
}

/**
 * Why `text` may not be a value, or null: "must not contain invisible or control characters
 * (U+200B at position 2)", or for a direction control (a format character too, with its own
 * words since it also moves what is around it) "must not contain direction-control characters
 * (U+202E at position 2)". The first such character is named. The schema (app and CLI) and the
 * app's propose field share these words. Pure.
 */
export function valueTextProblem(text: string): string | null {
  const found = firstInvisible(text)
  if (found === null) return spacingProblem(text)
  const kind = DIRECTION_CONTROL.test(found.char)
    ? 'direction-control characters'
    : 'invisible or control characters'
  return `must not contain ${kind} (${found.code} at position ${found.position})`
}

/**
 * Why the plain spaces of `text` would hide what it is, or null: a page and an SVG draw a space at
 * either end as nothing and two in a row as one, so `"10 "` looked like `10` and `"1  0"` like
 * `"1 0"` (the propose field trims what is typed; a link or file did not). Pure.
 */
function spacingProblem(text: string): string | null {
  if (text.startsWith(' ') || text.endsWith(' ')) return 'must not start or end with a space'
  const twice = text.indexOf('  ')
  if (twice >= 0)
    return `must not contain two spaces in a row (at position ${[...text.slice(0, twice)].length + 1})`
  return null
}

/**
 * User text for a place that takes only plain text (an `<option>`, an attribute, a sentence
 * built as a string, SVG): its scope controls removed, so none is left open or closes ours, and
 * the rest wrapped in FSI … PDI, so its direction cannot reorder the text around it. Text with
 * no direction controls and no right-to-left letters is returned unchanged. Pure.
 */
export function isolatedText(text: string): string {
  if (!DIRECTION_CONTROL.test(text) && !RIGHT_TO_LEFT.test(text)) return text
  return `${FSI}${text.replace(SCOPE_CONTROLS, '')}${PDI}`
}
