import { describe, expect, it } from 'vitest'
import { Simulator } from '../../kernel/simulator.ts'
import type { KernelState } from '../../kernel/state.ts'
import { multipaxos } from './module.ts'
import { slotGet, slotSet, type Slots } from './slots.ts'
import type { MpTypes } from './types.ts'

/**
 * The explorer de-duplicates states by key, so a state field the key does not read makes the
 * search unsound without a sound. As for Paxos (`../paxos/explorerKeys.test.ts`): this lists every
 * field of real Multi-Paxos process states, ghost states and messages, and fails when one is
 * neither read by the keys (changing it changes the key) nor declared ignored with a reason.
 */

const isSlots = (x: unknown): x is Slots<unknown> =>
  typeof x === 'object' &&
  x !== null &&
  'size' in x &&
  'chunks' in x &&
  'tail' in x &&
  Object.keys(x).length === 3

/** Dotted paths of the leaves (arrays, slot arrays and records keyed by data count as one leaf). */
function fieldPaths(x: unknown, prefix = ''): string[] {
  if (x === null || typeof x !== 'object' || Array.isArray(x) || isSlots(x)) return [prefix]
  const obj = x as Record<string, unknown>
  const isRecord = Object.keys(obj).some((k) => /[|.=]|^\d/.test(k)) || Object.keys(obj).length === 0
  if (isRecord && prefix) return [prefix]
  return Object.keys(obj).flatMap((k) => fieldPaths(obj[k], prefix ? `${prefix}.${k}` : k))
}

/** Stands in for any missing value: a ballot, a command, a vote, a client record, an observed op. */
const ANY = {
  round: 9,
  pid: 9,
  op: 'put',
  client: 9,
  seq: 9,
  value: 'z',
  slot: 9,
  ballot: { round: 9, pid: 9 },
  cmd: { op: 'put', client: 9, seq: 9, value: 'z' },
  result: 'z',
  invoked: 9,
  responded: 9,
}

/** Changed copies of the leaf at `path` (more than one way for slot arrays), for the key to notice. */
function perturbed(x: unknown, path: readonly string[]): unknown[] {
  const [head, ...rest] = path
  if (head !== undefined) {
    const obj = x as Record<string, unknown>
    return perturbed(obj[head], rest).map((v) => ({ ...obj, [head]: v }))
  }
  if (typeof x === 'number') return [x + 7]
  if (typeof x === 'string') return [`${x}~`]
  if (typeof x === 'boolean') return [!x]
  if (x === null) return [ANY]
  if (Array.isArray(x)) return [[...x, x[0] ?? ANY]]
  if (isSlots(x)) {
    const sample = [...x.chunks.flat(), ...x.tail].find((v) => v !== null) ?? ANY
    const first = slotGet(x, 1) === null ? sample : null
    return [{ ...x, size: x.size + 1 }, slotSet(x, 1, first), slotSet(x, x.size + 1, sample)]
  }
  // A record keyed by data: one more entry, like an existing one (none to copy: cannot say).
  const values = Object.values(x as object)
  return values.length > 0 ? [{ ...(x as object), '99': values[0] }] : []
}

function attempt(f: () => string): string {
  try {
    return f()
  } catch {
    return '(no key)'
  }
}

/** Real states along several presets' runs: leaders, candidates, followers, clients, violations. */
function states(): KernelState<MpTypes>[] {
  const out: KernelState<MpTypes>[] = []
  const ids = ['mp-leader-crash', 'mp-batching', 'mp-dueling-leaders', 'mp-catch-up', 'mp-bug-skip-phase1']
  for (const id of [...ids, 'mp-bug-no-dedup', 'mp-bug-local-read', 'mp-partitioned-leader']) {
    const p = multipaxos.presets.find((q) => q.id === id)!
    const sim = new Simulator(multipaxos, { seed: p.seed, config: p.config, interventions: p.interventions })
    for (const step of [3, 8, 15, 30, 45, 60, 80, 99, 100, 101, 102, 104, 130, 160, 200, 240]) {
      sim.seek(step)
      out.push(structuredClone(sim.state))
    }
  }
  return out
}

describe("the explorer's state key covers every field of Multi-Paxos's state", () => {
  const x = multipaxos.explorer
  const all = states()
  const ignored = (path: string, prefix = '') =>
    Object.keys(x.ignored).some((k) => `${prefix}${path}` === k || `${prefix}${path}`.startsWith(`${k}.`))

  /** Checks every leaf of `items` with `key`; returns the paths seen and the paths changed at least once. */
  function cover<V>(items: readonly V[], key: (v: V) => string, prefix: string) {
    const seen = new Set<string>()
    const checked = new Set<string>()
    for (const item of items)
      for (const path of fieldPaths(item)) {
        if (ignored(path, prefix)) continue
        seen.add(path)
        for (const changed of perturbed(item, path.split('.'))) {
          // A change no real state has (a client's role renamed) may make the key give up: it differs.
          expect(
            attempt(() => key(changed as V)),
            `${prefix}${path}`,
          ).not.toBe(key(item))
          checked.add(path)
        }
      }
    return { seen: [...seen].sort(), checked: [...checked].sort() }
  }

  it('every process field is keyed or ignored with a reason', () => {
    const { seen, checked } = cover(
      all.flatMap((s) => s.procs.map((p) => p.local)),
      x.procKey,
      '',
    )
    expect(checked).toEqual(seen)
    expect(seen).toEqual(expect.arrayContaining(['accepted', 'reported', 'sessions', 'history', 'pending']))
  })

  it('every ghost field is keyed or ignored with a reason', () => {
    const { seen, checked } = cover(
      all.map((s) => s.ghost),
      x.ghostKey,
      'ghost.',
    )
    expect(checked).toEqual(seen)
    expect(seen).toEqual(expect.arrayContaining(['votes', 'chosen', 'executed', 'applied', 'ops']))
  })

  it('every message field is keyed', () => {
    const messages = all.flatMap((s) => s.inFlight.map((m) => m.payload))
    const types = new Set(messages.map((m) => m.type))
    // Every message type is met in these runs, so none is left unchecked.
    expect([...types].sort()).toEqual(Object.keys(multipaxos.messages).sort())
    const { seen, checked } = cover(messages, x.msgKey, 'msg.')
    expect(checked).toEqual(seen)
  })

  it('a new field fails the test until it is keyed or ignored', () => {
    const replica = all[0]!.procs[0]!.local
    const grown = { ...replica, newField: 1 }
    expect(fieldPaths(grown)).toContain('newField')
    const [changed] = perturbed(grown, ['newField'])
    expect(x.procKey(changed as typeof replica)).toBe(x.procKey(grown as typeof replica))
  })
})
