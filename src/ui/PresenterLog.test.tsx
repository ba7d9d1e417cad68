import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { LogGridModel } from '../engine/index.ts'
import { narrowHides, newestSlots, PRESENTER_SLOTS, PresenterLogTable } from './PresenterLog.tsx'

const model = (slots: number): LogGridModel => ({
  slots,
  rows: [1, 2].map((pid) => ({
    pid,
    name: `P${pid}`,
    up: pid === 1,
    role: pid === 1 ? 'leader 2.1' : null,
    commit: slots - 1,
    executed: slots - 2,
    cells: Array.from({ length: slots }, (_, i) => ({
      slot: i + 1,
      status: i === slots - 1 ? ('accepted' as const) : ('executed' as const),
      cmd: i === 1 ? 'noop' : `C1.${i + 1}:put(v${i + 1})`,
      ballot: '2.1',
      noop: i === 1,
    })),
  })),
  why: () => '',
})

describe('the presenter log', () => {
  it("its key says a ✓ is known chosen, as the panels' grid does: a chosen slot may not be known yet", () => {
    const html = renderToStaticMarkup(<PresenterLogTable model={model(3)} />)
    expect(html).toContain('✓ known chosen')
    expect(html).not.toMatch(/✓ chosen/)
  })

  it('shows the newest slots only, and as many columns from the first click on', () => {
    expect(newestSlots(0)).toEqual([1, 2, 3, 4, 5, 6])
    expect(newestSlots(3)).toEqual([1, 2, 3, 4, 5, 6])
    expect(newestSlots(7)).toEqual([2, 3, 4, 5, 6, 7])
    expect(newestSlots(40)).toEqual([35, 36, 37, 38, 39, 40])
    expect(newestSlots(40)).toHaveLength(PRESENTER_SLOTS)
  })

  it('reads a cell in text, marks the older slots a narrow screen hides, and says who leads or is down', () => {
    const html = renderToStaticMarkup(<PresenterLogTable model={model(9)} />)
    const heads = [...html.matchAll(/<th scope="col"( class="older")?>(\d+)<\/th>/g)].map((m) => [
      m[2],
      !!m[1],
    ])
    expect(heads).toEqual([
      ['4', true],
      ['5', true],
      ['6', false],
      ['7', false],
      ['8', false],
      ['9', false],
    ])
    expect(html).toContain('aria-label="P1 slot 9: accepted C1.9:put(v9)"')
    expect(html).toContain('w v8')
    expect(html).toContain('commit-point')
    expect(html).toMatch(/P1<span class="presenter-log-role"> leader<\/span>/)
    expect(html).toMatch(/P2<span class="presenter-log-role"> down<\/span>/)
    expect(html).not.toContain('>1<')
  })

  it('says so while no slot is used, its empty columns already in place', () => {
    const html = renderToStaticMarkup(<PresenterLogTable model={model(0)} />)
    expect(html).toContain('No slot is used yet.')
    expect(html.match(/<th scope="col"/g)).toHaveLength(1 + PRESENTER_SLOTS)
    expect(html).toContain('aria-label="P1 slot 1: empty"')
  })

  it('a narrow projector shows the four newest used slots, or slots 1 to 4 while fewer are used', () => {
    const shown = (used: number) => newestSlots(used).filter((s) => narrowHides(s, used) === null)
    expect(shown(0)).toEqual([1, 2, 3, 4])
    expect(shown(2)).toEqual([1, 2, 3, 4])
    expect(shown(5)).toEqual([2, 3, 4, 5])
    expect(shown(9)).toEqual([6, 7, 8, 9])
    expect(narrowHides(6, 5)).toBe('later')
    expect(narrowHides(1, 5)).toBe('older')
  })
})
