/**
 * Direction controls in user text. A right-to-left override (U+202E) and its kin reorder the
 * characters around them: "\u202E01" is drawn as "10", and an override left open reverses the
 * app's own sentence after it. Values are short data (≤ 24 characters) and never need one, so
 * the schema refuses them there; free text (titles, beats) may hold right-to-left scripts, so it
 * is shown isolated instead (`<bdi>` in HTML, `isolatedText` where only plain text fits).
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

/** The first direction control in `text` (its code point and 1-based position), or null. Pure. */
export function firstDirectionControl(text: string): { code: string; position: number } | null {
  const at = text.search(DIRECTION_CONTROL)
  if (at < 0) return null
  const hex = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')
  return { code: `U+${hex}`, position: at + 1 }
}

/**
 * Why `text` may not be a value, or null: "must not contain direction-control characters (U+202E
 * at position 2)". The schema (app and CLI) and the app's propose field share these words. Pure.
 */
export function directionControlProblem(text: string): string | null {
  const found = firstDirectionControl(text)
  return found === null
    ? null
    : `must not contain direction-control characters (${found.code} at position ${found.position})`
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
