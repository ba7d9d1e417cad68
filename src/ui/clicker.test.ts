import { describe, expect, it } from 'vitest'
import {
  protocolPreset,
  runProtocolPreset,
  runToEnd,
  tagLogProtocol,
  type SimEvent,
} from '../engine/index.ts'
import { allPresets, anyPresetById, presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { mpPresetLog } from '../timeline/testRuns.ts'
import { beatTag, captionAt, clickerStops, nextClick, previousClick } from './clicker.ts'

const racing = presetById('racing-adopt')!.scenario
const log = runToEnd(toRunInput(racing)).log
const end = log[log.length - 1]!.step

/** The deliveries of steps (from, to]: their ticks and message types. */
function deliveries(from: number, to: number) {
  return log.filter(
    (e): e is Extract<SimEvent, { kind: 'msg.deliver' }> =>
      e.kind === 'msg.deliver' && e.step > from && e.step <= to,
  )
}

describe('the clicker', () => {
  it('by moments, shows every delivery of racing-adopt: one tick and one kind of message per click', () => {
    const stops = clickerStops(log, racing.beats, 'moment')
    expect(stops[0]).toBe(0)
    expect(stops.at(-1)).toBe(end)
    for (const b of racing.beats ?? []) expect(stops).toContain(b.step)
    for (let i = 1; i < stops.length; i++) {
      // A process's messages to itself join the moment after them (a dot on its own lane).
      const d = deliveries(stops[i - 1]!, stops[i]!).filter((e) => e.msg.from !== e.msg.to)
      expect(new Set(d.map((e) => `${e.tick} ${e.msg.payload.type}`)).size).toBeLessThanOrEqual(1)
    }
    // P1's phase 1 is not skipped (the old clicker went 0 → 8): its prepares land on their own
    // click, with P1's own prepare and promise (two clicks that changed nothing visible).
    expect(stops.slice(0, 3)).toEqual([0, 6, 8])
  })

  it('by beats stops at the beats only; by steps at every step', () => {
    expect(clickerStops(log, racing.beats, 'beat')).toEqual([
      0,
      ...(racing.beats ?? []).map((b) => b.step),
      end,
    ])
    expect(clickerStops(log, racing.beats, 'step')).toHaveLength(end + 1)
  })

  it('walks forward and back between stops', () => {
    const stops = [0, 3, 8, 12]
    expect(nextClick(stops, 0)).toBe(3)
    expect(nextClick(stops, 5)).toBe(8)
    expect(nextClick(stops, 12)).toBe(12)
    expect(previousClick(stops, 8)).toBe(3)
    expect(previousClick(stops, 9)).toBe(8)
    expect(previousClick(stops, 0)).toBe(0)
  })
})

describe('the presenter caption', () => {
  const question = racing.beats!.find((b) => b.text.endsWith('Which value must P3 propose?'))!

  it('opens with the story', () => {
    expect(captionAt(log, racing.beats, racing.description, 0)).toEqual({
      kind: 'story',
      text: racing.description,
    })
  })

  it('shows a beat at its step, and never the question once the run has moved on', () => {
    expect(captionAt(log, racing.beats, racing.description, question.step).text).toBe(question.text)
    for (let step = question.step + 1; step <= end; step++)
      expect(captionAt(log, racing.beats, racing.description, step).text).not.toContain('Which value')
    // The last decisions (the acknowledgements that follow end the run).
    const lastDecide = log.filter((e) => e.kind === 'learner.decide').at(-1)!.step
    expect(captionAt(log, racing.beats, racing.description, lastDecide).text).toBe(
      'P1 decides value 10 (ballot 2.3). So do P2, P4 and P5.',
    )
  })

  it('ends on the count the run ends with, not a stale one from earlier in the moment', () => {
    expect(captionAt(log, racing.beats, racing.description, end).text).toBe(
      "P3 receives P1's, P2's, P4's and P5's learned 10 (P3 now knows 5 of 5 processes have learned).",
    )
  })

  it('tells the accept that made the quorum, before the value it made chosen', () => {
    const chosen = log.find((e) => e.kind === 'value.chosen')!.step
    const stop = clickerStops(log, racing.beats, 'moment').find((s) => s >= chosen)!
    expect(captionAt(log, racing.beats, racing.description, stop).text).toBe(
      'P1 accepts value 10 in ballot 2.3. So do P2, P4 and P5. Value 10 is chosen: a quorum (P1, P2, P3) accepted ballot 2.3.',
    )
  })

  it('folds a broadcast into one sentence', () => {
    expect(captionAt(log, racing.beats, racing.description, 6).text).toBe(
      'P1 now promises to ignore ballots below 1.1. So do P2, P3, P4 and P5.',
    )
    expect(captionAt(log, racing.beats, racing.description, 35).text).toBe(
      "P1 receives P4's and P5's reject 1.1 (promised 2.3); it does not count: P1 has already given up ballot 1.1.",
    )
  })
})

describe('preset beats', () => {
  it('every preset has beats, each within its run, questions tagged Think', () => {
    for (const p of allPresets()) {
      const beats = p.scenario.beats ?? []
      expect(beats.length, p.id).toBeGreaterThan(0)
      const last = runToEnd(toRunInput(p.scenario)).log.at(-1)!.step
      for (const b of beats) expect(b.step, `${p.id} beat at ${b.step}`).toBeLessThanOrEqual(last)
    }
    expect(beatTag('Which value must P3 propose?')).toBe('Think')
    expect(beatTag('10 is chosen, though nobody knows it yet.')).toBe('Note')
  })
})

describe('the clicker on Multi-Paxos (a module that marks its own phases)', () => {
  const crash = anyPresetById('mp-leader-crash')!.scenario
  const found = protocolPreset('mp-leader-crash')!
  const mpLog = runProtocolPreset(found.module, found.preset).log as SimEvent[]
  tagLogProtocol(mpLog[0]!, found.module)
  const stops = clickerStops(mpLog, crash.beats, 'moment')

  it('by moments, stops at each campaign, proposal, chosen slot and fault: a lecture in a few dozen clicks', () => {
    expect(stops.length).toBeLessThan(30)
    for (const b of crash.beats ?? []) expect(stops).toContain(b.step)
    const kinds = (s: number) => mpLog.filter((e) => e.step === s).map((e) => e.kind as string)
    // Every stop but the end shows the event that makes it a moment.
    const telling = [
      'leader.campaign',
      'leader.elected',
      'leader.preempted',
      'slot.propose',
      'slot.chosen',
      'proc.crash',
    ]
    const beats = new Set((crash.beats ?? []).map((b) => b.step))
    for (const s of stops.slice(1, -1))
      if (!beats.has(s))
        expect(
          kinds(s).some((k) => telling.includes(k)),
          `step ${s}`,
        ).toBe(true)
  })

  it("captions in the module's terms, as sentences", () => {
    const chosen = stops.find((s) => mpLog.some((e) => e.step === s && (e.kind as string) === 'slot.chosen'))!
    const text = captionAt(mpLog, crash.beats, crash.description, chosen).text
    expect(text).toMatch(/is chosen in slot \d+: a majority/)
    expect(text).toMatch(/\.$/)
  })

  it('tells first what the stop itself draws: a proposal, not an earlier answer', () => {
    for (const s of stops) {
      const own = mpLog.find((e) => e.step === s && (e.kind as string) === 'slot.propose')
      if (own && !(crash.beats ?? []).some((b) => b.step === s))
        expect(captionAt(mpLog, crash.beats, crash.description, s).text.startsWith(own.text)).toBe(true)
    }
  })

  it("ends on the story's last events, not on the step limit the heartbeats always reach", () => {
    expect(captionAt(mpLog, crash.beats, crash.description, stops.at(-1)!).text).toBe(
      'P5 executes slot 6: C2.2:put(b2) → ok. So do P4 and P3.',
    )
  })
})

describe("the presenter's last click on a Multi-Paxos example", () => {
  /** The caption of the last stop after the last beat, and the run's last event. */
  const lastClick = (id: string) => {
    const mpLog = mpPresetLog(id)
    const scenario = anyPresetById(id)!.scenario
    const end = clickerStops(mpLog, scenario.beats, 'moment').at(-1)!
    return { text: captionAt(mpLog, scenario.beats, scenario.description, end).text, last: mpLog.at(-1)! }
  }

  it('tells the story, not "The run stopped at its limit" (9 of 12 examples did, one click after their closing note)', () => {
    const endings: Record<string, string> = {
      'mp-steady': 'P4 executes slot 7: C1.3:get → c2. So do P2, P5 and P3.',
      'mp-batching': 'P5 executes slot 7: C1.3:get → c2. So do P3, P4 and P2.',
      'mp-backoff':
        'C1 gets the answer to command 1: ok. Meanwhile, P2 executes slot 1: C1.1:put(a1) → ok. So do P1, P3, P4 and P5.',
      'mp-bug-commit-short': 'P3 executes slot 1: C2.1:put(b1) → ok. So do P5 and P2.',
      'mp-bug-local-read':
        'P5, P4, P3 and P2 have executed C1.2:put(a2): the register reads a2 everywhere but on the cut-off P1, yet C2 was told a1. A correct leader answers a read only through a log slot, or while it holds a lease: both need a majority, which P1 cannot reach.',
      'mp-bug-skip-phase1':
        'P4, P3 and P2 follow the new leader and execute C2.1:put(b1) in slot 1, where P1 executed C1.1:put(a1). Both clients were told ok, and the replicas’ logs disagree. Any majority P5 could reach includes P2 or P3: with phase 1, their promise would have reported C1.1:put(a1) in slot 1.',
      'mp-bug-ignore-promises':
        'P4 follows the new leader with no-ops in slots 1 and 2. P2 and P3 had executed C1.1:put(a1) in slot 1 and now execute a no-op in slot 2, where P1 executed C1.2:put(a2). C1 was told ok for both writes, yet the new leader’s log holds neither: honouring the promises would have re-proposed them.',
      'mp-bug-no-dedup':
        'C1 gets the answer to command 2: ok. Meanwhile, P1 executes slot 3: C1.2:put(a2) → ok. So do P2, P5, P3 and P4.',
    }
    for (const [id, said] of Object.entries(endings)) {
      const { text, last } = lastClick(id)
      // Every one of these runs stops at its step limit: the heartbeats never let it go quiet.
      expect(last.kind, id).toBe('limit.reached')
      expect(text, id).toBe(said)
    }
    for (const id of ['mp-leader-crash']) expect(lastClick(id).text, id).not.toMatch(/limit of/)
  })

  it('says the limit when nothing else happened: the duel that never ends', () => {
    expect(lastClick('mp-dueling-leaders').text).toBe('The run stopped at its limit of 400 steps.')
  })
})

describe('a Multi-Paxos caption told out of order', () => {
  const log = mpPresetLog('mp-dueling-leaders')
  const duel = anyPresetById('mp-dueling-leaders')?.scenario
  if (!duel) throw new Error('mp-dueling-leaders is missing')
  it('says that the earlier event came first (a newcomer read "P2 is leader … P2 tells C1 it is not the leader")', () => {
    const stop = log.find((e) => e.text.startsWith('P2 is leader with ballot 7.2'))?.step ?? -1
    const text = captionAt(log, duel.beats, duel.description, stop).text
    expect(text).toMatch(/^P2 is leader with ballot 7\.2 .*\. Just before: P2 tells C1 it is not the leader/)
  })
  it('says "Just before" only when all a folded sentence tells came first, else "Meanwhile" (tester6: P2 executed after the choice)', () => {
    const crash = mpPresetLog('mp-leader-crash')
    const scenario = anyPresetById('mp-leader-crash')!.scenario
    for (const step of [38, 62]) {
      const text = captionAt(crash, scenario.beats, scenario.description, step).text
      // One of the two executes came before the choice, the other after it: around then.
      expect(text, String(step)).toMatch(/is chosen in slot \d: .*\. Meanwhile, P\d executes slot \d/)
      expect(text, String(step)).not.toMatch(/Just before/)
    }
  })
})
