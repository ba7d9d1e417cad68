import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { LogGridModel } from '../engine/protocols/multipaxos/logGrid.ts'
import { LogGrid } from './LogGrid.tsx'

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
          why: 'chosen: a majority accepted it',
        },
        { slot: 2, status: 'chosen', cmd: 'noop', ballot: '2.1', noop: true, why: 'a no-op: a hole' },
        { slot: 3, status: 'accepted', cmd: 'C2.1:get', ballot: '2.1', noop: false, why: 'P1 accepted it' },
      ],
    },
  ],
}

describe('LogGrid', () => {
  const html = renderToStaticMarkup(<LogGrid model={model} />)

  it('says each cell in words, with the commit point', () => {
    expect(html).toContain('aria-label="P1 slot 1: executed C1.1:put(a1)"')
    expect(html).toContain('aria-label="P1 slot 2: chosen noop, commit point"')
    expect(html).toContain('aria-label="P1 slot 3: accepted C2.1:get at 2.1"')
  })

  it('shows the leader and its ballot on its row, short commands, no-ops and one tab stop', () => {
    expect(html).toContain('leader 2.1')
    expect(html).toContain('w a1')
    expect(html).toContain('r C2.1')
    expect(html).toContain('cell chosen noop commit-point')
    expect(html.match(/tabindex="0"/g)?.length).toBe(1)
  })

  it('explains the focused cell', () => {
    expect(html).toContain('Slot 1: chosen: a majority accepted it')
  })
})
