import * as v from 'valibot'
import type {
  Intervention,
  PresetAsk,
  ProtocolRunInput,
  ScheduledIntervention,
  SimConfig,
} from '../engine/index.ts'
import { ENGINE_VERSION, LIMITS, defaultConfig } from '../engine/index.ts'
import { migrateV1toV2, type ScenarioV2Fields } from './migrate.ts'
import { configForProtocol, laneCount } from './protocolConfig.ts'
import { BEATS_MAX, SCENARIO_FORMAT, scenarioSchema, scenarioSchemaV1 } from './schema.ts'

/** A narration beat: a lecturer's note that pauses the run at a step. */
export interface Beat {
  readonly step: number
  readonly text: string
  /** A question's answers, so the student can predict before the run reveals it (format 2). */
  readonly ask?: BeatAsk
}

/**
 * The answers to a "Think" beat: `choices[answer]` is right, and `why` says so. The same shape as
 * a protocol module's preset question, so a module's preset carries into a scenario unchanged.
 */
export type BeatAsk = PresetAsk

/** A scenario: inputs only. Everything on screen is derived by replaying it. */
export interface Scenario {
  /**
   * The protocol module's id (src/engine/protocols/registry.ts); absent means `paxos`. `config`
   * is that protocol's config (checked by its module when decoded).
   */
  readonly protocol?: string
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

/** The engine's input for a scenario (naming its protocol unless it is Paxos). Pure. */
export function toRunInput(s: Scenario): ProtocolRunInput {
  const input = { seed: s.seed, config: s.config, interventions: s.interventions }
  return s.protocol === undefined || s.protocol === 'paxos' ? input : { protocol: s.protocol, ...input }
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
function describeIssue(issue: v.BaseIssue<unknown>, prefix = ''): string {
  const inner = pathOf(issue)
  const where = prefix && inner ? `${prefix}.${inner}` : prefix || inner
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
  // would otherwise cost seconds of validation. Format 1 is read by its own frozen schema and
  // migrated; format 2's config is checked by its protocol.
  let fields: ScenarioV2Fields
  if (format === SCENARIO_FORMAT) {
    const r = v.safeParse(scenarioSchema, input, { abortEarly: true })
    if (!r.success) return { ok: false, error: describeIssue(r.issues[0]) }
    fields = r.output
  } else {
    const r = v.safeParse(scenarioSchemaV1, input, { abortEarly: true })
    if (!r.success) return { ok: false, error: describeIssue(r.issues[0]) }
    fields = migrateV1toV2(r.output)
  }
  return fromFields(fields)
}

/** A scenario from validated format-2 fields: its config checked by its protocol. Pure. */
function fromFields(o: ScenarioV2Fields): ParseResult {
  const checked = configForProtocol(o.protocol, o.config, describeIssue)
  if (!checked.ok) return checked
  const lanes = laneCount(o.protocol, checked.config)
  const outOfRange = o.interventions.findIndex((iv) =>
    ('pid' in iv ? [iv.pid] : 'groups' in iv ? iv.groups.flat() : []).some((p) => p > lanes),
  )
  if (outOfRange >= 0) {
    return { ok: false, error: `interventions[${outOfRange}] names a process above P${lanes}` }
  }
  const interventions = o.interventions.map(({ step, ...action }) => ({
    step,
    action: action as Intervention,
  }))
  // A fresh copy (plain JSON data, key order kept): a scenario never shares objects with the input.
  const config = JSON.parse(JSON.stringify(checked.config)) as SimConfig
  const scenario: Scenario = {
    ...(o.protocol !== 'paxos' && { protocol: o.protocol }),
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
    protocol: s.protocol ?? 'paxos',
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
