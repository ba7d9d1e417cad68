import { describe, expect, it } from 'vitest'
import type { SimEvent } from '../engine/index.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import { COUNT_CHECKPOINT_EVENTS, messageCounts } from './messageCounts.ts'
import { momentOf, type ModuleMoment } from './moment.ts'
import { roundForward, phaseForward, untilDecided } from './navigation.ts'
import { runIndex } from './runIndex.ts'
import { mpPresetLog } from '../timeline/testRuns.ts'

describe('the panels of a Multi-Paxos run come from the engine state at the cursor', () => {
  const scenario = anyPresetById('mp-leader-crash')!.scenario

  it('names replicas and clients as the module does, and shows who is down', () => {
    const m = momentOf(scenario, 70)
    expect(m.names).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'C1', 'C2', 'C3'])
    expect(m.ups[0]).toBe(false)
    expect(m.views[0]?.summary).toContain('P1: down')
    expect(m.lanes[0]?.text).toBe('down')
  })

  it('shows the new leader, its ballot, and the hole filled with a no-op in the log grid', () => {
    const before = momentOf(scenario, 93)
    expect(before.lanes[1]?.text).toMatch(/^phase 1 2\.2/)
    const m = momentOf(scenario, 94)
    expect(m.lanes[1]?.text).toMatch(/^leader 2\.2/)
    const p2 = m.grid?.rows.find((r) => r.pid === 2)
    expect(p2?.role).toBe('leader 2.2')
    // Its own accept for the hole reaches it a moment later: then it holds the no-op.
    const grid = momentOf(scenario, 108).grid
    const later = grid?.rows.find((r) => r.pid === 2)
    const slot4 = later?.cells.find((c) => c.slot === 4)
    expect(slot4).toMatchObject({ status: 'accepted', cmd: 'noop', noop: true, ballot: '2.2' })
    expect(grid?.why(2, 4)).toContain('a no-op')
    // Slot 3 came back from a promise: the reason names it.
    expect(grid?.why(2, 3)).toMatch(/promise/)
  })

  it('moves back and forth in time with the engine’s own seek (same answer either way)', () => {
    // The grid's reasons are a function: compared by what it says of every cell.
    const said = (m: ModuleMoment) => ({
      ...m,
      grid: m.grid && {
        ...m.grid,
        why: m.grid.rows.map((r) => r.cells.map((c) => m.grid?.why(r.pid, c.slot))),
        slotWhy: m.grid.rows[0]?.cells.map((c) => m.grid?.slotWhy?.(c.slot)),
        forgottenCommit: m.grid.forgottenCommit?.(),
      },
    })
    const late = said(momentOf(scenario, 150))
    const early = said(momentOf(scenario, 20))
    expect(said(momentOf(scenario, 150))).toEqual(late)
    expect(said(momentOf(scenario, 20))).toEqual(early)
    expect(late.grid?.why.flat().some((w) => w?.includes('accepted'))).toBe(true)
    expect(early.grid?.rows[0]?.commit).toBeLessThan(late.grid?.rows[1]?.commit ?? 0)
  })

  it('knows what a process cannot be asked now', () => {
    const m = momentOf(scenario, 94)
    expect(m.requestProblems[1]).toBe('P2 already leads')
    expect(m.requestProblems[0]).toBe('it is down')
    expect(m.timers.some((t) => t.pid === 2 && t.key === 'heartbeat')).toBe(true)
  })
})

describe('stepping a Multi-Paxos run by phase and round', () => {
  const log = mpPresetLog('mp-leader-crash')

  it('stops at the new leader’s phase 1 and at its election with the no-op', () => {
    const stops: number[] = []
    for (let c = 66; c < 100; c = phaseForward(log, c)) stops.push(c)
    expect(stops).toContain(79)
    expect(stops).toContain(94)
  })

  it('a round ends when a slot is chosen or a new ballot starts phase 1', () => {
    expect(roundForward(log, 66)).toBe(79)
    expect(roundForward(log, 79)).toBe(109)
    // Slot 6 is chosen at step 151 since the preset drops P2's answer to C1 (its retry is deduplicated).
    expect(runIndex(log).ballotEnds).toEqual([1, 20, 38, 62, 66, 79, 109, 151])
  })

  it('marks campaigns, leaders and chosen slots on the scrubber in the module’s words', () => {
    const labels = runIndex(log).marks.map((m) => `${m.step} ${m.label}`)
    expect(labels).toContain('79 P2: phase 1 2.2')
    expect(labels.some((l) => l.startsWith('109 slot 4 = noop'))).toBe(true)
    expect(labels.some((l) => l.startsWith('66 P1 crashes'))).toBe(true)
  })

  it('"until decided" has no single-decree learners to wait for: it goes to the end', () => {
    expect(untilDecided(log, 0)).toBe(runIndex(log).lastStep)
  })
})

describe('message counts', () => {
  it('counts the sends up to the cursor by type, most sent first', () => {
    const log = mpPresetLog('mp-leader-crash')
    const c = messageCounts(log, 30)
    const sends = log.filter((e) => e.kind === 'msg.send' && e.step <= 30).length
    expect(c.total).toBe(sends)
    expect(c.byType.reduce((n, [, k]) => n + k, 0)).toBe(sends)
    const counts = c.byType.map(([, n]) => n)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    expect(new Map(c.byType).get('prepare')).toBe(5)
    expect(messageCounts(log, 0).total).toBe(log.filter((e) => e.kind === 'msg.send' && e.step === 0).length)
  })

  it('counts a long log from its running counts the same as from its start, in any order of cursors', () => {
    // A synthetic run several checkpoints long: three events a step, a send of one of four types
    // in two of them (the counter reads only `step`, `kind` and the payload's type).
    const types = ['prepare', 'promise', 'accept', 'heartbeat']
    const log = Array.from({ length: COUNT_CHECKPOINT_EVENTS * 3 + 77 }, (_, i) =>
      i % 3 === 2
        ? { step: Math.floor(i / 3), kind: 'timer.set' }
        : { step: Math.floor(i / 3), kind: 'msg.send', msg: { payload: { type: types[(i * 7) % 4] } } },
    ) as unknown as SimEvent[]
    const naive = (cursor: number): Map<string, number> => {
      const m = new Map<string, number>()
      for (const e of log)
        if (e.step <= cursor && e.kind === 'msg.send')
          m.set(e.msg.payload.type, (m.get(e.msg.payload.type) ?? 0) + 1)
      return m
    }
    const last = (log[log.length - 1] as SimEvent).step
    for (const cursor of [last, 0, 700, 682, 683, 1365, 2047, 2048, 1, last - 1, 4000]) {
      const c = messageCounts(log, cursor)
      const want = naive(cursor)
      expect(new Map(c.byType)).toEqual(want)
      expect(c.total).toBe([...want.values()].reduce((a, b) => a + b, 0))
    }
  })
})
