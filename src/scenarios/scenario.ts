import * as v from 'valibot'
import type { Intervention, RunInput, ScheduledIntervention, SimConfig } from '../engine/index.ts'
import { ENGINE_VERSION, LIMITS, defaultConfig } from '../engine/index.ts'
import { BEATS_MAX, SCENARIO_FORMAT, scenarioSchema } from './schema.ts'

/** A narration beat: a lecturer's note that pauses the run at a step. */
export interface Beat {
  readonly step: number
  readonly text: string
}

/** A scenario: inputs only. Everything on screen is derived by replaying it. */
export interface Scenario {
  readonly engine: number
  readonly seed: number
  readonly config: SimConfig
  readonly interventions: readonly ScheduledIntervention[]
  readonly title?: string
  readonly description?: string
  readonly beats?: readonly Beat[]
  readonly cursor?: number
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string }

/** A new, empty scenario with default settings. Pure. */
export function emptyScenario(seed = 1): Scenario {
  return { engine: ENGINE_VERSION, seed, config: defaultConfig(), interventions: [] }
}

/** The engine's input for a scenario. Pure. */
export function toRunInput(s: Scenario): RunInput {
  return { seed: s.seed, config: s.config, interventions: s.interventions }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  const path =
    issue.path?.map((p) => p.key).filter((k) => typeof k === 'string' || typeof k === 'number') ?? []
  return path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k),
    '',
  )
}

/** One readable line for the first validation problem (`config.lossPercent must be at most 100`). Pure. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const where = pathOf(issue)
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return `unknown field "${where}"`
  }
  if (issue.received === 'undefined' && issue.kind === 'schema') return `${where || 'scenario'} is missing`
  return `${where || 'scenario'} ${issue.message}`
}

/** The list limits, checked before validating any entry (so a huge list is refused at once). */
const LIST_LIMITS = { interventions: LIMITS.interventionsMax, beats: BEATS_MAX } as const

/** A message when a top-level list is longer than its limit, else null. Pure. */
function oversizedList(input: Record<string, unknown>): string | null {
  for (const [key, max] of Object.entries(LIST_LIMITS)) {
    const list = Object.hasOwn(input, key) ? input[key] : undefined
    if (Array.isArray(list) && list.length > max) return `${key} must have at most ${max} entries`
  }
  return null
}

/**
 * Validate an untrusted value (parsed JSON from a file, URL or CLI) as a scenario. Never throws;
 * errors name the field and the problem. Pure.
 */
export function parseScenario(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'a scenario must be a JSON object' }
  }
  const format = (input as { format?: unknown }).format
  if (typeof format === 'number' && format > SCENARIO_FORMAT) {
    return {
      ok: false,
      error: `this scenario uses format ${format}, newer than this Synod understands (${SCENARIO_FORMAT}); please update Synod`,
    }
  }
  const tooLong = oversizedList(input as Record<string, unknown>)
  if (tooLong !== null) return { ok: false, error: tooLong }
  // Only the first issue is reported, so stop there: a short link holding 200,000 bad entries
  // would otherwise cost seconds of validation.
  const r = v.safeParse(scenarioSchema, input, { abortEarly: true })
  if (!r.success) return { ok: false, error: describeIssue(r.issues[0]) }
  const o = r.output
  const outOfRange = o.interventions.findIndex((iv) =>
    ('pid' in iv ? [iv.pid] : 'groups' in iv ? iv.groups.flat() : []).some((p) => p > o.config.processCount),
  )
  if (outOfRange >= 0) {
    return {
      ok: false,
      error: `interventions[${outOfRange}] names a process above P${o.config.processCount}`,
    }
  }
  const interventions = o.interventions.map(({ step, ...action }) => ({
    step,
    action: action as Intervention,
  }))
  const config = { ...o.config, retry: { ...o.config.retry }, bugs: { ...o.config.bugs } } as SimConfig
  const scenario: Scenario = {
    engine: o.engine,
    seed: o.seed,
    config,
    interventions,
    ...(o.title !== undefined && { title: o.title }),
    ...(o.description !== undefined && { description: o.description }),
    ...(o.beats !== undefined && { beats: o.beats }),
    ...(o.cursor !== undefined && { cursor: o.cursor }),
  }
  return { ok: true, scenario }
}

/** The JSON form of a scenario (what files and URLs carry). Pure. */
export function scenarioToJson(s: Scenario): Record<string, unknown> {
  return {
    format: SCENARIO_FORMAT,
    engine: s.engine,
    seed: s.seed,
    ...(s.title !== undefined && { title: s.title }),
    ...(s.description !== undefined && { description: s.description }),
    config: s.config,
    interventions: s.interventions.map((iv) => ({ step: iv.step, ...iv.action })),
    ...(s.beats !== undefined && { beats: s.beats }),
    ...(s.cursor !== undefined && { cursor: s.cursor }),
  }
}
