import { describe, expect, it } from 'vitest'
import { tabStopOf } from './arrowFocus.ts'
import { computeLayout, fullTickRange } from './layout.ts'
import { presetLog } from './testRuns.ts'

describe("the diagram's one arrow in the Tab order", () => {
  // Step 0 of the racing example: P1's five prepares in flight, arriving at different ticks.
  const log = presetLog('racing-adopt')
  const [, end] = fullTickRange(log)
  const layout = computeLayout(log, 0, { width: 1280, height: 560, viewTicks: [-4, end] })
  const flying = layout.arrows.filter((a) => a.state === 'in-flight')

  it('is the next message to arrive (the in-flight list’s first), not the newest sent', () => {
    // The first Tab landed on #5 P1→P5, the last of the broadcast (QA).
    expect(flying.length).toBeGreaterThan(2)
    const first = [...flying].sort((a, b) => a.tx - b.tx || a.id - b.id)[0]!
    expect(tabStopOf(layout, null, null)).toBe(first.id)
    expect(first.id).toBe(Math.min(...flying.filter((a) => a.tx === first.tx).map((a) => a.id)))
  })

  it('stays on the focused arrow, else the selected one', () => {
    const last = flying.at(-1)!.id
    expect(tabStopOf(layout, last, null)).toBe(last)
    expect(tabStopOf(layout, null, last)).toBe(last)
  })
})
