import { describe, expect, it } from 'vitest'
import { placeLabels, textWidthPx, type LabelRequest } from './labels.ts'
import { computeLayout } from './layout.ts'
import { presetLog } from './testRuns.ts'

const request = (key: string, x: number, y: number, text = key, force = false): LabelRequest => ({
  key,
  owner: key,
  text,
  anchors: [
    { x, y },
    { x, y: y + 30 },
  ],
  force,
  hue: 0,
  tone: 'arrow',
})
const bounds = { x: 0, y: 0, w: 800, h: 400 }

describe('placeLabels', () => {
  it('moves a label to its next anchor rather than overlap', () => {
    const [a, b] = placeLabels([request('first', 100, 100), request('second', 110, 100)], bounds, 14)
    expect(a?.cy).toBe(100)
    expect(b?.cy).toBe(130)
  })

  it('hides a label with no free anchor, unless it is forced', () => {
    const crowd = [request('a', 100, 100), request('b', 100, 130), request('c', 100, 100)]
    expect(placeLabels(crowd, bounds, 14).map((l) => l.key)).toEqual(['a', 'b'])
    const forced = [...crowd.slice(0, 2), request('c', 100, 100, 'c', true)]
    expect(placeLabels(forced, bounds, 14).map((l) => l.key)).toEqual(['a', 'b', 'c'])
  })

  it('shows identical nearby labels once (a broadcast fan)', () => {
    const fan = [request('1', 100, 50, 'prepare 1.1'), request('2', 120, 150, 'prepare 1.1')]
    expect(placeLabels(fan, bounds, 14)).toHaveLength(1)
  })

  it('keeps labels inside the bounds', () => {
    const placed = placeLabels([request('edge', 790, 100, 'a long label at the edge')], bounds, 14)
    expect(placed).toEqual([])
  })

  it('estimates capitals wider than lower case', () => {
    expect(textWidthPx('SAFETY', 14)).toBeGreaterThan(textWidthPx('safety', 14))
  })

  it('files an obstacle only where labels can go: a countdown to a far timeout costs no more', () => {
    // A pending timer's bar runs to its timeout, which may lie millions of pixels to the right of
    // the view when zoomed in. The grid filed it under every cell it spans (a hang at this width).
    const bar = { x: 50, y: 95, w: Number.MAX_SAFE_INTEGER, h: 10 }
    const placed = placeLabels([request('a', 300, 100), request('b', 300, 200)], bounds, 14, [bar])
    expect(placed.map((l) => [l.key, l.cy])).toEqual([
      ['a', 130],
      ['b', 200],
    ])
  })

  it('places labels as before whatever part of an obstacle lies outside the bounds', () => {
    // Deterministic pseudo-random obstacles around and across the bounds' edges.
    let seed = 7
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) - n / 4
    for (let trial = 0; trial < 50; trial++) {
      const requests = Array.from({ length: 12 }, (_, i) => request(`r${i}`, rnd(900), rnd(400) + 100))
      const obstacles = Array.from({ length: 8 }, () => ({
        x: rnd(1200),
        y: rnd(400),
        w: rnd(600) + 150,
        h: 12,
      }))
      // Inside the bounds (plus more than the 2 px gap) the obstacles are the same.
      const cut = obstacles.map((o) => {
        const x0 = Math.max(o.x, -10)
        return { ...o, x: x0, w: Math.max(0, Math.min(o.x + o.w, 810) - x0) }
      })
      expect(placeLabels(requests, bounds, 14, obstacles)).toEqual(placeLabels(requests, bounds, 14, cut))
    }
  })
})

describe('labels in a layout', () => {
  it('never overlap, and always include the forced (hovered) arrow', () => {
    const log = presetLog('dueling')
    for (const step of [60, 200, 400]) {
      const l = computeLayout(log, step, {
        width: 1280,
        height: 480,
        viewTicks: [40, 130],
        forceLabelIds: [40],
      })
      const boxes = l.labels
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]
          const b = boxes[j]
          if (!a || !b || a.force || b.force) continue
          const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y
          expect(apart).toBe(true)
        }
      }
      if (l.arrows.some((a) => a.id === 40)) expect(boxes.some((b) => b.owner === 40)).toBe(true)
    }
  })
})
