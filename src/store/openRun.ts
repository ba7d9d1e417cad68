import { ENGINE_VERSION } from '../engine/index.ts'
import { anyPresetById as presetById } from '../scenarios/presets.ts'
import { scenarioToJson, type Scenario } from '../scenarios/scenario.ts'
import { loadPreset, loadScenario, setNotice } from './actions.ts'
import { clampCursor } from './navigation.ts'
import { changedFrom, matchPreset } from './presetMatch.ts'
import { synodStore } from './store.ts'

// Opening a run from a link or from the browser's storage, shared by the start-up (startup.ts)
// and the links that arrive later (urlSync.ts).

/** A sentence for a scenario recorded by another engine version, or null. Pure. */
export function engineNotice(s: Scenario): string | null {
  if (s.engine === ENGINE_VERSION) return null
  return `This scenario was recorded with engine version ${s.engine}; this Synod runs version ${ENGINE_VERSION}. It replays, but the run may differ from the one originally recorded.`
}

/**
 * A link that could not be opened, and what shows instead: the work on screen (or kept from last
 * time), or, with no work to keep (a fresh profile), the example `instead` names.
 */
export const linkFailure = (error: string, instead: string | null = null): string =>
  `This link could not be opened: ${error}. ${instead === null ? 'Your current work is unchanged.' : `Showing ${instead} instead.`}`

/**
 * Show the step a link or the kept work names, inside the run: "cursor": 199999 over the same
 * run on screen showed "step 199999/135". A run still being computed is clamped when it is done
 * (store.ts); one computed already, now.
 */
export function moveToSavedCursor(cursor: number | undefined): void {
  const s = synodStore.getState()
  synodStore.setState({ cursor: s.computing ? (cursor ?? 0) : clampCursor(s.log, cursor ?? 0) })
}

/**
 * Load a scenario from a link or storage. An unchanged example loads as that example (so the
 * picker names it), then moves to the saved cursor; a changed one loads as changed from it (the
 * picker says "(changed)", and presenter mode does not tell the example's story as this run's).
 */
export function openScenario(scenario: Scenario, presetId: string | null = null): void {
  const id = matchPreset(scenario)
  if (id !== null && loadPreset(id)) moveToSavedCursor(scenario.cursor)
  else loadScenario(scenario, presetId !== null && presetById(presetId) ? presetId : changedFrom(scenario))
  setNotice(engineNotice(scenario))
}

/**
 * `?embed`: a minimal view inside someone else's page. It never reads or writes the visitor's
 * kept work (an embedded example must not overwrite, or show, what they were doing in Synod).
 */
export function isEmbed(
  search: string = typeof window === 'undefined' ? '' : window.location.search,
): boolean {
  return new URLSearchParams(search).has('embed')
}

/** Same inputs (ignoring the cursor)? Pure. */
export const sameInputs = (a: Scenario, b: Scenario): boolean => {
  const { cursor: _a, ...x } = a
  const { cursor: _b, ...y } = b
  return JSON.stringify(scenarioToJson(x)) === JSON.stringify(scenarioToJson(y))
}
