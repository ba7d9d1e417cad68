import { describe, expect, it } from 'vitest'
import { ballotKey, type SimEvent } from '../engine/index.ts'
import { arrowAtCursor, arrowsInView, sentCount } from './arrows.ts'
import { computeLayout } from './layout.ts'
import { indexLog, tickAtStep } from './logIndex.ts'
import { BALLOT_HUE_COUNT } from './palette.ts'
import { relatedMessages } from './related.ts'
import { duplicateRun, presetLog, racingLog } from './testRuns.ts'

describe('ballot palette', () => {
  it('gives every message of one ballot the same hue, and neighbouring ballots different hues', () => {
    const index = indexLog(racingLog())
    const hues = new Map<string, Set<number>>()
    for (const m of index.messages) {
      const key = ballotKey(m.payload.ballot)
      hues.set(key, (hues.get(key) ?? new Set()).add(m.hue as number))
    }
    expect([...hues.keys()].sort()).toEqual(['1.1', '2.3'])
    expect([...(hues.get('1.1') ?? [])]).toEqual([0])
    expect([...(hues.get('2.3') ?? [])]).toEqual([1])
  })

  it('is deterministic: the same log gives the same hues, whatever the cursor', () => {
    const a = presetLog('dueling')
    const b = presetLog('dueling')
    expect([...indexLog(a).ballotHues]).toEqual([...indexLog(b).ballotHues])
    const at = (step: number) =>
      computeLayout(a, step, { width: 900, height: 400, viewTicks: [0, 400] }).arrows.map(
        (x): [number, number] => [x.id, x.hue as number],
      )
    const early = new Map(at(40))
    for (const [id, hue] of at(300)) if (early.has(id)) expect(early.get(id)).toBe(hue)
  })

  it('cycles through the palette in order of first appearance', () => {
    const index = indexLog(presetLog('dueling'))
    const hues = [...index.ballotHues.values()]
    expect(hues.slice(0, BALLOT_HUE_COUNT)).toEqual([0, 1, 2, 3, 4])
    hues.forEach((h, i) => expect(h).toBe(i % BALLOT_HUE_COUNT))
  })
})

describe('replies and quorums', () => {
  const log = racingLog()
  const index = indexLog(log)
  it('links each request to the reply sent when it was delivered', () => {
    // #17 prepare 2.3 P3 → P2 is answered by #26 promise 2.3 (1.1, 10) P2 → P3.
    expect(index.messages[16]?.replyId).toBe(26)
    expect(index.messages[25]?.requestId).toBe(17)
    // #13 accept 1.1 P1 → P3 is answered by the REJECT #24.
    expect(index.messages[12]?.replyId).toBe(24)
    expect(index.messages[23]?.payload.type).toBe('reject')
  })

  it('highlights a reply with its request and the rest of its quorum', () => {
    const related = relatedMessages(index, 26, 44)
    // Phase-1 replies to P3 for 2.3: #22 (itself), #25, #26, #27, #28, and the prepares they answer.
    for (const id of [26, 17, 22, 25, 27, 28, 16, 18, 19, 20]) expect(related.has(id)).toBe(true)
    expect(related.has(29)).toBe(false)
  })

  it('only highlights messages sent by the cursor', () => {
    const related = relatedMessages(index, 26, 18)
    expect([...related].every((id) => (index.messages[id - 1]?.sendStep ?? Infinity) <= 18)).toBe(true)
    expect(related.has(27)).toBe(false)
  })

  it('links a duplicate to its original', () => {
    const dup = indexLog(duplicateRun())
    expect(dup.messages[5]?.dupOf).toBe(2)
    expect(relatedMessages(dup, 6, 10).has(2)).toBe(true)
    expect(relatedMessages(dup, 2, 10).has(6)).toBe(true)
  })
})

describe('arrowsInView', () => {
  const log = presetLog('dueling')
  const index = indexLog(log)

  it('returns exactly the arrows that intersect the tick range', () => {
    for (const [step, from, to] of [
      [600, 100, 150],
      [300, 0, 40],
      [450, 200, 260],
    ] as const) {
      const cursorTick = tickAtStep(log, step)
      const brute = index.messages
        .slice(0, sentCount(index, step))
        .map((m) => arrowAtCursor(m, step, cursorTick))
        .filter((a) => a.rec.sentAt <= to && Math.max(a.endTick, a.deliverAt) >= from)
        .map((a) => a.rec.id)
      const fast = arrowsInView(index, step, cursorTick, from, to).map((a) => a.rec.id)
      expect(fast).toEqual(brute)
      expect(fast.length).toBeLessThan(index.messages.length / 3)
    }
  })

  it('keeps a long, delayed message in view across its whole span', () => {
    const racing = racingLog()
    const idx = indexLog(racing)
    expect(idx.longIds).toEqual([14, 15])
    const ids = arrowsInView(idx, 44, tickAtStep(racing, 44), 42, 44).map((a) => a.rec.id)
    expect(ids).toEqual(expect.arrayContaining([14, 15]))
  })
})

describe('indexLog', () => {
  it('extends the index in place when the log grows by appending', () => {
    const log = racingLog()
    const first = indexLog(log.slice(0, 40))
    const grown = indexLog([...log])
    expect(grown).toBe(first)
    const fresh = indexLog(log.map((e) => ({ ...e }) as SimEvent))
    expect(fresh).not.toBe(first)
    expect(JSON.stringify(fresh.messages)).toBe(JSON.stringify(grown.messages))
    expect(JSON.stringify(fresh.marks)).toBe(JSON.stringify(grown.marks))
  })

  it('rebuilds when the log was cut back and replaced (a fork)', () => {
    const log = presetLog('basic')
    const before = indexLog(log)
    const forked = [...log.slice(0, 30), ...presetLog('basic').slice(30)]
    expect(indexLog(forked)).not.toBe(before)
  })

  it('is empty for an empty log', () => {
    expect(indexLog([]).messages).toEqual([])
    expect(tickAtStep([], 5)).toBe(0)
  })
})
