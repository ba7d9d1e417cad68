import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { LogGridModel } from '../engine/protocols/multipaxos/logGrid.ts'
import { LogGrid, SLOTS_IN_VIEW } from './LogGrid.tsx'

const model: LogGridModel = {
  slots: 3,
  rows: [
    {
      pid: 1,
      name: 'P1',
      up: true,
      role: 'leader 2.1',
      commit: 2,
      executed: 1,
      cells: [
        {
          slot: 1,
          status: 'executed',
          cmd: 'C1.1:put(a1)',
          ballot: '1.1',
          noop: false,
        },
        { slot: 2, status: 'chosen', cmd: 'noop', ballot: '2.1', noop: true },
        { slot: 3, status: 'accepted', cmd: 'C2.1:get', ballot: '2.1', noop: false },
      ],
    },
  ],
  why: (pid, slot) =>
    [`P${pid} had nothing`, 'chosen: a majority accepted it', 'a no-op: a hole', 'P1 accepted it'][slot] ??
    '',
}

/** A long log: `slots` slots on two replicas, each cell's reason asked for counted in `asked`. */
const longModel = (slots: number, asked: string[]): LogGridModel => ({
  slots,
  rows: [1, 2].map((pid) => ({
    pid,
    name: `P${pid}`,
    up: true,
    role: null,
    commit: slots,
    executed: slots,
    cells: Array.from({ length: slots }, (_, i) => ({
      slot: i + 1,
      status: 'executed' as const,
      cmd: `C1.${i + 1}:put(a${i + 1})`,
      ballot: '1.1',
      noop: false,
    })),
  })),
  why: (pid, slot) => {
    asked.push(`${pid}|${slot}`)
    return `P${pid} slot ${slot} was chosen`
  },
})

describe('LogGrid', () => {
  const html = renderToStaticMarkup(<LogGrid model={model} />)

  it('says each cell in words, with the commit point', () => {
    expect(html).toContain('aria-label="P1 slot 1: executed C1.1:put(a1)"')
    expect(html).toContain('aria-label="P1 slot 2: known chosen noop, commit point"')
    expect(html).toContain('aria-label="P1 slot 3: accepted C2.1:get at 2.1"')
  })

  it('shows the leader and its ballot on its row, short commands, no-ops and one tab stop', () => {
    expect(html).toContain('leader 2.1')
    expect(html).toContain('w a1')
    expect(html).toContain('r C2.1')
    expect(html).toContain('cell chosen noop commit-point')
    expect(html.match(/tabindex="0"/g)?.length).toBe(1)
  })

  it('explains the focused cell, naming whose cell it is (not the slot’s story)', () => {
    expect(html).toContain('P1, slot 1: chosen: a majority accepted it</p>')
  })

  it('adds the slot’s own truth when the module has one for it', () => {
    const noted = { ...model, slotWhy: (slot: number) => (slot === 1 ? 'Chosen in slot 1: b1.' : null) }
    expect(renderToStaticMarkup(<LogGrid model={noted} />)).toContain(
      'P1, slot 1: chosen: a majority accepted it Chosen in slot 1: b1.</p>',
    )
  })

  it('shows only the newest slots of a long log, and asks for one reason only', () => {
    const asked: string[] = []
    const long = renderToStaticMarkup(<LogGrid model={longModel(1_000, asked)} />)
    expect(long.match(/<td/g)?.length).toBe(2 * SLOTS_IN_VIEW)
    expect(long).toContain(`slots ${1_000 - SLOTS_IN_VIEW + 1}–1000 of 1000`)
    expect(long).toContain('aria-label="P1 slot 1000: executed C1.1000:put(a1000), commit point"')
    expect(long).not.toContain('aria-label="P1 slot 1:')
    expect(long).toContain('◀ older')
    expect(asked).toEqual([`1|${1_000 - SLOTS_IN_VIEW + 1}`])
    expect(long).toContain(
      `P1, slot ${1_000 - SLOTS_IN_VIEW + 1}: P1 slot ${1_000 - SLOTS_IN_VIEW + 1} was chosen`,
    )
  })

  it('shows every slot of a short log, with no way to scroll', () => {
    expect(html).not.toContain('older')
    expect(html.match(/<td/g)?.length).toBe(3)
  })
})
