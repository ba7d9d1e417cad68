import { describe, expect, it } from 'vitest'
import { protocolPreset, runProtocolPreset, runToEnd, type SimEvent } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { alignFeed, feedLines } from './Narration.tsx'

describe('feedLines', () => {
  const log = runToEnd(toRunInput(presetById('basic')!.scenario)).log

  it('folds a broadcast into one line that links every message', () => {
    const lines = feedLines(log.filter((e) => e.step === 0))
    const broadcast = lines.find((l) => l.text.startsWith('P1 sends prepare 1.1 to'))
    expect(broadcast?.text).toBe('P1 sends prepare 1.1 to P1, P2, P3, P4, P5.')
    expect(broadcast?.msgs.map((m) => m.id)).toEqual([1, 2, 3, 4, 5])
  })

  it("says a Multi-Paxos client's send in one line, linked to the message", () => {
    const found = protocolPreset('mp-leader-crash')!
    const mp = runProtocolPreset(found.module, found.preset).log as SimEvent[]
    type Send = Extract<SimEvent, { kind: 'msg.send' }>
    const sends = mp.filter(
      (e): e is Send => e.kind === 'msg.send' && (e.msg.payload.type as string) === 'request',
    )
    expect(sends.length).toBeGreaterThan(2)
    for (const send of sends) {
      const lines = feedLines(mp.filter((e) => e.step === send.step))
      const told = lines.filter((l) => l.msgs.some((m) => m.id === send.msg.id))
      expect(told).toHaveLength(1)
      expect(lines.filter((l) => l.text.includes(send.text.replace(/\.$/, '')))).toEqual(told)
      expect(told[0]?.text).toMatch(
        /^(C\d sends|No answer in time, so|P\d names P\d as the leader, so) .+ to P\d\.$/,
      )
    }
  })

  it('ends every line of a Multi-Paxos run as a sentence, for the eye and for screen readers', () => {
    const found = protocolPreset('mp-leader-crash')!
    const mp = runProtocolPreset(found.module, found.preset).log as SimEvent[]
    const lines = feedLines(mp)
    expect(lines.length).toBeGreaterThan(100)
    for (const l of lines) expect(l.text, l.text).toMatch(/[.!?…]$/)
    expect(lines.map((l) => l.text)).toContain("P1's election timer fires.")
  })

  it('keeps every other event as its own line, linked to its message when it has one', () => {
    const lines = feedLines(log.filter((e) => e.step === 1))
    expect(lines.map((l) => l.text)).toEqual(log.filter((e) => e.step === 1).map((e) => e.text))
    expect(lines[0]?.msgs).toEqual([{ id: 1, to: 1 }])
  })
})

describe('alignFeed', () => {
  /** A feed 100 px high holding 300 px of lines, its current step's first line 150 px down. */
  function feed() {
    const writes: number[] = []
    const el = {
      scrollHeight: 300,
      clientHeight: 100,
      querySelector: () => ({ offsetTop: 150 }),
      set scrollTop(v: number) {
        writes.push(v)
      },
    } as unknown as HTMLElement
    return { el, writes }
  }
  const frames = () => {
    const queued = new Map<number, () => void>()
    let next = 0
    return {
      queued,
      requestAnimationFrame: (f: FrameRequestCallback) => (queued.set(++next, () => f(0)), next),
      cancelAnimationFrame: (id: number) => void queued.delete(id),
    }
  }

  it('aligns the current step at once when no scrub moves', () => {
    const { el, writes } = feed()
    const f = frames()
    expect(alignFeed(el, false, f)).toBeUndefined()
    expect(writes).toEqual([150])
    expect(f.queued.size).toBe(0)
  })

  it('while a scrub moves, aligns in the next animation frame, and a newer alignment cancels it', () => {
    const { el, writes } = feed()
    const f = frames()
    const cancel = alignFeed(el, true, f)
    expect(writes).toEqual([])
    cancel?.()
    expect(f.queued.size).toBe(0)
    alignFeed(el, true, f)
    for (const run of f.queued.values()) run()
    expect(writes).toEqual([150])
  })
})
