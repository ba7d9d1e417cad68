import { galleryPresets as allPresets } from '../scenarios/presets.ts'
import { scenarioToJson, type Scenario } from '../scenarios/scenario.ts'

// Which example a scenario opened from a link or storage is, or was made from.

/** The preset a scenario is an unchanged copy of (ignoring the cursor), if any. Pure. */
export function matchPreset(scenario: Scenario): string | null {
  const { cursor: _cursor, ...inputs } = scenario
  const json = JSON.stringify(scenarioToJson(inputs))
  return allPresets().find((p) => JSON.stringify(scenarioToJson(p.scenario)) === json)?.id ?? null
}

/**
 * The example a changed copy was made from: the same protocol, title and story with other inputs
 * (a shared link of a changed example carries its title and story, not where it came from). Pure.
 */
export function changedFrom(scenario: Scenario): string | null {
  if (!scenario.title) return null
  const protocol = scenario.protocol ?? 'paxos'
  const from = allPresets().find(
    (p) =>
      (p.scenario.protocol ?? 'paxos') === protocol &&
      p.scenario.title === scenario.title &&
      p.scenario.description === scenario.description,
  )
  return from?.id ?? null
}
