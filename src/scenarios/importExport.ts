import { parseScenario, scenarioToJson, type ParseResult, type Scenario } from './scenario.ts'

/** Files larger than this are refused before parsing (a scenario is a few kilobytes). */
export const MAX_IMPORT_BYTES = 1_000_000

/** The `.json` file for a scenario (the docs/scenario-format.md format), pretty for diffs. Pure. */
export function scenarioFileText(s: Scenario): string {
  return `${JSON.stringify(scenarioToJson(s), null, 2)}\n`
}

/** A file name from the scenario's title: letters, digits and dashes only. Pure. */
export function scenarioFileName(s: Scenario): string {
  const slug = (s.title ?? 'scenario')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${slug || 'scenario'}.synod.json`
}

/** Validate an imported file's text; errors name the file's problem. Pure; never throws. */
export function parseScenarioFile(text: string): ParseResult {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, error: 'the file is too large for a scenario' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, error: 'the file is not valid JSON' }
  }
  return parseScenario(value)
}
