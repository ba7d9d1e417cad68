import { describe, expect, it } from 'vitest'
import { shallow } from 'zustand/vanilla/shallow'
import {
  protocolPreset,
  runProtocolPreset,
  runToEnd,
  tagLogProtocol,
  type SimEvent,
} from '../engine/index.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { momentOf, momentSelector } from '../store/moment.ts'
import { eventsBefore, eventsThrough, runIndex } from '../store/runIndex.ts'
import { initialState, type SynodState } from '../store/state.ts'
import { limitNoteOf } from './EngineBanner.tsx'
import { sameGridRow } from './LogGrid.tsx'
import { sameCounts, sameModuleCard } from './ModulePanels.tsx'
import { messageCounts } from '../store/messageCounts.ts'
import { feedLines, sameFeedLine } from './Narration.tsx'
import { cardsOf, sameCard } from './ProcessCards.tsx'
import { menuState } from './ProcessMenu.tsx'
import { chipState } from './SafetyBadge.tsx'
import { transportEnds } from './Transport.tsx'

/**
 * A step must not re-render the panels whose content it leaves alone. What decides a re-render is
 * what a panel selects from the store (compared shallowly, as `useShallow` does) and, for a list,
 * the memo comparison of each row; these tests hold those to what a real run's steps change.
 */

function run(id: string): { state: (cursor: number) => SynodState; log: readonly SimEvent[] } {
  const scenario = anyPresetById(id)!.scenario
  const found = protocolPreset(id)
  const log = found
    ? (runProtocolPreset(found.module, found.preset).log as SimEvent[])
    : runToEnd(toRunInput(scenario)).log
  if (found) tagLogProtocol(log[0]!, found.module)
  const base = { ...initialState(), scenario, log, halted: null }
  return { log, state: (cursor) => ({ ...base, cursor, panelCursor: cursor }) }
}

const racing = run('racing-adopt')
const multi = run('mp-leader-crash')
const steps = (log: readonly SimEvent[]): readonly number[] => runIndex(log).steps

describe('what a step re-renders', () => {
  it('the time controls: only at either end of the run', () => {
    const last = steps(racing.log).at(-1)!
    const mid = steps(racing.log).filter((k) => k > 0 && k < last)
    expect(mid.length).toBeGreaterThan(10)
    for (let i = 1; i < mid.length; i++)
      expect(shallow(transportEnds(racing.state(mid[i - 1]!)), transportEnds(racing.state(mid[i]!)))).toBe(
        true,
      )
    expect(transportEnds(racing.state(0))).toEqual({ atStart: true, atEnd: false })
    expect(transportEnds(racing.state(last))).toEqual({ atStart: false, atEnd: true })
  })

  it('the chips, the limit banner and a closed process menu: only when what they say changes', () => {
    for (const { log, state } of [racing, multi]) {
      const chip = momentSelector('feed', chipState)
      const menu = momentSelector('procs', menuState)
      const note = momentSelector('feed', limitNoteOf)
      const all = steps(log)
      let chipChanges = 0
      for (let i = 1; i < all.length; i++) {
        const a = state(all[i - 1]!)
        const b = state(all[i]!)
        if (!shallow(chip(a), chip(b))) chipChanges++
        expect(menu(a)).toBeNull()
        expect(menu(b)).toBeNull()
        expect(note(b)).toBeNull()
      }
      // A value is chosen and learned a few times in a run, not at every one of its steps.
      expect(chipChanges).toBeGreaterThan(0)
      expect(chipChanges).toBeLessThan(all.length / 3)
    }
  })

  it('an open process menu: only when that process goes up or down or its timer changes', () => {
    const menu = momentSelector('procs', menuState)
    const all = steps(racing.log)
    let changes = 0
    for (let i = 1; i < all.length; i++) {
      const a = menu({ ...racing.state(all[i - 1]!), selectedPid: 2 })
      const b = menu({ ...racing.state(all[i]!), selectedPid: 2 })
      expect(a?.pid).toBe(2)
      if (!shallow(a, b)) changes++
    }
    expect(changes).toBeLessThan(all.length / 2)
  })

  it('the feed: the lines of the current step and of the one before, not the whole history', () => {
    const { log } = racing
    const linesAt = (cursor: number) => {
      const end = eventsThrough(log, cursor)
      const current = end > 0 ? log[end - 1]!.step : 0
      return feedLines(log.slice(0, end)).map((line) => ({ line, current: line.step === current }))
    }
    const all = steps(log)
    for (let i = 1; i < all.length; i++) {
      const before = new Map(linesAt(all[i - 1]!).map((p) => [p.line.key, p]))
      const redrawn = linesAt(all[i]!).filter((p) => {
        const old = before.get(p.line.key)
        return old !== undefined && !sameFeedLine(old, p)
      })
      // Only lines whose emphasis moved: the old current step's and nothing else that was there.
      for (const p of redrawn) expect(p.current).toBe(false)
      for (const p of redrawn) expect(p.line.step).toBe(all[i - 1])
    }
    const one = linesAt(all[3]!)[0]!
    expect(sameFeedLine(one, { ...one })).toBe(true)
    expect(sameFeedLine(one, { ...one, current: !one.current })).toBe(false)
    expect(sameFeedLine(one, { ...one, line: { ...one.line, text: `${one.line.text}!` } })).toBe(false)
  })

  it("Paxos's cards: only the processes the step changed", () => {
    const { log, state } = racing
    const cards = (cursor: number) => {
      const s = state(cursor)
      const current = log.slice(eventsBefore(log, cursor), eventsThrough(log, cursor))
      return cardsOf(momentOf(s.scenario, cursor), current)
    }
    const all = steps(log)
    let redrawn = 0
    let total = 0
    for (let i = 1; i < all.length; i++) {
      const a = cards(all[i - 1]!)
      const b = cards(all[i]!)
      for (let p = 0; p < b.length; p++) {
        total++
        const same = sameCard(
          { v: a[p]!, quorum: 3, selected: false },
          { v: b[p]!, quorum: 3, selected: false },
        )
        if (!same) redrawn++
        // A card drawn again shows something new (or stops glowing); one kept shows the same.
        expect(same).toBe(JSON.stringify(a[p]) === JSON.stringify(b[p]))
      }
    }
    expect(redrawn).toBeGreaterThan(0)
    expect(redrawn).toBeLessThan(total / 2)
  })

  it("a protocol module's cards: only the processes the step changed", () => {
    const { log, state } = multi
    const all = steps(log)
    let redrawn = 0
    let total = 0
    for (let i = 1; i < all.length; i++) {
      const a = momentOf(state(0).scenario, all[i - 1]!)
      const b = momentOf(state(0).scenario, all[i]!)
      b.views.forEach((v, p) => {
        total++
        const props = (m: typeof a, view: typeof v) => ({
          pid: p + 1,
          v: view,
          up: m.ups[p]!,
          name: m.names[p]!,
          selected: false,
        })
        if (!sameModuleCard(props(a, a.views[p]!), props(b, v))) redrawn++
      })
    }
    expect(redrawn).toBeGreaterThan(0)
    expect(redrawn).toBeLessThan(total / 2)
  })

  it('the replicated log: only the rows whose cells in view the step changed', () => {
    const { log, state } = multi
    const all = steps(log)
    const noop = (): void => undefined
    let redrawn = 0
    let total = 0
    let changedCells = 0
    for (let i = 1; i < all.length; i++) {
      const a = momentOf(state(0).scenario, all[i - 1]!).grid!
      const b = momentOf(state(0).scenario, all[i]!).grid!
      const lo = Math.max(1, b.slots - 9)
      const hi = b.slots
      b.rows.forEach((row, r) => {
        total++
        const props = (x: typeof row) => ({
          row: x,
          r,
          lo,
          hi,
          focusSlot: null,
          onFocusCell: noop,
          onHoverCell: noop,
        })
        const same = sameGridRow(props(a.rows[r]!), props(row))
        if (!same) redrawn++
        const before = JSON.stringify(a.rows[r]!.cells.slice(lo - 1, hi))
        const after = JSON.stringify(row.cells.slice(lo - 1, hi))
        if (before !== after) changedCells++
        // A row whose cells in view changed is always drawn again.
        if (before !== after) expect(same).toBe(false)
      })
    }
    expect(changedCells).toBeGreaterThan(0)
    expect(redrawn).toBeLessThan(total / 2)
  })

  it('the message counts: only when a message is sent or a slot committed', () => {
    const { log } = multi
    const all = steps(log)
    let redrawn = 0
    for (let i = 1; i < all.length; i++) {
      const a = messageCounts(log, all[i - 1]!)
      const b = messageCounts(log, all[i]!)
      const same = sameCounts({ ...a, chosen: 0 }, { ...b, chosen: 0 })
      expect(same).toBe(a.total === b.total)
      if (!same) redrawn++
    }
    expect(redrawn).toBeGreaterThan(0)
    expect(redrawn).toBeLessThan(all.length)
  })
})
