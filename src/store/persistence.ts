import { parseScenario, scenarioToJson, type Scenario } from '../scenarios/scenario.ts'

/**
 * The user's current work, kept in localStorage so a reload (or a closed tab) does not lose it.
 * Storage can be missing, full or forbidden (private mode, sandboxed iframes): every access is
 * guarded, and failing to keep the work never breaks the app.
 */

export const WORK_KEY = 'synod.work.v1'
/** Larger scenarios are not kept (they would crowd out other sites' storage for little gain). */
export const MAX_WORK_CHARS = 200_000

export interface KeptWork {
  readonly scenario: Scenario
  readonly presetId: string | null
}

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/** Keep the work; false when it could not be stored (too large, quota, private mode). */
export function saveWork(scenario: Scenario, presetId: string | null): boolean {
  const text = JSON.stringify({ presetId, scenario: scenarioToJson(scenario) })
  if (text.length > MAX_WORK_CHARS) return false
  try {
    storage()?.setItem(WORK_KEY, text)
    return true
  } catch {
    return false
  }
}

/** The kept work, validated like any untrusted scenario; null when none or unreadable. */
export function loadWork(): KeptWork | null {
  let text: string | null = null
  try {
    text = storage()?.getItem(WORK_KEY) ?? null
  } catch {
    return null
  }
  if (text === null || text.length > MAX_WORK_CHARS) return null
  try {
    const raw = JSON.parse(text) as { presetId?: unknown; scenario?: unknown }
    const parsed = parseScenario(raw.scenario)
    if (!parsed.ok) return null
    const presetId = typeof raw.presetId === 'string' ? raw.presetId : null
    return { scenario: parsed.scenario, presetId }
  } catch {
    return null
  }
}

export function clearWork(): void {
  try {
    storage()?.removeItem(WORK_KEY)
  } catch {
    // Nothing kept means nothing to clear.
  }
}
