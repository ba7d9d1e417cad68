import { describe, expect, it } from 'vitest'
import { computeLayout } from './layout.ts'
import { indexLog, tickAtStep } from './logIndex.ts'
import { presetLog, runLog } from './testRuns.ts'

/**
 * Countdowns on the lanes (issue 12): from the log's timer facts, each timer the module names is
 * drawn from its start to the cursor while pending (with its deadline ahead) or to where it
 * ended; a backoff reads "P3 backs off until t=…", and the labels say what is being waited for.
 */

const SIZE = { width: 1200, height: 500 }

describe('timer countdowns', () => {
  it('index each named timer with how it ended: a backoff starts as the timeout is cancelled', () => {
    const idx = indexLog(presetLog('dueling-backoff'))
    const p1 = idx.timers.filter((t) => t.pid === 1)
    expect(p1[0]).toMatchObject({ key: 'timeout', setTick: 0, fireAt: 80, label: 'timeout', quiet: false })
    expect(p1[0]?.end).toMatchObject({ kind: 'cancel', tick: 10 })
    expect(p1[1]).toMatchObject({ key: 'retry', setTick: 10, label: 'backoff' })
    expect(p1[1]?.end?.kind).toBe('fire')
    expect(p1[1]?.text).toMatch(/^P1 backs off until t=\d+, then retries with a higher ballot$/)
    expect(idx.openTimers.size).toBe(0)
  })

  it('draw a pending backoff from its start to the cursor, then outlined to its deadline, labelled', () => {
    const log = presetLog('dueling-backoff')
    const idx = indexLog(log)
    // The first backoff long enough to see: stop the cursor halfway through it.
    const backoff = idx.timers.find((t) => t.key === 'retry' && t.fireAt - t.setTick >= 10)
    if (!backoff?.end) throw new Error('no long backoff in dueling-backoff')
    const step = log.findLast((e) => e.tick < backoff.fireAt && e.step < backoff.end!.step)?.step ?? 0
    const layout = computeLayout(log, step, { ...SIZE, viewTicks: [0, 120] })
    const item = layout.timers.items.find(
      (t) => t.pid === backoff.pid && t.pending && t.ariaLabel.includes('backs off'),
    )
    expect(item).toBeDefined()
    const x = (t: number) => t * layout.pxPerTick
    expect(item!.x1).toBeCloseTo(x(backoff.setTick), 0)
    expect(item!.xNow).toBeCloseTo(x(tickAtStep(log, step)), 0)
    expect(item!.x2).toBeCloseTo(x(backoff.fireAt), 0)
    expect(item!.ariaLabel).toBe(backoff.text)
    expect(layout.timers.remaining).toContain(`H${item!.x2}`)
    expect(layout.labels.some((l) => l.tone === 'timer' && l.text === `backoff → t${backoff.fireAt}`)).toBe(
      true,
    )
  })

  it('keep ended timers as history, saying how they ended, and nothing before a timer is set', () => {
    const log = presetLog('dueling-backoff')
    const at = (step: number) => computeLayout(log, step, { ...SIZE, viewTicks: [0, 200] }).timers
    const end = at(log.at(-1)!.step)
    expect(end.items.every((t) => !t.pending)).toBe(true)
    expect(end.items.some((t) => t.ariaLabel.endsWith('(cancelled at t=10)'))).toBe(true)
    expect(end.items.some((t) => t.ariaLabel.endsWith('(it fired)'))).toBe(true)
    expect(end.spent).not.toBe('')
    expect(end.waited).toBe('')
    // While a scrub moves (no labels), the history is drawn but offers no hit targets.
    const moving = computeLayout(log, log.at(-1)!.step, {
      ...SIZE,
      viewTicks: [0, 200],
      arrowLabels: false,
    }).timers
    expect([moving.spent, moving.items]).toEqual([end.spent, []])
    // Before anything is proposed no timer runs.
    const idle = computeLayout(runLog([]), 0, { ...SIZE }).timers
    expect(idle.items).toEqual([])
  })

  it('when the view is too busy for arrows (traffic), keep only the countdowns pending at the cursor', () => {
    const log = presetLog('dueling')
    const step = log.at(-1)!.step
    const busy = computeLayout(log, step, { ...SIZE })
    expect(busy.density).not.toBeNull()
    expect(busy.timers.items.length).toBeGreaterThan(0)
    expect(busy.timers.items.every((t) => t.pending)).toBe(true)
    const end = indexLog(log).maxTick
    const near = computeLayout(log, step, { ...SIZE, viewTicks: [end - 80, end] })
    expect(near.density).toBeNull()
    expect(near.timers.items.some((t) => !t.pending)).toBe(true)
  })

  it('end a crashed process’s timers at its crash', () => {
    const log = runLog([
      [0, { type: 'propose', pid: 1, value: 'a' }],
      [3, { type: 'crash', pid: 1 }],
    ])
    const timeout = indexLog(log).timers.find((t) => t.pid === 1 && t.key === 'timeout')
    const crash = log.find((e) => e.kind === 'proc.crash')
    expect(timeout?.end).toEqual({ kind: 'crash', step: crash?.step, tick: crash?.tick })
    const drawn = computeLayout(log, log.at(-1)!.step, { ...SIZE, viewTicks: [0, 100] }).timers.items
    expect(drawn.find((t) => t.pid === 1)?.ariaLabel).toMatch(/\(P1 crashed at t=\d+\)$/)
  })
})
