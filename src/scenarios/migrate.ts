import type { ScenarioJsonV1 } from './schema.ts'

/**
 * Migrations between scenario formats, one step each, applied to a scenario already validated by
 * its own format's schema. Every link and file ever produced keeps opening to the same run: the
 * frozen format-1 fixtures (`src/scenarios/__fixtures__/format1.json`) replay to their recorded
 * log hashes after migration (`src/scenarios/migrate.test.ts`).
 */

/** A validated scenario in format 2's shape, before its config is typed by the protocol. */
export type ScenarioV2Fields = Omit<ScenarioJsonV1, 'format' | 'config'> & {
  readonly format: 2
  readonly protocol: string
  readonly config?: unknown
}

/**
 * Format 1 → 2. Format 1 only ever described single-decree Paxos, so the protocol is `paxos`.
 * The config is kept as it is, with no quorum sizes: absent `q1`/`q2` mean exactly what format 1
 * meant (majorities, or ⌊n/2⌋ with `bugs.smallQuorum`), and the engine logs the config in
 * `run.start`, so adding fields here would change every old run's log hash. Pure.
 */
export function migrateV1toV2(s: ScenarioJsonV1): ScenarioV2Fields {
  const { format: _format, ...rest } = s
  return { ...rest, format: 2, protocol: 'paxos' }
}
