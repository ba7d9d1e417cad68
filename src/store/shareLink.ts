import type { Scenario } from '../scenarios/scenario.ts'
import { scenarioLink } from '../scenarios/url.ts'
import type { SynodState } from './state.ts'

/**
 * The work's shareable link and the address the app writes for it. Pure apart from reading the
 * page's address and remembering the last result (encoding a long run at every cursor move is slow).
 */

let lastCurrent: { scenario: Scenario; cursor: number; value: Scenario } | null = null

/**
 * The scenario as it would be shared: the recorded inputs plus the current cursor. Pure; the same
 * object again for the same inputs and cursor (so a write can tell it has kept it already).
 */
export function currentScenario(s: Pick<SynodState, 'scenario' | 'cursor'>): Scenario {
  const last = lastCurrent
  if (last && last.scenario === s.scenario && last.cursor === s.cursor) return last.value
  const value = { ...s.scenario, cursor: s.cursor }
  lastCurrent = { scenario: s.scenario, cursor: s.cursor, value }
  return value
}

/** The page's address without `?preset=` (the link holds the scenario itself) and hash. */
function baseAddress(): string {
  const url = new URL(window.location.href)
  url.searchParams.delete('preset')
  // Read once at start-up (presenter.ts `presentFromAddress`); a shared link opens as usual.
  url.searchParams.delete('present')
  url.hash = ''
  return url.toString()
}

/**
 * The full shareable link for the current work, or why there is none (a run too large for a
 * link: the app would refuse to open such a link, so none is made).
 */
export function shareLinkFor(
  s: Pick<SynodState, 'scenario' | 'cursor'>,
): { ok: true; link: string } | { ok: false; error: string } {
  return scenarioLink(currentScenario(s), baseAddress())
}

/** The shareable link for the current work, or null when the run is too large for a link. */
export function shareLink(s: Pick<SynodState, 'scenario' | 'cursor'>): string | null {
  const r = shareLinkFor(s)
  return r.ok ? r.link : null
}

/** Scenarios already found too large for a link (re-encoding them at every cursor move is slow). */
const tooLargeForLink = new WeakSet<Scenario>()

/** The address last computed, so an unchanged work is not compressed and encoded again. */
let lastAddress: { scenario: Scenario; cursor: number; base: string; url: string } | null = null

/** The address for the work: its link, or (too large for a link) the page without a hash. */
export function addressFor(s: Pick<SynodState, 'scenario' | 'cursor'>): string {
  const base = baseAddress()
  const last = lastAddress
  if (last && last.scenario === s.scenario && last.cursor === s.cursor && last.base === base) return last.url
  let url = base
  if (!tooLargeForLink.has(s.scenario)) {
    const r = scenarioLink(currentScenario(s), base)
    if (r.ok) url = r.link
    else tooLargeForLink.add(s.scenario)
  }
  lastAddress = { scenario: s.scenario, cursor: s.cursor, base, url }
  return url
}
