import { describe, expect, it } from 'vitest'
import { moduleFor } from '../engine/index.ts'
import { cursorPill } from './cursorPill.ts'
import { computeLayout } from './layout.ts'
import { indexLog } from './logIndex.ts'
import { logProtocol } from './logProtocol.ts'
import { mpPresetLog, presetLog } from './testRuns.ts'

const mp = moduleFor('multipaxos')

describe('the diagram asks the run’s protocol module for its words', () => {
  const log = mpPresetLog('mp-leader-crash')
  const idx = indexLog(log)

  it('knows the module of a tagged log; an untagged log is Paxos', () => {
    expect(logProtocol(log)).toBe(mp)
    expect(logProtocol(presetLog('basic')).id).toBe('paxos')
  })

  it('has a lane per replica and client', () => {
    expect(idx.processCount).toBe(8)
  })

  it('labels arrows with the module’s labels and draws heartbeats quietly', () => {
    const heartbeat = idx.messages.find((m) => (m.payload.type as string) === 'heartbeat')
    expect(heartbeat?.quiet).toBe(true)
    expect(heartbeat?.label).toMatch(/^♥ 1\.1 c\d+$/)
    const prepare = idx.messages.find((m) => m.payload.type === 'prepare')
    expect(prepare).toMatchObject({ kind: 'request', quiet: false, label: 'prepare 1.1 slots 1…' })
    expect(idx.messages.find((m) => m.payload.type === 'promise')?.kind).toBe('ack')
    expect(idx.messages.find((m) => (m.payload.type as string) === 'redirect')?.kind).toBe('reject')
    // A client's request has no ballot: no ballot colour.
    expect(idx.messages.find((m) => (m.payload.type as string) === 'request')?.hue).toBeNull()
  })

  it('groups the promises of one campaign into one quorum, from the engine’s reply facts', () => {
    const campaign = idx.messages.filter((m) => m.payload.type === 'prepare' && m.from === 2)
    const promises = idx.messages.filter((m) => m.payload.type === 'promise' && m.to === 2)
    expect(campaign.length).toBeGreaterThan(0)
    expect(promises.length).toBeGreaterThanOrEqual(3)
    const keys = new Set(promises.map((m) => m.quorumKey))
    expect(keys.size).toBe(1)
    expect(idx.quorums.get([...keys][0] as string)).toEqual(promises.map((m) => m.id))
  })

  it('marks the module’s moments on the lanes', () => {
    const marks = idx.marks.map((m) => `${m.step} ${m.kind} ${m.pid ?? '-'} ${m.label}`)
    expect(marks).toContain('79 ballot 2 phase 1 2.2')
    expect(marks.some((m) => m.startsWith('94 adopt 2 leader 2.2 · re-proposes 3,5 · no-op 4'))).toBe(true)
    expect(marks.some((m) => m.startsWith('109 chosen - slot 4 = noop'))).toBe(true)
  })

  it('draws quiet arrows without a label, and names lanes as the module says', () => {
    const faces = ['P1', 'P2', 'P3', 'P4', 'P5', 'C1', 'C2', 'C3'].map((name) => ({
      name,
      up: true,
      text: name === 'P2' ? 'leader 2.2' : null,
      tone: 'running' as const,
      colourKey: '2.2',
    }))
    const layout = computeLayout(log, 130, {
      width: 1200,
      height: 600,
      viewTicks: [200, 400],
      laneFaces: faces,
    })
    expect(layout.lanes.map((l) => l.name)).toEqual(faces.map((f) => f.name))
    expect(layout.lanes[1]?.status.plain?.text).toBe('leader 2.2')
    const quiet = new Set(layout.arrows.filter((a) => a.quiet).map((a) => a.id))
    expect(quiet.size).toBeGreaterThan(0)
    expect(layout.labels.some((l) => typeof l.owner === 'number')).toBe(true)
    expect(layout.labels.some((l) => quiet.has(Number(l.owner)))).toBe(false)
    const toClient = layout.arrows.find((a) => a.to >= 6)
    if (toClient) expect(toClient.ariaLabel).toMatch(/ to C\d/)
  })
})

describe('bands name processes as the module does', () => {
  it("a partition with clients in it says C1, not the client's pid", () => {
    const log = mpPresetLog('mp-partitioned-leader')
    const at = log.find((e) => e.kind === 'net.partition')
    if (!at) throw new Error('no partition')
    const names = ['P1', 'P2', 'P3', 'P4', 'P5', 'C1', 'C2']
    const faces = names.map((name) => ({
      name,
      up: true,
      text: null,
      tone: 'idle' as const,
      colourKey: null,
    }))
    const layout = computeLayout(log, at.step + 5, {
      width: 1200,
      height: 600,
      viewTicks: [at.tick - 10, at.tick + 40],
      laneFaces: faces,
    })
    expect(layout.bands.find((b) => b.kind === 'partition')?.label).toBe(
      'partition {P1, C2} | {P2, P3, P4, P5, C1}',
    )
  })
})

describe('routine messages can be left out of the picture', () => {
  const log = mpPresetLog('mp-steady')
  const last = log.at(-1)?.step ?? 0
  const whole = { width: 1600, height: 600, viewTicks: [0, 300] as const }
  const shown = computeLayout(log, last, whole)
  const beats = shown.arrows.filter((a) => a.quiet)

  it('names a heartbeat arrow in words for a screen reader, and draws its label with the ♥', () => {
    const beat = beats[0]
    expect(beat?.label).toMatch(/^♥ \d\.\d c\d+$/)
    expect(beat?.ariaLabel).toMatch(/^#\d+ P\d to P\d: heartbeat \d\.\d, commit point \d+, /)
    expect(beats.every((a) => !a.ariaLabel.includes('♥'))).toBe(true)
  })

  it('hides every heartbeat and nothing else', () => {
    expect(beats.length).toBeGreaterThan(0)
    const hidden = computeLayout(log, last, { ...whole, hideQuiet: true })
    expect(hidden.arrows.map((a) => a.id)).toEqual(shown.arrows.filter((a) => !a.quiet).map((a) => a.id))
  })

  it('still draws a heartbeat someone is looking at (hovered, focused or selected)', () => {
    const looked = beats[0]?.id ?? -1
    const hidden = computeLayout(log, last, { ...whole, hideQuiet: true, forceLabelIds: [looked] })
    expect(hidden.arrows.filter((a) => a.quiet).map((a) => a.id)).toEqual([looked])
  })

  it("keeps the cursor's pill clear of the view buttons", () => {
    const layout = computeLayout(log, 0, { ...whole, toolbarRightPx: 300 })
    expect(layout.pillMinX + layout.offsetX).toBe(306)
  })

  it('places no label under the view buttons (a chosen slot is labelled over the lanes)', () => {
    const toolbar = { x: 0, y: 0, w: 400, h: 80 }
    const under = (l: { x: number; y: number; w: number }, offsetX: number): boolean =>
      l.x + offsetX < toolbar.x + toolbar.w && l.y < toolbar.y + toolbar.h
    const free = computeLayout(log, last, { ...whole, viewTicks: [0, 60] })
    // Without the buttons' box, some label (a chosen slot's, near the top-left) sits there.
    expect(free.labels.some((l) => under(l, free.offsetX))).toBe(true)
    const kept = computeLayout(log, last, {
      ...whole,
      viewTicks: [0, 60],
      toolbarRightPx: toolbar.w,
      toolbarBottomPx: toolbar.h,
    })
    expect(kept.labels.length).toBeGreaterThan(0)
    expect(kept.labels.filter((l) => under(l, kept.offsetX))).toEqual([])
  })

  it("places no label under the cursor's pill (large type, as on a projector)", () => {
    const chosen = log.find((e) => (e.kind as string) === 'slot.chosen')?.step ?? 0
    const layout = computeLayout(log, chosen, { ...whole, viewTicks: [0, 120], typeScale: 1.5 })
    const { cursorX, cursorTick, visibleX, pillMinX } = layout
    const pill = cursorPill(cursorX, cursorTick, chosen, visibleX, pillMinX, 1.5)
    const overlaps = layout.labels.filter(
      (l) => l.x < pill.x + pill.w && pill.x < l.x + l.w && l.y < pill.y + pill.h && pill.y < l.y + l.h,
    )
    expect(layout.labels.some((l) => l.tone === 'chosen')).toBe(true)
    expect(overlaps).toEqual([])
  })
})

describe('Paxos arrows look as the legend says', () => {
  const idx = indexLog(presetLog('basic'))
  const kindsOf = (type: string) =>
    new Set(idx.messages.filter((m) => m.payload.type === type).map((m) => m.kind))

  it('draws decide as "decide (tells learners)", learned as an ACK, prepare and accept as requests', () => {
    expect(kindsOf('decide')).toEqual(new Set(['decide']))
    expect(kindsOf('learned')).toEqual(new Set(['ack']))
    expect(kindsOf('prepare')).toEqual(new Set(['request']))
    expect(kindsOf('accept')).toEqual(new Set(['request']))
  })
})
