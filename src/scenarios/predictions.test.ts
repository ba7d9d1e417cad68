import { describe, expect, it } from 'vitest'
import { runToEnd } from '../engine/index.ts'
import { PREDICTIONS } from './predictions.ts'
import { anyPresetById, galleryPresets, presetById } from './presets.ts'
import { parseScenario, scenarioToJson, toRunInput } from './scenario.ts'
import { decodeScenarioLink, encodeScenarioHash } from './url.ts'

const preset = (id: string) => {
  const p = presetById(id)
  if (!p) throw new Error(`no preset ${id}`)
  return p
}

describe('predict, then reveal', () => {
  it('every answer belongs to a question an example still asks', () => {
    for (const [id, asks] of Object.entries(PREDICTIONS)) {
      const texts = (preset(id).scenario.beats ?? []).map((b) => b.text)
      for (const question of Object.keys(asks)) expect(texts, `${id}: ${question}`).toContain(question)
    }
  })

  it('every question of every example, in every protocol, can be answered before the reveal', () => {
    const unanswered = galleryPresets()
      .flatMap((p) => (p.scenario.beats ?? []).map((b) => ({ id: p.id, b })))
      .filter(({ b }) => b.text.trim().endsWith('?') && !b.ask)
      .map(({ id, b }) => `${id} @${b.step}`)
    expect(unanswered).toEqual([])
  })

  it('every Multi-Paxos example asks at least one question, and only questions carry answers', () => {
    const mp = galleryPresets().filter((p) => p.scenario.protocol === 'multipaxos')
    expect(mp.length).toBeGreaterThanOrEqual(12)
    for (const p of mp) {
      const beats = p.scenario.beats ?? []
      expect(beats.filter((b) => b.ask).length, p.id).toBeGreaterThanOrEqual(1)
      for (const b of beats) expect(b.text.trim().endsWith('?'), `${p.id} @${b.step}`).toBe(Boolean(b.ask))
    }
  })

  it('each answer is one of its choices, and the reason is given', () => {
    const asks = galleryPresets().flatMap((p) =>
      (p.scenario.beats ?? []).flatMap((b) => (b.ask ? [b.ask] : [])),
    )
    expect(asks.length).toBeGreaterThanOrEqual(Object.keys(PREDICTIONS).length + 12)
    for (const a of asks) {
      expect(a.answer).toBeLessThan(a.choices.length)
      expect(new Set(a.choices).size).toBe(a.choices.length)
      expect(a.why.length).toBeGreaterThan(20)
    }
  })

  it('a shared link and a saved file keep the answers', () => {
    const s = preset('racing-adopt').scenario
    const back = decodeScenarioLink(`https://example.org/#${encodeScenarioHash(s)}`)
    expect(back.ok && back.scenario.beats?.find((b) => b.ask)?.ask?.answer).toBe(1)
    const file = parseScenario(JSON.parse(JSON.stringify(scenarioToJson(s))))
    expect(file.ok && file.scenario.beats).toEqual(s.beats)
  })

  it('every example’s questions survive a shared link and a saved file (Multi-Paxos too)', () => {
    for (const p of galleryPresets().filter((p) => p.scenario.beats?.some((b) => b.ask))) {
      const back = decodeScenarioLink(`https://example.org/#${encodeScenarioHash(p.scenario)}`)
      expect(back.ok && back.scenario.beats, p.id).toEqual(p.scenario.beats)
      const file = parseScenario(JSON.parse(JSON.stringify(scenarioToJson(p.scenario))))
      expect(file.ok && file.scenario.beats, p.id).toEqual(p.scenario.beats)
    }
    expect(anyPresetById('mp-leader-crash')?.scenario.beats?.find((b) => b.ask)?.ask?.answer).toBe(0)
  })

  it('refuses an answer that is not one of its choices, and answers in format 1', () => {
    const json = scenarioToJson(preset('basic').scenario) as { beats: { ask?: { answer: number } }[] }
    const broken = structuredClone(json)
    const ask = broken.beats.find((b) => b.ask)?.ask
    if (!ask) throw new Error('basic has a question')
    ask.answer = 5
    const r = parseScenario(broken)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error).toContain('answer must be the index of one of its choices')
    const v1 = { ...structuredClone(json), format: 1 } as Record<string, unknown>
    delete v1.protocol
    expect(parseScenario(v1).ok).toBe(false)
  })
})

describe('a question is true where it is asked', () => {
  it('failed-prepare: at its step P2–P5 have rejected 1.1 for 1.5, two rejects reached P1, the third fails it next', () => {
    const p = preset('failed-prepare')
    const beat = (p.scenario.beats ?? [])[0]!
    const log = runToEnd(toRunInput(p.scenario)).log
    const upTo = log.filter((e) => e.step <= beat.step)
    const rejects = upTo.filter(
      (e) =>
        e.kind === 'msg.send' &&
        e.msg.payload.type === 'reject' &&
        e.msg.to === 1 &&
        e.msg.payload.promised.round === 1,
    )
    expect(rejects.map((e) => (e.kind === 'msg.send' ? e.msg.from : 0)).sort()).toEqual([2, 3, 4, 5])
    const arrived = upTo.filter(
      (e) => e.kind === 'msg.deliver' && e.msg.payload.type === 'reject' && e.msg.to === 1,
    )
    expect(arrived).toHaveLength(2)
    // Not yet failed at the question; failed at the very next step (the answer is not given away).
    const failed = log.find((e) => e.kind === 'proposer.phase' && e.pid === 1 && e.phase === 'waiting')!
    expect(failed.step).toBe(beat.step + 1)
  })
})
