import * as v from 'valibot'
import { ENGINE_VERSION, LIMITS, defaultConfig } from '../engine/index.ts'

/**
 * The scenario file format, version 1 (see docs/scenario-format.md), as valibot schemas. Objects
 * are strict: an unknown field is an error, so typos never silently change a run. Config fields
 * are optional and default to `defaultConfig()`.
 */

export const SCENARIO_FORMAT = 1

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

export const configSchema = v.pipe(
  v.strictObject({
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
  }),
  v.check((c) => c.latencyTicksMax >= c.latencyTicksMin, 'latencyTicksMax must be at least latencyTicksMin'),
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

export const beatSchema = v.strictObject({ step: stepSchema, text: textSchema(500) })

/** At most this many narration beats per scenario. */
export const BEATS_MAX = 200

export const scenarioSchema = v.strictObject({
  format: v.literal(SCENARIO_FORMAT, `must be ${SCENARIO_FORMAT}`),
  engine: v.optional(int(1, 1_000_000), ENGINE_VERSION),
  seed: v.optional(int(0, 0xffff_ffff), 1),
  config: v.optional(configSchema, {}),
  interventions: v.optional(
    v.pipe(
      v.array(interventionSchema, 'must be a list'),
      v.maxLength(LIMITS.interventionsMax, `must have at most ${LIMITS.interventionsMax} entries`),
    ),
    [],
  ),
  title: v.optional(textSchema(120)),
  description: v.optional(textSchema(2000)),
  beats: v.optional(
    v.pipe(
      v.array(beatSchema, 'must be a list'),
      v.maxLength(BEATS_MAX, `must have at most ${BEATS_MAX} beats`),
    ),
  ),
  cursor: v.optional(stepSchema),
})

export type ScenarioJson = v.InferOutput<typeof scenarioSchema>
export type ScenarioJsonInput = v.InferInput<typeof scenarioSchema>
