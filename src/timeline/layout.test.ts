import { describe, expect, it } from 'vitest'
import { computeLayout, type Layout, type LayoutOptions } from './layout.ts'
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

/** A compact, rounded text form of a layout for snapshots. */
function summary(l: Layout) {
  return {
    cursor: `step ${l.cursorStep} tick ${l.cursorTick} x ${l.cursorX}`,
    scale: `${l.pxPerTick} px/tick, content x 0 at screen x ${l.offsetX}`,
    lanes: l.lanes.map((la) =>
      [
        `P${la.pid} y ${la.y}`,
        la.status.down ? 'down' : '',
        la.status.running?.text ?? '',
        la.status.decided !== null ? `decided ${la.status.decided}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    arrows: l.arrows.map(
      (a) =>
        `#${a.id} ${a.type} ${a.state} (${a.x1}, ${a.y1}) → (${a.x2}, ${a.y2}) aims (${a.tx}, ${a.ty}) ` +
        `p ${a.progress} hue ${a.hue}${a.self ? ' self' : ''}`,
    ),
    marks: l.marks.map((m) => `${m.kind} (${m.x}, ${m.y}) ${m.label}`),
    bands: l.bands.map((b) => `${b.kind} x ${b.x1}..${b.x2} y ${b.y1}..${b.y2}${b.open ? ' open' : ''}`),
    labels: l.labels.map((b) => `${b.text} @ (${b.cx}, ${b.cy})`),
  }
}

describe('computeLayout snapshots', () => {
  const basic = presetLog('basic')
  const racing = racingLog()
  it.each([8, 24])('basic run at step %i', (step) => {
    expect(summary(layoutAt(basic, step))).toMatchSnapshot()
  })
  it.each([8, 30, 44])('racing with an adopted value at step %i', (step) => {
    expect(summary(layoutAt(racing, step))).toMatchSnapshot()
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

  it('has every in-flight head on the cursor line', () => {
    for (const step of [9, 20, 30, 33]) {
      const l = layoutAt(racing, step)
      const flying = l.arrows.filter((a) => a.state === 'in-flight' && !a.self)
      expect(flying.length).toBeGreaterThan(0)
      for (const a of flying) expect(a.x2).toBeCloseTo(l.cursorX, 0)
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
    expect(l.labels.some((b) => b.tone === 'alarm' && b.text.startsWith('⚠ SAFETY VIOLATED'))).toBe(true)
    expect(l.marks.filter((m) => m.kind === 'chosen').map((m) => m.label)).toEqual([
      '★ chosen A (ballot 1)',
      '★ chosen B (ballot 1)',
    ])
  })
})
