import * as v from 'valibot'
import { ENGINE_VERSION, LIMITS, defaultConfig } from '../engine/index.ts'
import { valueTextProblem } from './userText.ts'

/**
 * The scenario file formats (see docs/scenario-format.md), as valibot schemas. Objects are
 * strict: an unknown field is an error, so typos never silently change a run. Config fields are
 * optional and default to the protocol's defaults.
 *
 * Format 2 (current) adds `protocol` and Flexible Paxos's `q1`/`q2`; format 1 (every link and file
 * made before) is read with its own schema and migrated (`src/scenarios/migrate.ts`).
 */

export const SCENARIO_FORMAT = 2

const int = (min: number, max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  )

const d = defaultConfig()
const pidSchema = int(1, LIMITS.processCountMax)
const msgIdSchema = int(1, 1_000_000_000)
const valueSchema = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(LIMITS.valueLengthMax, `must be at most ${LIMITS.valueLengthMax} characters`),
  // A value is short data: an override would draw "\u202E01" as "10", and a zero-width space
  // "1\u200B0" as "10", another process's value (see userText.ts).
  v.check(
    (value: string) => valueTextProblem(value) === null,
    (issue) => valueTextProblem(String(issue.input)) ?? 'must not contain invisible or control characters',
  ),
)

export const retrySchema = v.strictObject({
  policy: v.optional(
    v.picklist(['none', 'fixed', 'backoff'], 'must be "none", "fixed" or "backoff"'),
    d.retry.policy,
  ),
  delayTicks: v.optional(int(1, LIMITS.timeoutTicksMax), d.retry.delayTicks),
  backoffBaseTicks: v.optional(int(1, LIMITS.timeoutTicksMax), d.retry.backoffBaseTicks),
  backoffMaxTicks: v.optional(int(1, LIMITS.timeoutTicksMax), d.retry.backoffMaxTicks),
})

export const bugsSchema = v.strictObject({
  ignorePriorValues: v.optional(v.boolean('must be true or false'), false),
  acceptBelowPromise: v.optional(v.boolean('must be true or false'), false),
  amnesiaOnCrash: v.optional(v.boolean('must be true or false'), false),
  smallQuorum: v.optional(v.boolean('must be true or false'), false),
  duplicateBallots: v.optional(v.boolean('must be true or false'), false),
})

const configEntries = {
  processCount: v.optional(int(LIMITS.processCountMin, LIMITS.processCountMax), d.processCount),
  latencyTicksMin: v.optional(int(1, LIMITS.latencyTicksMax), d.latencyTicksMin),
  latencyTicksMax: v.optional(int(1, LIMITS.latencyTicksMax), d.latencyTicksMax),
  lossPercent: v.optional(int(0, 100), d.lossPercent),
  duplicatePercent: v.optional(int(0, 100), d.duplicatePercent),
  proposerTimeoutTicks: v.optional(int(1, LIMITS.timeoutTicksMax), d.proposerTimeoutTicks),
  retry: v.optional(retrySchema, {}),
  learnerMode: v.optional(v.picklist(['decide', 'all'], 'must be "decide" or "all"'), d.learnerMode),
  bugs: v.optional(bugsSchema, {}),
  maxSteps: v.optional(int(1, LIMITS.maxStepsCap), d.maxSteps),
}

const latencyOrder = <T extends { latencyTicksMin: number; latencyTicksMax: number }>() =>
  v.check<T, string>(
    (c) => c.latencyTicksMax >= c.latencyTicksMin,
    'latencyTicksMax must be at least latencyTicksMin',
  )

/** Format 1's config (single-decree Paxos, majority quorums unless `bugs.smallQuorum`). */
const configObjectV1 = v.strictObject(configEntries)
export const configSchemaV1 = v.pipe(configObjectV1, latencyOrder<v.InferOutput<typeof configObjectV1>>())

/**
 * The Paxos module's config in format 2: format 1's plus the quorum sizes (each at most the
 * process count, and intersecting unless the broken variant is on: checked by the module).
 */
const paxosConfigObject = v.strictObject({
  ...configEntries,
  q1: v.optional(int(1, LIMITS.processCountMax)),
  q2: v.optional(int(1, LIMITS.processCountMax)),
})
export const paxosConfigSchema = v.pipe(
  paxosConfigObject,
  latencyOrder<v.InferOutput<typeof paxosConfigObject>>(),
)

const stepSchema = int(0, LIMITS.maxStepsCap)

export const interventionSchema = v.variant(
  'type',
  [
    v.strictObject({ step: stepSchema, type: v.literal('propose'), pid: pidSchema, value: valueSchema }),
    v.strictObject({ step: stepSchema, type: v.literal('deliver'), msgId: msgIdSchema }),
    v.strictObject({ step: stepSchema, type: v.literal('drop'), msgId: msgIdSchema }),
    v.strictObject({
      step: stepSchema,
      type: v.literal('delay'),
      msgId: msgIdSchema,
      ticks: int(1, LIMITS.latencyTicksMax * 10),
    }),
    v.strictObject({ step: stepSchema, type: v.literal('duplicate'), msgId: msgIdSchema }),
    v.strictObject({ step: stepSchema, type: v.literal('crash'), pid: pidSchema }),
    v.strictObject({ step: stepSchema, type: v.literal('recover'), pid: pidSchema }),
    v.strictObject({
      step: stepSchema,
      type: v.literal('partition'),
      groups: v.pipe(
        v.array(v.pipe(v.array(pidSchema), v.maxLength(LIMITS.processCountMax)), 'must be a list of groups'),
        v.minLength(1, 'must have at least one group'),
        v.maxLength(LIMITS.processCountMax, `must have at most ${LIMITS.processCountMax} groups`),
      ),
    }),
    v.strictObject({ step: stepSchema, type: v.literal('heal') }),
    v.strictObject({ step: stepSchema, type: v.literal('fire-timer'), pid: pidSchema }),
  ],
  'must have a known "type" (propose, deliver, drop, delay, duplicate, crash, recover, partition, heal, fire-timer)',
)

const textSchema = (max: number) =>
  v.pipe(v.string('must be a string'), v.maxLength(max, `must be at most ${max} characters`))

/** At most this many narration beats per scenario. */
export const BEATS_MAX = 200

export const beatSchema = v.strictObject({ step: stepSchema, text: textSchema(500) })

/** At most this many answers to pick from in a beat's question. */
export const ASK_CHOICES_MAX = 6

/**
 * Format 2: a "Think" beat may carry its question's answers, so a student can predict before the
 * run reveals it. `answer` is the index of the right choice; `why` is the reason shown after.
 */
const askSchema = v.pipe(
  v.strictObject({
    choices: v.pipe(
      v.array(textSchema(160), 'must be a list'),
      v.minLength(2, 'must offer at least two choices'),
      v.maxLength(ASK_CHOICES_MAX, `must offer at most ${ASK_CHOICES_MAX} choices`),
    ),
    answer: int(0, ASK_CHOICES_MAX - 1),
    why: textSchema(500),
  }),
  v.check((a) => a.answer < a.choices.length, 'answer must be the index of one of its choices'),
)
const beatSchemaV2 = v.strictObject({ step: stepSchema, text: textSchema(500), ask: v.optional(askSchema) })
const beatsOf = <T extends typeof beatSchema | typeof beatSchemaV2>(beat: T) =>
  v.optional(
    v.pipe(v.array(beat, 'must be a list'), v.maxLength(BEATS_MAX, `must have at most ${BEATS_MAX} beats`)),
  )

/** The fields every format shares (config is per format, and per protocol from format 2). */
const commonEntries = {
  engine: v.optional(int(1, 1_000_000), ENGINE_VERSION),
  seed: v.optional(int(0, 0xffff_ffff), 1),
  interventions: v.optional(
    v.pipe(
      v.array(interventionSchema, 'must be a list'),
      v.maxLength(LIMITS.interventionsMax, `must have at most ${LIMITS.interventionsMax} entries`),
    ),
    [],
  ),
  title: v.optional(textSchema(120)),
  description: v.optional(textSchema(2000)),
  beats: beatsOf(beatSchema),
  cursor: v.optional(stepSchema),
}

/** Format 1: single-decree Paxos only. Frozen: links and files made with it must keep opening. */
export const scenarioSchemaV1 = v.strictObject({
  format: v.literal(1, 'must be 1 or 2'),
  ...commonEntries,
  config: v.optional(configSchemaV1, {}),
})

/** A protocol id: lower-case letters, digits and dashes (checked against the registry next). */
const protocolSchema = v.pipe(
  v.string('must be a string'),
  v.maxLength(40, 'must be at most 40 characters'),
  v.regex(/^[a-z][a-z0-9-]*$/, 'must be a protocol id such as "paxos"'),
)

/**
 * Format 2. `config` is checked in a second pass by the protocol's schema (`configForProtocol`
 * in scenario.ts), so the envelope does not need to know every protocol.
 */
export const scenarioSchema = v.strictObject({
  format: v.literal(SCENARIO_FORMAT, 'must be 1 or 2'),
  protocol: protocolSchema,
  ...commonEntries,
  beats: beatsOf(beatSchemaV2),
  config: v.optional(v.unknown()),
})

export type ScenarioJsonV1 = v.InferOutput<typeof scenarioSchemaV1>
export type ScenarioJson = v.InferOutput<typeof scenarioSchema>
export type ScenarioJsonInput = v.InferInput<typeof scenarioSchema>
