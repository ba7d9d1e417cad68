import { describe, expect, it } from 'vitest'
import { computeLayout, type Layout, type LayoutOptions } from './layout.ts'
import { GLIDE_MAX_VIEWS } from './zoomMath.ts'
import {
  crashRun,
  partitionRun,
  presetLog,
  racingLog,
  runLog,
  totalLossRun,
  userDropRun,
  violationRun,
} from './testRuns.ts'

const OPTIONS: LayoutOptions = { width: 1000, height: 400, viewTicks: [-4, 76] }
const layoutAt = (
  log: Parameters<typeof computeLayout>[0],
  step: number,
  over: Partial<LayoutOptions> = {},
) => computeLayout(log, step, { ...OPTIONS, ...over })

type Log = Parameters<typeof computeLayout>[0]

/**
 * What every layout must keep, whatever the exact coordinates: lanes in process order inside the
 * plot, labels that do not overlap and stay in the frame, arrows that never run back in time and
 * stay between the top and bottom lanes, a reply that leaves the lane its request reached no
 * earlier than it arrived, and an axis whose ticks grow left to right. Coordinates may move with
 * any harmless tweak of the layout; these facts may not.
 */
/** Returns how many reply arrows it checked against their requests. */
function expectSound(log: Log, l: Layout): number {
  const { frame } = l
  // Lane order: P1 on top, one lane per process, evenly spaced, inside the plot.
  expect(l.lanes.map((la) => la.pid)).toEqual(l.lanes.map((_, i) => i + 1))
  for (const [i, la] of l.lanes.entries()) {
    expect(la.y).toBeGreaterThanOrEqual(frame.plotTop)
    expect(la.y).toBeLessThanOrEqual(frame.plotBottom)
    if (i > 0) expect(la.y - (l.lanes[i - 1]?.y ?? 0)).toBeCloseTo(frame.laneGap, 0)
  }
  const top = l.lanes[0]?.y ?? frame.plotTop
  const bottom = l.lanes.at(-1)?.y ?? frame.plotBottom
  // Arrows inside the plot, running forward in time, drawn because they reach into the view.
  const [left, right] = l.visibleX
  for (const a of l.arrows) {
    for (const y of [a.y1, a.y2, a.ty]) {
      expect(y).toBeGreaterThanOrEqual(top - 0.5)
      expect(y).toBeLessThanOrEqual(bottom + 0.5)
    }
    expect(a.tx).toBeGreaterThanOrEqual(a.x1)
    expect(a.x2).toBeGreaterThanOrEqual(a.x1)
    expect(a.progress).toBeGreaterThanOrEqual(0)
    expect(a.progress).toBeLessThanOrEqual(1)
    expect(Math.min(a.x1, a.tx)).toBeLessThanOrEqual(right + 0.5)
    expect(Math.max(a.x1, a.tx)).toBeGreaterThanOrEqual(left - 0.5)
  }
  // A reply leaves from the lane its request reached, at or after the request's arrival.
  const byId = new Map(l.arrows.map((a) => [a.id, a]))
  let replies = 0
  for (const e of log) {
    if (e.kind !== 'msg.send' || e.msg.inReplyTo === null || e.msg.inReplyTo === undefined) continue
    const reply = byId.get(e.msg.id)
    const request = byId.get(e.msg.inReplyTo)
    if (!reply || !request || request.state !== 'delivered') continue
    replies++
    expect(reply.y1).toBeCloseTo(request.ty, 1)
    expect(reply.x1).toBeGreaterThanOrEqual(request.tx - 0.5)
  }
  // Labels never overlap (a forced one may) and stay inside the frame (marks label the top margin).
  for (const [i, a] of l.labels.entries()) {
    expect(a.y).toBeGreaterThanOrEqual(0)
    expect(a.y + a.h).toBeLessThanOrEqual(frame.plotBottom + 0.5)
    for (const b of l.labels.slice(i + 1)) {
      if (a.force || b.force) continue
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y
      expect(apart, `labels "${a.text}" and "${b.text}" overlap`).toBe(true)
    }
  }
  // Monotone time: the axis grows left to right at one scale, and the cursor sits at its tick.
  for (const [i, t] of l.axis.entries()) {
    expect(t.x).toBeCloseTo(t.tick * l.pxPerTick, 0)
    if (i > 0) expect(t.tick).toBeGreaterThan(l.axis[i - 1]?.tick ?? -Infinity)
  }
  expect(l.cursorX).toBeCloseTo(l.cursorTick * l.pxPerTick, 0)
  return replies
}

describe('every layout keeps its invariants', () => {
  const runs: [string, Log, number[]][] = [
    ['basic', presetLog('basic'), [0, 8, 16, 24, 40]],
    ['racing with an adopted value', racingLog(), [8, 30, 44]],
    ['dueling', presetLog('dueling'), [60, 200]],
    ['a crash', crashRun(), [8, 20]],
    ['a partition', partitionRun(), [20]],
    ['a user drop', userDropRun(), [16]],
  ]
  it.each(runs)('%s', (_name, log, steps) => {
    let replies = 0
    for (const step of steps) replies += expectSound(log, layoutAt(log, step))
    expect(replies).toBeGreaterThan(0)
  })

  it('would catch a reply drawn before its request arrived', () => {
    const log = presetLog('basic')
    const good = layoutAt(log, 24)
    const request = log.find((e) => e.kind === 'msg.send' && e.msg.inReplyTo != null)
    const requestId = request?.kind === 'msg.send' ? request.msg.inReplyTo : null
    const broken: Layout = {
      ...good,
      arrows: good.arrows.map((a) => (a.id === requestId ? { ...a, tx: a.tx + 500, x2: a.x2 + 500 } : a)),
    }
    expect(() => expectSound(log, broken)).toThrow()
  })

  it('would catch overlapping labels and lanes out of order', () => {
    const log = presetLog('basic')
    const good = layoutAt(log, 8)
    expect(good.labels.length).toBeGreaterThan(1)
    const [first, second] = good.labels
    const overlapping: Layout = {
      ...good,
      labels: [first!, { ...second!, x: first!.x, y: first!.y, force: false }, ...good.labels.slice(2)],
    }
    expect(() => expectSound(log, overlapping)).toThrow(/overlap/)
    const swapped: Layout = { ...good, lanes: [...good.lanes].reverse() }
    expect(() => expectSound(log, swapped)).toThrow()
  })
})

describe('frame and lanes', () => {
  it('stacks one lane per process, P1 on top, evenly spaced', () => {
    const l = layoutAt(presetLog('basic'), 0)
    expect(l.lanes.map((la) => la.pid)).toEqual([1, 2, 3, 4, 5])
    const gaps = l.lanes.slice(1).map((la, i) => la.y - (l.lanes[i]?.y ?? 0))
    for (const g of gaps) expect(g).toBeCloseTo(l.frame.laneGap, 0)
  })

  it('draws only events up to the cursor', () => {
    const log = presetLog('basic')
    const l = layoutAt(log, 0)
    const sentByStep0 = log.filter((e) => e.kind === 'msg.send' && e.step === 0).length
    expect(l.arrows).toHaveLength(sentByStep0)
    expect(l.arrows.every((a) => a.state === 'in-flight')).toBe(true)
    expect(l.marks.map((m) => m.kind)).toEqual(['ballot'])
  })

  it('puts the cursor at the tick of the last event with step ≤ cursor', () => {
    const log = racingLog()
    const l = layoutAt(log, 30)
    const last = log.filter((e) => e.step <= 30).at(-1)
    expect(l.cursorTick).toBe(last?.tick)
  })
})

describe('panning', () => {
  it('changes only the offset: arrows keep identical geometry, so they are not redrawn', () => {
    const log = presetLog('dueling')
    const a = layoutAt(log, 300, { viewTicks: [100, 180] })
    const b = layoutAt(log, 300, { viewTicks: [120, 200] })
    expect(a.pxPerTick).toBe(b.pxPerTick)
    expect(a.offsetX - b.offsetX).toBeCloseTo(20 * a.pxPerTick, 1)
    const inB = new Map(b.arrows.map((x) => [x.id, x]))
    const shared = a.arrows.filter((x) => inB.has(x.id))
    expect(shared.length).toBeGreaterThan(10)
    for (const x of shared) expect(inB.get(x.id)).toEqual(x)
  })

  it("draws both views of a glide at the new view's scale and offset (drawTicks)", () => {
    const log = presetLog('dueling')
    const before = layoutAt(log, 300, { viewTicks: [100, 180] })
    const after = layoutAt(log, 300, { viewTicks: [120, 200] })
    const gliding = layoutAt(log, 300, { viewTicks: [120, 200], drawTicks: [100, 180] })
    expect(gliding.pxPerTick).toBe(after.pxPerTick)
    expect(gliding.offsetX).toBe(after.offsetX)
    expect(gliding.visibleX).toEqual(after.visibleX)
    const ids = new Set(gliding.arrows.map((x) => x.id))
    for (const x of [...before.arrows, ...after.arrows]) expect(ids.has(x.id)).toBe(true)
    expect(gliding.arrows.length).toBeGreaterThan(after.arrows.length)
    // The axis goes on at the same spacing across the view being left.
    const step = (after.axis[1]?.tick ?? 0) - (after.axis[0]?.tick ?? 0)
    const ticks = gliding.axis.map((t) => t.tick)
    expect(ticks[0]).toBeLessThanOrEqual(100 + step)
    for (let i = 1; i < ticks.length; i++) expect((ticks[i] ?? 0) - (ticks[i - 1] ?? 0)).toBe(step)
    for (const t of after.axis) expect(ticks).toContain(t.tick)
  })

  it('draws a glide start view at most GLIDE_MAX_VIEWS view widths away (one from another zoom drew the whole run)', () => {
    const log = presetLog('dueling')
    const view: [number, number] = [120, 140]
    const near = layoutAt(log, 300, { viewTicks: view, drawTicks: [90, 110] })
    const far = layoutAt(log, 300, { viewTicks: view, drawTicks: [-4, 5000] })
    const reach = GLIDE_MAX_VIEWS * (view[1] - view[0])
    expect(near.axis[0]?.tick).toBeLessThanOrEqual(90)
    for (const t of far.axis) {
      expect(t.tick).toBeGreaterThanOrEqual(view[0] - reach)
      expect(t.tick).toBeLessThanOrEqual(view[1] + reach)
    }
    const span = (view[1] - view[0]) * (1 + 2 * GLIDE_MAX_VIEWS)
    const step = (far.axis[1]?.tick ?? 0) - (far.axis[0]?.tick ?? 0)
    expect(far.axis.length).toBeLessThanOrEqual(span / step + 1)
  })
})

describe('messages in flight', () => {
  const racing = racingLog()
  it('grows toward its target with the head at (cursorTick − sentAt) / (deliverAt − sentAt)', () => {
    // #29: accept 2.3 = 10, P3 → P1, sent at t40, due at t50. Step 30 is at t45: halfway.
    const l = layoutAt(racing, 30)
    const a = l.arrows.find((x) => x.id === 29)
    expect(a?.state).toBe('in-flight')
    expect(a?.progress).toBe(0.5)
    expect(a?.x2).toBeCloseTo(((a?.x1 ?? 0) + (a?.tx ?? 0)) / 2, 0)
    expect(a?.y2).toBeCloseTo(((a?.y1 ?? 0) + (a?.ty ?? 0)) / 2, 0)
  })

  it('has every in-flight head on the cursor line, or just short of a lane it has not reached yet', () => {
    for (const step of [9, 20, 30, 33]) {
      const l = layoutAt(racing, step)
      const flying = l.arrows.filter((a) => a.state === 'in-flight' && !a.self)
      expect(flying.length).toBeGreaterThan(0)
      for (const a of flying) {
        const arriving = a.progress === 1
        if (!arriving) expect(a.x2).toBeCloseTo(l.cursorX, 0)
        else expect(Math.hypot(a.tx - a.x2, a.ty - a.y2)).toBeCloseTo(14, 0)
      }
    }
  })

  it('never draws a message due now but not yet delivered as touching its lane', () => {
    // Step 8 (t20): P1 has counted P3's promise, its third; P4's and P5's (#9, #10) are due at t20
    // too, still in flight. Drawn touching P1's lane they read as five promises counted.
    const l = layoutAt(racing, 8)
    const byId = (id: number) => l.arrows.find((a) => a.id === id)!
    expect(byId(8).state).toBe('delivered')
    expect(Math.hypot(byId(8).tx - byId(8).x2, byId(8).ty - byId(8).y2)).toBeCloseTo(0, 0)
    for (const id of [9, 10]) {
      const a = byId(id)
      expect(a.state).toBe('in-flight')
      expect(a.progress).toBe(1)
      expect(Math.abs(a.ty - a.y2)).toBeGreaterThan(8)
    }
  })

  it('grows step by step and completes on delivery', () => {
    const progress = [28, 30, 31].map((s) => layoutAt(racing, s).arrows.find((a) => a.id === 29))
    expect(progress.map((a) => a?.progress)).toEqual([0, 0.5, 1])
    expect(progress.map((a) => a?.state)).toEqual(['in-flight', 'in-flight', 'delivered'])
  })

  it('follows a delay only once the delay has happened', () => {
    // #2 (prepare P1 → P2, sent t0) is due at t10 until the user delays it by 15 at step 1.
    const log = runLog([
      [0, { type: 'propose', pid: 1, value: '10' }],
      [1, { type: 'delay', msgId: 2, ticks: 15 }],
    ])
    const aim = (step: number) => layoutAt(log, step).arrows.find((a) => a.id === 2)?.tx
    // Content pixels: x = tick × pxPerTick, and 880 px show 80 ticks.
    const x = (t: number) => t * 11
    expect(aim(0)).toBeCloseTo(x(10), 0)
    expect(aim(1)).toBeCloseTo(x(25), 0)
  })

  it('draws a self-message as a zero-length loop at its lane', () => {
    const a = layoutAt(racing, 2).arrows.find((x) => x.id === 1)
    expect(a).toMatchObject({ self: true, x1: a?.x2, y1: a?.y2 })
  })
})

describe('dropped messages', () => {
  it('puts the ✕ where a user drop happened, partway along the path', () => {
    // #14 accept 1.1 P1 → P4: sent t20, delayed to t45, dropped at step 16 (t30): 10/25 = 0.4.
    const l = layoutAt(userDropRun(), 16)
    const a = l.arrows.find((x) => x.id === 14)
    expect(a?.state).toBe('dropped')
    expect(a?.dropReason).toBe('user')
    expect(a?.progress).toBe(0.4)
    expect(a?.x2).toBeCloseTo((a?.x1 ?? 0) + ((a?.tx ?? 0) - (a?.x1 ?? 0)) * 0.4, 0)
  })

  it('keeps a lost message short of its target lane', () => {
    const l = layoutAt(totalLossRun(), 6)
    const lost = l.arrows.filter((a) => a.state === 'dropped')
    expect(lost.map((a) => a.id)).toEqual([2, 3, 4, 5])
    for (const a of lost) {
      expect(a.dropReason).toBe('loss')
      expect(a.progress).toBe(0.8)
      expect(Math.abs(a.y2 - a.ty)).toBeGreaterThan(10)
    }
  })
})

describe('crashes, partitions, outcomes', () => {
  it('greys out a crashed lane from the crash to the recovery', () => {
    const log = crashRun()
    const during = layoutAt(log, 8)
    const down = during.bands.filter((b) => b.kind === 'down')
    expect(down).toHaveLength(1)
    expect(down[0]).toMatchObject({ pid: 3, open: true, x2: during.cursorX })
    expect(during.lanes[2]?.status.down).toBe(true)
    const after = layoutAt(log, 20)
    const band = after.bands.find((b) => b.kind === 'down')
    const x = (t: number) => t * after.pxPerTick
    expect(band).toMatchObject({ open: false })
    expect(band?.x1).toBeCloseTo(x(0), 0)
    expect(band?.x2).toBeCloseTo(x(30), 0)
    expect(after.lanes[2]?.status.down).toBe(false)
    expect(after.marks.filter((m) => m.pid === 3).map((m) => m.kind)).toContain('recover')
  })

  it("forgets a lane's decision once the process crashes and restarts (learner state is volatile)", () => {
    const log = runLog([
      [0, { type: 'propose', pid: 1, value: '10' }],
      [24, { type: 'crash', pid: 2 }],
      [24, { type: 'recover', pid: 2 }],
    ])
    const lanes = layoutAt(log, 24).lanes
    expect(lanes[1]?.status).toEqual({ down: false, decided: null, running: null })
    expect(lanes[0]?.status.decided).toBe('10')
  })

  it('loses messages on their way to a crashed process', () => {
    const l = layoutAt(crashRun(), 20)
    const lost = l.arrows.filter((a) => a.state === 'dropped')
    expect(lost.map((a) => [a.id, a.dropReason])).toEqual([
      [3, 'crash'],
      [12, 'crash'],
    ])
  })

  it('draws a partition as a band with walls between the groups', () => {
    const l = layoutAt(partitionRun(), 20)
    const band = l.bands.find((b) => b.kind === 'partition')
    expect(band?.laneGroups).toEqual(['A', 'B', 'A', 'B', 'B'])
    // Walls lie between neighbouring lanes in different groups: 1|2, 2|3, 3|4.
    expect(band?.walls).toHaveLength(3)
    expect(band?.label).toBe('partition {P1, P3} | {P2, P4, P5}')
    expect(band?.open).toBe(false)
  })

  it('marks chosen once across all lanes, before each learner decides on its own lane', () => {
    const l = layoutAt(presetLog('basic'), 24)
    const chosen = l.marks.filter((m) => m.kind === 'chosen')
    const decides = l.marks.filter((m) => m.kind === 'decide')
    expect(chosen).toHaveLength(1)
    expect(chosen[0]?.pid).toBeNull()
    expect(chosen[0]?.laneYs).toHaveLength(3)
    expect(decides.map((m) => m.pid).sort()).toEqual([1, 2, 3, 4, 5])
    for (const d of decides) expect(d.x).toBeGreaterThan(chosen[0]?.x ?? Infinity)
    expect(l.lanes.every((la) => la.status.decided === '10')).toBe(true)
  })

  it('raises a global alarm on a safety violation', () => {
    const l = layoutAt(violationRun(), 1e9)
    const alarms = l.marks.filter((m) => m.kind === 'violation')
    expect(alarms.length).toBeGreaterThan(0)
    expect(alarms[0]?.pid).toBeNull()
    expect(l.labels.some((b) => b.tone === 'alarm' && b.text.startsWith('⚠ Violated: '))).toBe(true)
    // The lecture's title of the invariant, never its raw id.
    const RAW_IDS = /agreement:|validity:|promise-monotonic|no-accept-below-promise|stability/
    expect(l.marks.filter((m) => m.kind === 'violation').some((m) => RAW_IDS.test(m.label))).toBe(false)
    expect(l.marks.filter((m) => m.kind === 'chosen').map((m) => m.label)).toEqual([
      '★ chosen A (ballot 1)',
      '★ chosen B (ballot 1)',
    ])
  })
})
