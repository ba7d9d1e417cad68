import * as v from 'valibot'
import { networkProblems, protocolById, PROTOCOLS, type NetworkConfig } from '../engine/index.ts'
import { paxosConfigSchema } from './schema.ts'

/**
 * A scenario's config, checked by its protocol. The codec knows no protocol by heart: it asks the
 * registry for the module, fills the module's `config.defaults()` and asks its `config.problems()`.
 * Single-decree Paxos also has a valibot schema (the one format 1 grew from), kept for its precise
 * per-field messages.
 */

export type ConfigResult = { ok: true; config: NetworkConfig } | { ok: false; error: string }

/** Protocols with a hand-written schema for their config (others are checked from their defaults). */
const SCHEMAS: Readonly<Record<string, v.GenericSchema<unknown, NetworkConfig>>> = {
  paxos: paxosConfigSchema as v.GenericSchema<unknown, NetworkConfig>,
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

const kindOf = (x: unknown): string => (Array.isArray(x) ? 'list' : x === null ? 'null' : typeof x)
const shouldBe: Record<string, string> = {
  number: 'must be a number',
  boolean: 'must be true or false',
  string: 'must be a string',
  object: 'must be an object',
  list: 'must be a list',
}

/**
 * `raw` laid over `defaults`, field by field: an unknown field, or a value of another kind than
 * the default's, is an error naming its path. Fills what `raw` leaves out. Pure; never throws.
 */
export function overDefaults(
  defaults: Record<string, unknown>,
  raw: Record<string, unknown>,
  path: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const out: Record<string, unknown> = { ...defaults }
  for (const key of Object.keys(raw)) {
    const where = `${path}.${key}`
    if (!Object.hasOwn(defaults, key)) return { ok: false, error: `unknown field "${where}"` }
    const [d, r] = [defaults[key], raw[key]]
    // A number field may be null (Multi-Paxos's `initialLeader: null`, no leader at the start):
    // the module's `config.problems()` decides whether that field allows it.
    const nullForNumber = r === null && kindOf(d) === 'number'
    if (kindOf(d) !== kindOf(r) && !nullForNumber)
      return { ok: false, error: `${where} ${shouldBe[kindOf(d)] ?? 'has the wrong kind'}` }
    if (isPlainObject(d) && isPlainObject(r)) {
      const inner = overDefaults(d, r, where)
      if (!inner.ok) return inner
      out[key] = inner.value
    } else out[key] = r
  }
  return { ok: true, value: out }
}

/** The ids the registry knows, for messages ("paxos, multipaxos"). */
const knownIds = (): string => PROTOCOLS.map((p) => p.id).join(', ')

/**
 * Check `raw` (absent, or the scenario's `config` object) as the config of `protocol`. Errors
 * name the field (`config.q1 …`). `describe` turns a valibot issue into one line. Pure.
 */
export function configForProtocol(
  protocol: string,
  raw: unknown,
  describe: (issue: v.BaseIssue<unknown>, prefix: string) => string,
): ConfigResult {
  const module = protocolById(protocol)
  if (module === null) {
    return { ok: false, error: `protocol "${protocol}" is not known to this Synod (it knows ${knownIds()})` }
  }
  if (raw !== undefined && !isPlainObject(raw)) return { ok: false, error: 'config must be an object' }
  let config: NetworkConfig
  const schema = SCHEMAS[protocol]
  if (schema !== undefined) {
    const r = v.safeParse(schema, raw ?? {}, { abortEarly: true })
    if (!r.success) return { ok: false, error: describe(r.issues[0], 'config') }
    config = r.output
  } else {
    const merged = overDefaults(module.config.defaults() as Record<string, unknown>, raw ?? {}, 'config')
    if (!merged.ok) return merged
    config = merged.value as unknown as NetworkConfig
  }
  const problems = [...(module.config.problems(config) as string[]), ...networkProblems(config)]
  if (problems.length > 0) return { ok: false, error: `config.${problems[0]}` }
  return { ok: true, config }
}

/** The number of processes (lanes) a config of `protocol` runs. Pure. */
export function laneCount(protocol: string, config: NetworkConfig): number {
  return protocolById(protocol)?.lanes(config).length ?? 0
}
