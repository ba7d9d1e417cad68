import { describe, expect, it } from 'vitest'
import { frameFor } from './layout.ts'
import {
  glidesTo,
  FOLLOW,
  PAD_TICKS,
  constrainX,
  fitTransform,
  fitsReadably,
  followTransform,
  revealTransform,
  scaledAbout,
  transformFor,
  viewOf,
  windowAt,
} from './zoomMath.ts'

// 1000 px wide: the plot is 96..976 (880 px); 11 px per tick at zoom 1 shows 80 ticks.
const g = { frame: frameFor(1000, 400, 5), ppt: 11 }
const close = (v: readonly number[], w: readonly number[]) =>
  v.forEach((x, i) => expect(x).toBeCloseTo(w[i] ?? NaN, 6))

describe('zoom arithmetic', () => {
  it('round-trips a tick range through a transform', () => {
    close(viewOf(transformFor(20, 60, g), g), [20, 60])
    close(viewOf(transformFor(-4, 300, g), g), [-4, 300])
  })

  it('fits a short run whole, but never zooms in past the cap', () => {
    expect(fitsReadably(50, g)).toBe(true)
    close(viewOf(fitTransform(50, g), g), [-PAD_TICKS, 50 + PAD_TICKS])
    const [, end] = viewOf(fitTransform(2, g), g)
    expect(end).toBeGreaterThan(40)
    expect(fitsReadably(400, g)).toBe(false)
  })

  it('opens a long run on a default-zoom window with the cursor at the follow point', () => {
    const [v0, v1] = viewOf(windowAt(200, g), g)
    expect(v1 - v0).toBeCloseTo(80, 6)
    expect((200 - v0) / (v1 - v0)).toBeCloseTo(FOLLOW.at, 6)
  })

  it('follows the cursor only when it leaves the comfortable part of the view', () => {
    const t = transformFor(100, 180, g)
    expect(followTransform(t, 150, g)).toBeNull()
    const next = followTransform(t, 178, g)
    const [v0, v1] = viewOf(next ?? t, g)
    expect(v1 - v0).toBeCloseTo(80, 6)
    expect((178 - v0) / 80).toBeCloseTo(FOLLOW.at, 6)
    expect(followTransform(t, 60, g)).not.toBeNull()
  })

  it('reveals a range only when none of it is in view', () => {
    const t = transformFor(100, 180, g)
    expect(revealTransform(t, 170, 200, g)).toBeNull()
    // Centred on the range with the same 80-tick span, but never before the run's start.
    close(viewOf(revealTransform(t, 20, 30, g) ?? t, g), [-PAD_TICKS, 80 - PAD_TICKS])
    close(viewOf(revealTransform(t, 250, 270, g) ?? t, g), [220, 300])
  })

  it('keeps the view on the run and drops vertical movement', () => {
    const beforeStart = constrainX(transformFor(-50, 30, g), 300, g)
    expect(viewOf(beforeStart, g)[0]).toBeCloseTo(-PAD_TICKS, 6)
    expect(beforeStart.y).toBe(0)
    const pastEnd = constrainX(transformFor(280, 360, g), 300, g)
    expect(viewOf(pastEnd, g)[1]).toBeCloseTo(300 + PAD_TICKS, 6)
    const shortRun = constrainX(transformFor(10, 90, g), 20, g)
    expect(viewOf(shortRun, g)[0]).toBeCloseTo(-PAD_TICKS, 6)
  })

  it('zooms about a point, within limits', () => {
    const t = transformFor(0, 80, g)
    const z = scaledAbout(t, 2, 500, [0.5, 4])
    expect(z.k).toBeCloseTo(t.k * 2, 6)
    expect(z.invertX(500)).toBeCloseTo(t.invertX(500), 6)
    expect(scaledAbout(t, 100, 500, [0.5, 4]).k).toBe(4)
  })
})

describe('glidesTo', () => {
  it('glides a follow pan of up to two view widths and snaps a longer jump', () => {
    expect(glidesTo([0, 40], [12, 52])).toBe(true)
    expect(glidesTo([0, 40], [80, 120])).toBe(true)
    expect(glidesTo([80, 120], [0, 40])).toBe(true)
    expect(glidesTo([0, 40], [81, 121])).toBe(false)
    expect(glidesTo([0, 40], [5000, 5040])).toBe(false)
    expect(glidesTo([5000, 5040], [0, 40])).toBe(false)
  })
})
