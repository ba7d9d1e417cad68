import { describe, expect, it } from 'vitest'
import type { ProcSlot } from '../../kernel/module.ts'
import { Simulator } from '../../kernel/simulator.ts'
import { buildLogGrid } from './logGrid.ts'
import { multipaxos } from './module.ts'
import type { MpTypes } from './types.ts'

/** The grid of preset `id` at `step` (with `extra` interventions). */
function gridAt(id: string, step: number, extra: readonly { step: number; action: unknown }[] = []) {
  const preset = multipaxos.presets.find((p) => p.id === id)
  if (!preset) throw new Error(`no ${id}`)
  const input = { ...preset, interventions: [...preset.interventions, ...extra] } as typeof preset
  const sim = new Simulator(multipaxos, input)
  while (sim.state.step < step && sim.step());
  const procs = sim.state.procs.map((p) => ({ pid: p.pid, up: p.up, local: p.local })) as ProcSlot<MpTypes>[]
  return buildLogGrid(input.config, procs, sim.log.slice())
}

describe('commit knowledge a crash took', () => {
  it('commit-short: P1 committed slot 1 (step 29) and crashed (step 30): the grid says so, not "nothing"', () => {
    const before = gridAt('mp-bug-commit-short', 29)
    expect(Math.max(...before.rows.map((r) => r.commit))).toBe(1)
    expect(before.forgottenCommit?.()).toBeNull()
    const after = gridAt('mp-bug-commit-short', 31)
    // The state left knows no commit: P1's went with its crash.
    expect(Math.max(...after.rows.map((r) => r.commit))).toBe(0)
    expect(after.forgottenCommit?.()).toEqual({
      commit: 1,
      who: ['P1'],
      text: "P1 committed slot 1, then crashed: a crash keeps only a replica's accepted votes, so no replica knows a commit now.",
    })
  })

  it('nothing lost once a live replica knows as far again (commit-short at its end)', () => {
    const end = gridAt('mp-bug-commit-short', Infinity)
    expect(Math.max(...end.rows.map((r) => r.commit))).toBeGreaterThanOrEqual(1)
    expect(end.forgottenCommit?.()).toBeNull()
  })

  it('a correct run with no crash loses nothing', () => {
    expect(gridAt('mp-steady', 200).forgottenCommit?.()).toBeNull()
  })
})
