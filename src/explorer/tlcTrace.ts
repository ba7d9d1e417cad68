/**
 * Reading a TLC counterexample written with `-dumpTrace json <file>`: TLC serialises TLCExt's
 * `CounterExample` record with the Json module, so the file is an object whose `state` is an
 * array of `[index, state]` pairs (and whose `action` lists the steps). TLA+ values map to JSON as
 * the Json module maps them: records and functions over model values → objects (keys are the
 * model values' names), sequences and sets → arrays, model values and strings → strings.
 *
 * This module finds the states and tells which of Synod's models they belong to; the model's own
 * importer (`importPaxosTrace`, `importMultiPaxosTrace`) converts and replays them, so a trace
 * that is not a run of the spec is rejected with the first step that does not follow.
 *
 * Pure: no DOM, no clocks, no randomness. Nothing in the file is executed.
 */

export type TlcState = Readonly<Record<string, unknown>>

export type TraceModel = 'paxos' | 'multipaxos'

export interface TlcTrace {
  readonly model: TraceModel
  readonly states: readonly TlcState[]
}

const PAXOS_VARS = ['maxBal', 'maxVBal', 'maxVal', 'msgs']
const MULTIPAXOS_VARS = ['msgs', 'node', 'pending', 'observed', 'pc']
/** Larger files are refused before parsing (a counterexample of these models is far smaller). */
export const MAX_TRACE_BYTES = 8 * 1024 * 1024
export const MAX_TRACE_STATES = 10_000

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

/** The states of a TLC JSON trace, in order, or a one-line reason it is not one. */
export function parseTlcTrace(text: string): TlcTrace | string {
  if (text.length > MAX_TRACE_BYTES) return `the trace is larger than ${MAX_TRACE_BYTES / 1024 / 1024} MB`
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return `not JSON (${(e as Error).message})`
  }
  const list = isObject(json) ? json.state : json
  if (!Array.isArray(list) || list.length === 0)
    return 'expected TLC\'s -dumpTrace json output: an object with a non-empty "state" array'
  if (list.length > MAX_TRACE_STATES) return `more than ${MAX_TRACE_STATES} states`
  const indexed: { index: number; state: TlcState }[] = []
  for (const [k, entry] of list.entries()) {
    const pair =
      Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'number' && isObject(entry[1])
    if (pair) indexed.push({ index: entry[0] as number, state: entry[1] as TlcState })
    else if (isObject(entry)) indexed.push({ index: k + 1, state: entry })
    else return `state ${k + 1} is neither a [index, state] pair nor a state record`
  }
  indexed.sort((a, b) => a.index - b.index)
  const states = indexed.map((x) => x.state)
  const keys = Object.keys(states[0] as TlcState).sort()
  const same = (vars: string[]) =>
    vars.length === keys.length && [...vars].sort().every((v, i) => v === keys[i])
  const model: TraceModel | null = same(PAXOS_VARS) ? 'paxos' : same(MULTIPAXOS_VARS) ? 'multipaxos' : null
  if (model === null)
    return `the variables ${keys.join(', ')} are neither Paxos.tla's (${PAXOS_VARS.join(', ')}) nor MultiPaxos.tla's (${MULTIPAXOS_VARS.join(', ')})`
  for (const [k, s] of states.entries()) {
    const vars = Object.keys(s).sort()
    if (vars.join() !== keys.join())
      return `state ${k + 1} has the variables ${vars.join(', ')}, not ${keys.join(', ')}`
  }
  return { model, states }
}

/** Model values named like Synod's exports (a1, v2, s3, …): the prefix and a 0-based index. */
export function indexedName(x: unknown, prefix: string): number | null {
  if (typeof x !== 'string') return null
  const m = new RegExp(`^${prefix}([1-9]\\d?)$`).exec(x)
  return m ? Number(m[1]) - 1 : null
}

export const asInt = (x: unknown): number | null => (typeof x === 'number' && Number.isInteger(x) ? x : null)
export const asArray = (x: unknown): readonly unknown[] | null => (Array.isArray(x) ? x : null)
export const asRecord = (x: unknown): Record<string, unknown> | null => (isObject(x) ? x : null)
