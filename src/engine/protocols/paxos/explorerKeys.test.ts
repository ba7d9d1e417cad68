import { describe, expect, it } from 'vitest'
import { runToEnd, type SimState } from '../../index.ts'
import { presetById } from '../../../scenarios/presets.ts'
import { toRunInput } from '../../../scenarios/scenario.ts'
import { paxos } from './index.ts'

/**
 * The explorer de-duplicates states by key, so a state field the key does not read makes the
 * search unsound without a sound. This test lists every field of real process and ghost states
 * and fails when one is neither read by the keys nor declared ignored (with a reason), and checks
 * that changing a read field changes the key.
 */

/** Dotted paths of the leaves of a plain object (arrays and records count as one leaf). */
function fieldPaths(x: unknown, prefix = ''): string[] {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return [prefix]
  const obj = x as Record<string, unknown>
  // A record keyed by data (tallies, votes, reported) is one field, not one per key.
  const isRecord = Object.keys(obj).some((k) => /[|.=]|^\d/.test(k)) || Object.keys(obj).length === 0
  if (isRecord && prefix) return [prefix]
  return Object.keys(obj).flatMap((k) => fieldPaths(obj[k], prefix ? `${prefix}.${k}` : k))
}

/** A changed copy of the leaf at `path`, for the key to notice. */
function perturb(x: unknown, path: string[]): unknown {
  const [head, ...rest] = path
  if (head === undefined) {
    if (typeof x === 'number') return x + 7
    if (typeof x === 'string') return `${x}~`
    if (Array.isArray(x)) return [...x, x[0] ?? { round: 9, pid: 9 }]
    // Null stands for "no ballot" or "no pair": this stands in for either.
    if (x === null) return { round: 9, pid: 9, ballot: { round: 9, pid: 9 }, value: 'z' }
    if (typeof x === 'object') return { ...(x as object), 'perturbed|x': 1 }
    return !x
  }
  return { ...(x as Record<string, unknown>), [head]: perturb((x as Record<string, unknown>)[head], rest) }
}

const states = (): SimState[] =>
  ['racing-adopt', 'bug-amnesia', 'dueling-backoff'].map(
    (id) => runToEnd(toRunInput(presetById(id)!.scenario)).state,
  )

describe("the explorer's state key covers every field of Paxos's state", () => {
  const x = paxos.explorer
  const ignoredProc = Object.keys(x.ignored).filter((k) => !k.startsWith('ghost.'))
  const ignoredGhost = Object.keys(x.ignored)
    .filter((k) => k.startsWith('ghost.'))
    .map((k) => k.slice('ghost.'.length))

  it('every process field is keyed or ignored with a reason', () => {
    for (const s of states())
      for (const p of s.procs)
        for (const path of fieldPaths(p.local)) {
          if (ignoredProc.some((ig) => path === ig || path.startsWith(`${ig}.`))) continue
          const changed = perturb(p.local, path.split('.')) as typeof p.local
          expect(x.procKey(changed), `process field ${path}`).not.toBe(x.procKey(p.local))
        }
  })

  it('every ghost field is keyed or ignored with a reason', () => {
    for (const s of states())
      for (const path of fieldPaths(s.ghost)) {
        if (ignoredGhost.some((ig) => path === ig || path.startsWith(`${ig}.`))) continue
        const changed = perturb(s.ghost, path.split('.')) as typeof s.ghost
        expect(x.ghostKey(changed), `ghost field ${path}`).not.toBe(x.ghostKey(s.ghost))
      }
  })

  it('a new field fails the test until it is keyed or ignored', () => {
    const s = states()[0]!
    const p = s.procs[0]!.local
    const grown = { ...p, proposer: { ...p.proposer, newField: 1 } }
    expect(fieldPaths(grown)).toContain('proposer.newField')
    expect(x.procKey(perturb(grown, ['proposer', 'newField']) as typeof p)).toBe(x.procKey(grown as typeof p))
  })
})
