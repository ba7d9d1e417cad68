import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { logHash, paxosCard, runToEnd } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { createInThreadClient } from '../worker/client.ts'
import * as act from './actions.ts'
import { lastStep } from './navigation.ts'
import { PANEL_SCRUB_MS, pause, play, setScrubbing } from './playback.ts'
import { momentCached } from './moment.ts'
import { eventsBefore, eventsThrough } from './runIndex.ts'
import { initialState } from './state.ts'
import { connectEngine, synodStore } from './store.ts'

/** Resolves once the worker has finished the current run. */
function settled(): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const s = synodStore.getState()
      return !s.computing && s.log.length > 0
    }
    if (check()) return resolve()
    const off = synodStore.subscribe(() => {
      if (check()) {
        off()
        resolve()
      }
    })
  })
}

/** The panels at the cursor: the cards and the wire of the engine's state, the step's events. */
const at = () => {
  const s = synodStore.getState()
  const m = momentCached(s.scenario, s.cursor)
  return {
    procs: m.procs.map((p) => paxosCard(p.local, p.up)),
    inFlight: m.inFlight,
    current: s.log.slice(eventsBefore(s.log, s.cursor), eventsThrough(s.log, s.cursor)),
  }
}

beforeEach(() => {
  synodStore.setState(initialState(), true)
  connectEngine(createInThreadClient({ batchEvents: 64 }))
})
afterEach(() => pause())

describe('store with the in-thread engine', () => {
  it('loads a preset: the whole run arrives, the cursor stays at 0', async () => {
    act.loadPreset('basic')
    await settled()
    const s = synodStore.getState()
    expect(s.cursor).toBe(0)
    expect(s.halted).toBe('quiescent')
    expect(logHash(s.log)).toBe(logHash(runToEnd(toRunInput(presetById('basic')!.scenario)).log))
    expect(at().procs[0]?.phase).toBe('preparing')
  })

  it('steps, steps back, and runs until decided', async () => {
    act.loadPreset('basic')
    await settled()
    act.stepForward()
    expect(synodStore.getState().cursor).toBe(1)
    expect(synodStore.getState().announcement).toContain('P1 receives its own prepare 1.1')
    act.stepBack()
    expect(synodStore.getState().cursor).toBe(0)
    act.runUntilDecided()
    expect(at().procs.every((p) => p.decided?.value === '10')).toBe(true)
    act.phaseBack()
    expect(synodStore.getState().cursor).toBe(18)
  })

  it('forks when acting in the past: the old future is kept as a branch, its later actions kept while they mean the same', async () => {
    act.loadPreset('racing-adopt')
    await settled()
    const oldScenario = synodStore.getState().scenario
    act.setCursor(5)
    act.intervene({ type: 'crash', pid: 2 })
    await settled()
    const s = synodStore.getState()
    // P2's crash changes no message P1 sends before step 8: the example's later actions stay (laterActions.test.ts).
    expect(s.scenario.interventions).toEqual([
      oldScenario.interventions[0],
      { step: 5, action: { type: 'crash', pid: 2 } },
      ...oldScenario.interventions.slice(1),
    ])
    expect(s.branch?.scenario).toBe(oldScenario)
    expect(logHash(s.log)).toBe(logHash(runToEnd(toRunInput(s.scenario)).log))
    expect(at().procs[1]?.up).toBe(false)
    act.returnToBranch()
    await settled()
    expect(synodStore.getState().scenario).toBe(oldScenario)
    expect(logHash(synodStore.getState().log)).toBe(logHash(runToEnd(toRunInput(oldScenario)).log))
  })

  it('ignores a superseded run: only the newest load lands', async () => {
    act.loadPreset('dueling')
    act.loadPreset('basic')
    await settled()
    const s = synodStore.getState()
    expect(s.presetId).toBe('basic')
    expect(logHash(s.log)).toBe(logHash(runToEnd(toRunInput(presetById('basic')!.scenario)).log))
  })

  it('applies a new config and keeps the interventions that still fit', async () => {
    act.loadPreset('racing-adopt')
    await settled()
    const s0 = synodStore.getState()
    act.applyConfig({ ...s0.scenario.config, processCount: 3 }, 7)
    await settled()
    const s = synodStore.getState()
    expect(s.processCount).toBe(3)
    expect(s.scenario.interventions.every((iv) => !('pid' in iv.action) || iv.action.pid <= 3)).toBe(true)
    expect(at().procs).toHaveLength(3)
  })

  it('plays with a timer and stops at the end of the run', async () => {
    act.loadPreset('basic')
    await settled()
    synodStore.setState({ speed: 1000 })
    act.setCursor(20)
    play()
    // Wait for the timer to reach the end however slowly the machine runs it (no wall-clock bound).
    await vi.waitFor(() => expect(synodStore.getState().playing).toBe(false), {
      timeout: 10_000,
      interval: 10,
    })
    const s = synodStore.getState()
    expect(s.cursor).toBe(lastStep(s.log))
    expect(s.playing).toBe(false)
  })
})

describe('acting by hand', () => {
  beforeEach(() => {
    synodStore.setState(initialState(), true)
    connectEngine(createInThreadClient({ batchEvents: 64 }))
  })

  it('delivering a message now shows its effect: the cursor follows the action', async () => {
    act.loadPreset('basic')
    await settled()
    act.setCursor(2)
    const msg = at().inFlight.find((m) => m.from !== m.to)!
    act.intervene({ type: 'deliver', msgId: msg.id })
    await settled()
    const s = synodStore.getState()
    const delivered = s.log.find((e) => e.kind === 'msg.deliver' && e.byUser)
    expect(delivered).toBeDefined()
    expect(s.cursor).toBe(delivered!.step)
    expect(at().inFlight.some((m) => m.id === msg.id)).toBe(false)
  })

  it('dropping a message keeps the cursor and shows the drop', async () => {
    act.loadPreset('basic')
    await settled()
    act.setCursor(3)
    act.intervene({ type: 'drop', msgId: 4 })
    await settled()
    expect(synodStore.getState().cursor).toBe(3)
    expect(at().current.some((e) => e.kind === 'msg.drop' && e.msg.id === 4)).toBe(true)
  })

  it('refuses a proposed value with a direction control: no fork, a notice in the schema words', async () => {
    act.loadPreset('basic')
    await settled()
    const before = synodStore.getState().scenario
    act.intervene({ type: 'propose', pid: 2, value: '\u202E01' })
    const s = synodStore.getState()
    expect(s.scenario).toBe(before)
    expect(s.notice).toBe(
      'Not proposed: a value must not contain direction-control characters (U+202E at position 1). The run is unchanged.',
    )
  })

  it('refuses a proposed value with an invisible character: no fork, a notice in the schema words', async () => {
    act.loadPreset('basic')
    await settled()
    const before = synodStore.getState().scenario
    act.intervene({ type: 'propose', pid: 2, value: '1\u200B0' })
    const s = synodStore.getState()
    expect(s.scenario).toBe(before)
    expect(s.notice).toBe(
      'Not proposed: a value must not contain invisible or control characters (U+200B at position 2). The run is unchanged.',
    )
    // A Multi-Paxos request its module would read as "put x5" (a BOM is a space to \s): the same rule.
    act.loadPreset('mp-steady')
    await settled()
    const request = synodStore.getState().scenario
    act.intervene({ type: 'propose', pid: 6, value: 'put\uFEFFx5' })
    expect(synodStore.getState().scenario).toBe(request)
    expect(synodStore.getState().notice).toBe(
      'Not proposed: a value must not contain invisible or control characters (U+FEFF at position 4). The run is unchanged.',
    )
  })

  it('refuses an action on a message that is not in flight at the cursor: no fork, no change, a notice', async () => {
    act.loadPreset('racing-adopt')
    await settled()
    const before = synodStore.getState()
    // #9 is sent at a later step: at step 0 it is not in flight (the card offers no Drop there).
    act.setCursor(0)
    act.intervene({ type: 'drop', msgId: 9 })
    const s = synodStore.getState()
    expect(s.scenario).toBe(before.scenario)
    expect(s.branch).toBe(null)
    expect(s.presetId).toBe('racing-adopt')
    expect(s.notice).toBe(
      'Message #9 is not sent yet, not in flight at step 0: there is nothing to drop. The run is unchanged.',
    )
    // Delivered already: the same.
    const delivered = s.log.find((e) => e.kind === 'msg.deliver' && e.msg.id === 9)!
    act.setCursor(delivered.step + 1)
    act.intervene({ type: 'deliver', msgId: 9 })
    expect(synodStore.getState().scenario).toBe(before.scenario)
    expect(synodStore.getState().notice).toMatch(/^Message #9 is delivered at step \d+, not in flight/)
  })
})

describe('scrubbing', () => {
  it('moves the cursor every time but the panels only every PANEL_SCRUB_MS, and catches up at the end', async () => {
    vi.useFakeTimers()
    try {
      act.loadPreset('racing-adopt')
      await vi.waitFor(() => expect(synodStore.getState().computing).toBe(false))
      setScrubbing(true)
      for (const step of [3, 9, 17]) act.setCursor(step)
      expect(synodStore.getState()).toMatchObject({ cursor: 17, panelCursor: 0, scrubbing: true })
      vi.advanceTimersByTime(PANEL_SCRUB_MS)
      expect(synodStore.getState()).toMatchObject({ panelCursor: 17, scrubMoving: true })
      // Held still for a tick: no longer moving (the arrow labels come back).
      vi.advanceTimersByTime(PANEL_SCRUB_MS)
      expect(synodStore.getState()).toMatchObject({ panelCursor: 17, scrubMoving: false })
      act.setCursor(25)
      setScrubbing(false)
      vi.advanceTimersByTime(10 * PANEL_SCRUB_MS)
      // After the drag the panels read the live cursor again; no timer is left running.
      expect(synodStore.getState()).toMatchObject({
        cursor: 25,
        panelCursor: 17,
        scrubbing: false,
        scrubMoving: false,
      })
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
