import { beforeEach, describe, expect, it } from 'vitest'
import { logHash, runToEnd, simulatorFor, type SimEvent } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { createInThreadClient } from '../worker/client.ts'
import * as act from './actions.ts'
import {
  actInThePast,
  actInThePastInSlices,
  LATER_ACTIONS_SLICE_STEPS,
  laterActionsNotice,
} from './laterActions.ts'
import { initialState } from './state.ts'
import { connectEngine, synodStore } from './store.ts'

/**
 * Acting early in an example keeps the example's later actions that still mean the same (tester4
 * defect 2: dropping one promise of "Racing" at step 6 silently removed P3's proposal at step 8
 * and the run became the basic one), removes those that may now name other messages, and says so.
 */

function settled(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): boolean => !synodStore.getState().computing && synodStore.getState().log.length > 0
    if (done()) return resolve()
    const off = synodStore.subscribe(() => {
      if (done()) {
        off()
        resolve()
      }
    })
  })
}

const racing = () => toRunInput(presetById('racing-adopt')!.scenario)
const fullLog = (input: ReturnType<typeof racing>): SimEvent[] => runToEnd(input).log as SimEvent[]
const actions = (ivs: readonly { step: number; action: { type: string } }[]) =>
  ivs.map((iv) => `${iv.step}:${iv.action.type}`)

/** A message between two processes still in flight at `step` of `log` (sent, neither delivered nor dropped). */
function inFlightAt(log: readonly SimEvent[], step: number): number {
  const settled = new Set<number>()
  const sent: number[] = []
  for (const e of log) {
    if (e.step > step) break
    if (e.kind === 'msg.send' && e.msg.from !== e.msg.to) sent.push(e.msg.id)
    else if (e.kind === 'msg.deliver' || e.kind === 'msg.drop') settled.add(e.msg.id)
  }
  return sent.filter((id) => !settled.has(id)).at(-1)!
}

/**
 * Dueling proposers run for `steps` steps, with a delay by hand at step `late` of a message in
 * flight there: a long run whose later action must be checked far past the step acted at.
 */
function longDueling(steps: number, late: number) {
  const scenario = presetById('dueling')!.scenario
  const long = { ...scenario, config: { ...scenario.config, maxSteps: steps } }
  const sim = simulatorFor(toRunInput(long))
  sim.seek(late)
  const msgId = inFlightAt(sim.log as SimEvent[], late)
  const delay = { step: late, action: { type: 'delay' as const, msgId, ticks: 5 } }
  return { ...long, interventions: [...long.interventions, delay] }
}

describe('actInThePast', () => {
  it('keeps a later request and the delays whose numbers still name the same messages', () => {
    const input = racing()
    const before = fullLog(input)
    // #14–#16 are sent after step 6: check that they are the same messages after the drop.
    const r = actInThePast(input, before, 6, { type: 'drop', msgId: 7 })
    expect(actions(r.kept)).toContain('8:propose')
    expect(r.removed.every((iv) => 'msgId' in iv.action)).toBe(true)
    const after = runToEnd({ ...input, interventions: r.interventions }).log as SimEvent[]
    const sendOf = (log: SimEvent[], id: number) =>
      log.find((e) => e.kind === 'msg.send' && e.msg.id === id) as Extract<SimEvent, { kind: 'msg.send' }>
    for (const iv of r.kept)
      if ('msgId' in iv.action) {
        const [a, b] = [sendOf(before, iv.action.msgId).msg, sendOf(after, iv.action.msgId).msg]
        expect([b.from, b.to, b.payload]).toEqual([a.from, a.to, a.payload])
      }
    // P3 still starts its ballot with its own value.
    expect(
      after.some((e) => e.kind === 'msg.send' && e.msg.from === 3 && e.msg.payload.type === 'prepare'),
    ).toBe(true)
  })

  it('removes a later message action whose number now names another message, and every one after it', () => {
    const input = racing()
    const before = fullLog(input)
    // Crashing P1 at step 0 sends nothing of P1's: #14 is no longer P1's accept.
    const r = actInThePast(input, before, 0, { type: 'crash', pid: 1 })
    expect(actions(r.removed)).toEqual(['8:delay', '8:delay', '8:delay'])
    expect(actions(r.kept)).toEqual(['8:propose'])
  })

  it('checks a long run in slices of at most LATER_ACTIONS_SLICE_STEPS steps, with the same answer', () => {
    const input = toRunInput(longDueling(40_000, 30_000))
    const before = runToEnd(input).log as SimEvent[]
    const job = actInThePastInSlices(input, before, 3, { type: 'fire-timer', pid: 1 })
    let turns = 0
    let next = job.next()
    for (; next.done !== true; next = job.next()) turns++
    expect(turns).toBe(Math.floor(30_000 / LATER_ACTIONS_SLICE_STEPS))
    expect(next.value).toEqual(actInThePast(input, before, 3, { type: 'fire-timer', pid: 1 }))
    // Nothing changes before the delay: it still names its message, and it is kept.
    const quiet = actInThePast(input, before, 29_990, { type: 'fire-timer', pid: 1 })
    expect(actions(quiet.kept)).toEqual(['30000:delay'])
  })

  it('keeps everything as it was when no later action names a message, without running anything', () => {
    const input = {
      ...racing(),
      interventions: racing().interventions.filter((iv) => !('msgId' in iv.action)),
    }
    const r = actInThePast(input, [], 3, { type: 'crash', pid: 5 })
    expect(actions(r.interventions)).toEqual(['0:propose', '3:crash', '8:propose'])
  })
})

describe('acting early in an example (the store)', () => {
  beforeEach(() => {
    synodStore.setState(initialState(), true)
    connectEngine(createInThreadClient({ batchEvents: 64 }))
  })

  it('racing-adopt, drop #7 at step 6: P3 still proposes, the notice names what was kept and removed, and the run is its link', async () => {
    act.loadPreset('racing-adopt')
    await settled()
    const steps = synodStore.getState().log.at(-1)!.step
    act.setCursor(6)
    act.intervene({ type: 'drop', msgId: 7 })
    await settled()
    const s = synodStore.getState()
    expect(actions(s.scenario.interventions)).toContain('8:propose')
    expect(s.notice).toMatch(
      /^Your drop at step 6 kept the example's later actions at their steps \(at step 8: .*asked P3 to propose 20/,
    )
    expect(s.notice).toContain('↩ Previous branch')
    expect(s.branch?.scenario.interventions).toHaveLength(5)
    // A second ballot still happens, so the run is far longer than the basic one (27 steps).
    expect(
      s.log.some((e) => e.kind === 'msg.send' && e.msg.from === 3 && e.msg.payload.type === 'prepare'),
    ).toBe(true)
    expect(s.log.at(-1)!.step).toBeGreaterThan(27)
    expect(steps).toBe(48)
    // Exact replay: the recorded inputs give this very log.
    expect(logHash(s.log)).toBe(logHash(runToEnd(toRunInput(s.scenario)).log))
    // And the panels' engine agrees with it at the end.
    const sim = simulatorFor(toRunInput(s.scenario))
    sim.run()
    expect(sim.log.length).toBe(s.log.length)
  })

  it('in a long run the check goes on in slices: the action is recorded when it ends, and a newer action wins', async () => {
    act.loadScenario(longDueling(40_000, 30_000))
    await settled()
    const original = synodStore.getState().scenario
    act.setCursor(3)
    act.intervene({ type: 'crash', pid: 5 })
    // Not yet recorded: the page has its turns while the check runs.
    expect(synodStore.getState().scenario).toBe(original)
    expect(synodStore.getState().computing).toBe(true)
    act.intervene({ type: 'crash', pid: 4 })
    await settled()
    const s = synodStore.getState()
    expect(s.scenario.interventions.filter((iv) => iv.action.type === 'crash')).toEqual([
      { step: 3, action: { type: 'crash', pid: 4 } },
    ])
    expect(s.notice).toContain('Your crash at step 3')
  })

  it("a later request the changed run refuses is removed with the engine's reason, and whose each action is is said", async () => {
    act.loadPreset('racing-adopt')
    await settled()
    // The user's own later action, at step 25, beside the example's at step 8.
    act.setCursor(25)
    act.intervene({ type: 'delay', msgId: inFlightAt(synodStore.getState().log, 25), ticks: 3 })
    await settled()
    act.setCursor(5)
    act.intervene({ type: 'crash', pid: 3 })
    await settled()
    const s = synodStore.getState()
    // P3 is down at step 8: its proposal is refused, so it is not recorded as kept.
    expect(s.scenario.interventions.some((iv) => iv.action.type === 'propose' && iv.step === 8)).toBe(false)
    expect(s.notice).toContain(
      "removed the example's later actions the changed run refuses (at step 8: asked P3 to propose 20 (refused: P3 is down))",
    )
    expect(s.notice).toContain("The example's story may not happen as it did.")
    expect(s.notice?.split('), and removed')[0]).not.toContain('asked P3')
    // The user's own delay comes after a message action that no longer holds: removed, and said to be theirs.
    expect(s.notice).toMatch(
      /removed later actions on messages \(the example's at step 8: delayed #16 by 20 ticks; yours at step 25: delayed #\d+ by 3 ticks\)/,
    )
  })

  it("names the user's own later actions as theirs, beside the example's", async () => {
    act.loadPreset('racing-adopt')
    await settled()
    act.setCursor(30)
    act.intervene({ type: 'crash', pid: 4 })
    await settled()
    act.setCursor(4)
    act.intervene({ type: 'fire-timer', pid: 5 })
    await settled()
    const notice = synodStore.getState().notice ?? ''
    expect(notice).toMatch(
      /^Your timer firing at step 4 kept later actions at their steps \(the example's at step 8: .*; yours at step 30: crashed P4\)/,
    )
  })

  it('names both sides of a partition', () => {
    const input = {
      ...racing(),
      interventions: [{ step: 9, action: { type: 'partition' as const, groups: [[1, 2]] } }],
    }
    const r = actInThePast(input, fullLog(input), 2, { type: 'fire-timer', pid: 5 })
    expect(laterActionsNotice(input, 2, { type: 'fire-timer', pid: 5 }, r, () => 'run')).toContain(
      "kept the run's later actions at their steps (at step 9: partitioned the network into {P1, P2} | {P3, P4, P5})",
    )
  })

  it('acting at the end of a run over no later actions says nothing new', async () => {
    act.loadPreset('basic')
    await settled()
    act.setCursor(3)
    act.intervene({ type: 'drop', msgId: 4 })
    await settled()
    expect(synodStore.getState().notice).toBe(null)
  })
})
