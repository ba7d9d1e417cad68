import { describe, expect, it } from 'vitest'
import { DETAIL_ARROWS_MAX, DETAIL_MARKS_MAX, thinMarks } from './density.ts'
import { computeLayout, fullTickRange } from './layout.ts'
import type { MarkRecord } from './logIndex.ts'
import { denseRun, presetLog } from './testRuns.ts'

const SIZE = { width: 1280, height: 600 }

describe('level of detail', () => {
  const dense = denseRun(6000)
  const last = dense[dense.length - 1]?.step ?? 0
  const [, end] = fullTickRange(dense)

  it('draws a dense run fitted to the window as traffic, not as thousands of arrows', () => {
    const fit = computeLayout(dense, last, { ...SIZE, viewTicks: [0, end] })
    expect(fit.density?.messages).toBeGreaterThan(5000)
    expect(fit.arrows).toEqual([])
    // A few paths (tones × levels), whatever the number of messages.
    expect(fit.density?.paths.length).toBeLessThanOrEqual(10)
    expect(fit.marks.length).toBeLessThanOrEqual(DETAIL_MARKS_MAX)
    expect(fit.hiddenMarks).toBeGreaterThan(0)
  })

  it('never draws more than the detail limit at any zoom, and draws arrows again when zoomed in', () => {
    for (const span of [8, 30, 80, 300, end]) {
      const l = computeLayout(dense, last, { ...SIZE, viewTicks: [end - span, end] })
      expect(l.arrows.length).toBeLessThanOrEqual(DETAIL_ARROWS_MAX)
      expect(l.marks.length).toBeLessThanOrEqual(DETAIL_MARKS_MAX)
      expect(l.arrows.length > 0 || l.density !== null).toBe(true)
    }
    const close = computeLayout(dense, last, { ...SIZE, viewTicks: [end - 8, end] })
    expect(close.density).toBeNull()
    expect(close.arrows.length).toBeGreaterThan(10)
  })

  it('counts every message in view once, and keeps the hovered or selected arrow drawn', () => {
    const fit = computeLayout(dense, last, { ...SIZE, viewTicks: [-4, end + 4], forceLabelIds: [42] })
    const sent = dense.filter((e) => e.kind === 'msg.send').length
    expect(fit.density?.messages).toBe(sent)
    expect(fit.arrows.map((a) => a.id)).toEqual([42])
    expect(fit.labels.some((l) => l.owner === 42)).toBe(true)
  })

  it('leaves ordinary runs alone', () => {
    const racing = presetLog('racing-adopt')
    const l = computeLayout(racing, 44, { ...SIZE, viewTicks: fullTickRange(racing) })
    expect(l.density).toBeNull()
    expect(l.hiddenMarks).toBe(0)
    expect(l.arrows.length).toBeGreaterThan(30)
  })
})

describe('thinMarks', () => {
  const mark = (seq: number, tick: number, kind: MarkRecord['kind'], pid: number | null = 1): MarkRecord => ({
    kind,
    seq,
    step: seq,
    tick,
    pid,
    pids: pid === null ? [] : [pid],
    label: kind,
    text: kind,
    hue: null,
  })

  it('keeps the most important mark of each lane and stretch of time', () => {
    const marks = Array.from({ length: DETAIL_MARKS_MAX + 1 }, (_, i) =>
      mark(i, i, i === 7 ? 'decide' : 'ballot'),
    )
    marks.push(mark(500, 3, 'chosen', null))
    const { marks: kept, hidden } = thinMarks(marks, (t) => t)
    // One tick per pixel: ticks 0..27 share a bin, where the decide wins; the global mark stays.
    expect(kept.map((m) => m.kind)).toEqual(expect.arrayContaining(['decide', 'chosen']))
    expect(kept.filter((m) => m.tick < 28 && m.pid === 1).map((m) => m.kind)).toEqual(['decide'])
    expect(kept.length + hidden).toBe(marks.length)
    expect(kept.map((m) => m.seq)).toEqual([...kept.map((m) => m.seq)].sort((a, b) => a - b))
  })

  it('leaves a view with few marks as it is', () => {
    const marks = [mark(1, 1, 'ballot'), mark(2, 1, 'ballot')]
    expect(thinMarks(marks, (t) => t)).toEqual({ marks, hidden: 0 })
  })
})
