import { describe, expect, it } from 'vitest'
import type { RunInput } from '../../kernel/runInput.ts'
import { Simulator } from '../../kernel/simulator.ts'
import type { ProcSlot } from '../../kernel/module.ts'

import { buildLogGrid, cellReasons } from './logGrid.ts'
import { multipaxos } from './module.ts'
import type { MpConfig, MpTypes } from './types.ts'

/**
 * The grid explains one cell when asked (`why`), reading only that cell's events: every sentence
 * must be the one the all-at-once replay (`cellReasons`) gives, on every preset at several moments.
 */

const gridAt = (sim: Simulator<MpTypes>, config: MpConfig) => {
  const procs = sim.state.procs.map((p) => ({ pid: p.pid, up: p.up, local: p.local })) as ProcSlot<MpTypes>[]
  return buildLogGrid(config, procs, sim.log.slice())
}

describe('the log grid explains a cell when asked, as the whole replay would', () => {
  /** Every sentence of the run `input`, every 37 steps, at `moments` and at its end, both ways; the sentences said. */
  const expectSameReasons = (input: RunInput<MpConfig>, moments: readonly number[] = []): string[] => {
    const sim = new Simulator(multipaxos, input)
    const said: string[] = []
    for (;;) {
      const more = sim.step()
      if (sim.state.step % 37 !== 0 && !moments.includes(sim.state.step) && more) continue
      const grid = gridAt(sim, input.config)
      const all = cellReasons(sim.log, input.config)
      for (const row of grid.rows)
        for (const c of row.cells) {
          const want =
            all.get(`${row.pid}|${c.slot}`) ??
            (c.status === 'empty' ? `P${row.pid} has accepted nothing in slot ${c.slot}` : '')
          expect(grid.why(row.pid, c.slot), `step ${sim.state.step} P${row.pid} slot ${c.slot}`).toBe(want)
          // The sentence tells the cell's state at this moment: never "committed" when it is not.
          const committed = c.status === 'chosen' || c.status === 'executed'
          if (want.startsWith('committed '))
            expect(
              committed,
              `step ${sim.state.step} P${row.pid} slot ${c.slot} is ${c.status}: ${want}`,
            ).toBe(true)
          said.push(want)
        }
      if (!more) return said
    }
  }

  for (const preset of multipaxos.presets)
    it(preset.id, () => {
      const said = expectSameReasons(preset)
      expect(said.some((w) => w.includes(' accepted '))).toBe(true)
    })

  it('under the commit-short bug a cell never says a majority accepted what fewer did', () => {
    const preset = multipaxos.presets.find((p) => p.id === 'mp-bug-commit-short')
    if (!preset) throw new Error('no mp-bug-commit-short')
    // Step 29 is P1's commit; it crashes at step 30 and forgets it.
    const said = expectSameReasons(preset, [29])
    expect(said.some((w) => w.includes('only 2 accepted it, one short of a majority (the bug)'))).toBe(true)
    expect(said.some((w) => w.includes('a majority accepted it'))).toBe(false)
    expect(said.some((w) => w.startsWith('chosen '))).toBe(false)
  })

  /** The grid at the end of preset `id`. */
  const gridAtEnd = (id: string) => {
    const preset = multipaxos.presets.find((p) => p.id === id)
    if (!preset) throw new Error(`no ${id}`)
    const sim = new Simulator(multipaxos, preset)
    while (sim.step());
    return gridAt(sim, preset.config)
  }

  it('commit-short: a command committed by one replica is not called chosen; the slot says what is', () => {
    const preset = multipaxos.presets.find((p) => p.id === 'mp-bug-commit-short')!
    const sim = new Simulator(multipaxos, preset)
    while (sim.state.step < 29 && sim.step());
    // P1 committed a1 after 2 accepts: it says "committed", and that a1 is not what was chosen.
    const atCommit = gridAt(sim, preset.config)
    expect(atCommit.why(1, 1)).toMatch(
      /^committed C1\.1:put\(a1\): only 2 accepted it, one short of a majority/,
    )
    expect(atCommit.why(1, 1)).not.toMatch(/^chosen/)
    // At the end P1 is down: its commit is forgotten, its vote is not.
    const grid = gridAtEnd('mp-bug-commit-short')
    expect(grid.why(1, 1)).toMatch(
      /^P1 accepted C1\.1:put\(a1\) at ballot 1\.1 .*only the accepted vote survived\)$/,
    )
    // The grid shows b1 on P2–P5: the slot's own sentence says both commands, as the observer saw them.
    expect(grid.slotWhy?.(1)).toBe(
      'Two commands are taken as chosen in slot 1: C1.1:put(a1) (committed by P1) and C2.1:put(b1) (chosen by a majority at ballot 2.4).',
    )
  })

  it('ignore promises: both commands chosen in slot 1 said, and which replicas hold which', () => {
    expect(gridAtEnd('mp-bug-ignore-promises').slotWhy?.(1)).toBe(
      'Two commands are taken as chosen in slot 1: C1.1:put(a1) (chosen by a majority at ballot 1.1) and noop (chosen by a majority at ballot 2.5). ' +
        'The replicas disagree on slot 1: P2, P3 have C1.1:put(a1); P4, P5 have noop.',
    )
  })

  it('commit-short at P1’s commit (step 29): nothing is chosen, though P1 committed a1', () => {
    const preset = multipaxos.presets.find((p) => p.id === 'mp-bug-commit-short')!
    const sim = new Simulator(multipaxos, preset)
    while (sim.state.step < 29 && sim.step());
    expect(gridAt(sim, preset.config).slotWhy?.(1)).toBe(
      'Nothing is chosen in slot 1: no majority accepted one command there.',
    )
  })

  it('a correct run adds nothing to a cell whose replica holds the chosen command', () => {
    const grid = gridAtEnd('mp-steady')
    for (let slot = 1; slot <= grid.slots; slot++) expect(grid.slotWhy?.(slot)).toBeNull()
  })

  it('mp-leader-crash with P1 back later: its surviving votes say so', () => {
    const preset = multipaxos.presets.find((p) => p.id === 'mp-leader-crash')
    if (!preset) throw new Error('no mp-leader-crash')
    const recover = { step: 120, action: { type: 'recover', pid: 1 } } as const
    const said = expectSameReasons({ ...preset, interventions: [...preset.interventions, recover] })
    expect(said.some((w) => w.includes('(after the crash: only the accepted vote survived)'))).toBe(true)
    expect(said.some((w) => w.includes('re-proposed by new leader'))).toBe(true)
    expect(said.some((w) => w.includes('a no-op: new leader'))).toBe(true)
  })

  it('mp-leader-crash at step 68: crashed P1 holds only accepted votes, and its cells say so', () => {
    const preset = multipaxos.presets.find((p) => p.id === 'mp-leader-crash')
    if (!preset) throw new Error('no mp-leader-crash')
    const sim = new Simulator(multipaxos, preset)
    while (sim.state.step < 68 && sim.step());
    const grid = gridAt(sim, preset.config)
    const p1 = grid.rows.find((r) => r.pid === 1)
    expect(p1?.up).toBe(false)
    for (const slot of [1, 2]) {
      expect(p1?.cells[slot - 1]?.status).toBe('accepted')
      expect(grid.why(1, slot)).toMatch(
        /^P1 accepted C\d\.1:put\([ab]1\) at ballot 1\.1 .*\(after the crash: only the accepted vote survived\)$/,
      )
    }
    // The replicas that stayed up still explain their commit.
    expect(grid.why(2, 2)).toMatch(/^committed C2\.1:put\(b1\)/)
  })

  it('keeps a sentence once asked, and says why an empty slot is empty', () => {
    const preset = multipaxos.presets[0]
    if (!preset) throw new Error('no preset')
    const sim = new Simulator(multipaxos, { seed: preset.seed, config: preset.config, interventions: [] })
    while (sim.state.step < 40 && sim.step());
    const grid = gridAt(sim, preset.config)
    const row = grid.rows[0]
    if (!row) throw new Error('no replica')
    expect(grid.why(row.pid, 1)).toBe(grid.why(row.pid, 1))
    expect(grid.why(row.pid, grid.slots + 1)).toBe(
      `P${row.pid} has accepted nothing in slot ${grid.slots + 1}`,
    )
  })

  it('after a fork in the past, and back at an earlier moment, says what that log says', () => {
    const preset = multipaxos.presets.find((p) => p.id === 'mp-leader-crash')
    if (!preset) throw new Error('no mp-leader-crash')
    const sim = new Simulator(multipaxos, preset)
    const expectSame = (events: typeof sim.log) => {
      const procs = sim.state.procs.map((p) => ({
        pid: p.pid,
        up: p.up,
        local: p.local,
      })) as ProcSlot<MpTypes>[]
      const grid = buildLogGrid(preset.config, procs, events)
      const all = cellReasons(events, preset.config)
      for (const row of grid.rows)
        for (let slot = 1; slot <= grid.slots; slot++)
          if (all.has(`${row.pid}|${slot}`))
            expect(grid.why(row.pid, slot)).toBe(all.get(`${row.pid}|${slot}`))
      return [...all.values()]
    }
    while (sim.state.step < 150 && sim.step());
    const before = expectSame(sim.log.slice())
    // An earlier moment of the same run: the index covers more than its log and must not say it.
    expectSame(sim.log.slice(0, Math.floor(sim.log.length / 2)))
    sim.fork(70, { type: 'crash', pid: 2 })
    while (sim.state.step < 150 && sim.step());
    const after = expectSame(sim.log.slice())
    expect(after).not.toEqual(before)
  })
})
