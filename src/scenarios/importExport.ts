import { scenarioToJson, type Scenario } from './scenario.ts'

export { fileSizeProblem, parseScenarioBytes } from './input.ts'

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
