import { describe, expect, it } from 'vitest'
import {
  paxosCard,
  paxosChangedFields,
  quorumSize,
  runToEnd,
  type RunInput,
  type SimEvent,
} from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { engineMomentAt } from '../worker/stateAt.ts'
import { messageStatus } from './messageStatus.ts'
import * as nav from './navigation.ts'
import {
  chosenThrough,
  eventsBefore,
  eventsThrough,
  partitionThrough,
  runIndex,
  violationsThrough,
} from './runIndex.ts'

const inputOf = (id: string): RunInput => toRunInput(presetById(id)!.scenario)
const logOf = (id: string): readonly SimEvent[] => runToEnd(inputOf(id)).log
const basicInput = inputOf('basic')
const basic = runToEnd(basicInput).log

/** What the panels show at a step: the engine's real state (cards, wire) and the log's facts. */
function atStep(log: readonly SimEvent[], step: number, input = basicInput) {
  const at = engineMomentAt(input, () => input, step)
  const current = log.slice(eventsBefore(log, step), eventsThrough(log, step))
  return {
    quorum: quorumSize(input.config),
    procs: at.procs.map((p) => ({
      ...paxosCard(p.local, p.up),
      changed: paxosChangedFields(current, p.pid),
    })),
    inFlight: at.inFlight,
    chosen: chosenThrough(log, step),
    violations: violationsThrough(log, step),
    partition: partitionThrough(log, step),
    current,
  }
}

describe('the panels at the cursor', () => {
  it('shows phase 1 progress toward the quorum', () => {
    const p1 = atStep(basic, 7).procs[0]!
    expect(p1.phase).toBe('preparing')
    expect(p1.ballot).toEqual({ round: 1, pid: 1 })
    expect(p1.promises).toEqual([1, 2])
    expect(atStep(basic, 7).quorum).toBe(3)
  })

  it('shows acceptor state, phase 2 progress and what changed in the step', () => {
    const view = atStep(basic, 13)
    const p2 = view.procs[1]!
    expect(p2.promised).toEqual({ round: 1, pid: 1 })
    expect(p2.accepted).toEqual({ ballot: { round: 1, pid: 1 }, value: '10' })
    expect(p2.changed).toEqual(['accepted'])
    expect(view.procs[0]!.phase).toBe('accepting')
    expect(view.procs[0]!.accepteds).toEqual([1])
    expect(view.procs[2]!.changed).toEqual([])
  })

  it('knows chosen before decided, and decided at the end', () => {
    expect(atStep(basic, 14).chosen.map((c) => c.value)).toEqual(['10'])
    expect(atStep(basic, 14).procs.some((p) => p.decided)).toBe(false)
    expect(atStep(basic, 24).procs.every((p) => p.decided?.value === '10')).toBe(true)
  })

  it('lists the messages in flight, next to arrive first', () => {
    const view = atStep(basic, 0)
    expect(view.inFlight.map((m) => m.id)).toEqual([1, 2, 3, 4, 5])
    expect(atStep(basic, basic.at(-1)!.step).inFlight).toEqual([])
    expect(messageStatus(basic, eventsThrough(basic, 0), 2).state).toBe('in-flight')
    expect(messageStatus(basic, eventsThrough(basic, 3), 2).state).toBe('delivered')
    expect(messageStatus(basic, eventsThrough(basic, 0), 30).state).toBe('unsent')
  })

  it('tracks crashes (acceptor state survives), partitions and violations', () => {
    const input: RunInput = {
      ...basicInput,
      interventions: [
        { step: 0, action: { type: 'propose', pid: 1, value: '10' } },
        { step: 14, action: { type: 'crash', pid: 2 } },
        { step: 14, action: { type: 'partition', groups: [[1, 2], [3]] } },
      ],
    }
    const log = runToEnd(input).log
    const view = atStep(log, 14, input)
    expect(view.procs[1]!.up).toBe(false)
    expect(view.procs[1]!.accepted?.value).toBe('10')
    expect(view.partition).toEqual([[1, 2], [3], [4, 5]])
    expect(view.violations).toEqual([])
    expect(view.current.some((e) => e.kind === 'proc.crash')).toBe(true)
  })
})

describe('navigation', () => {
  it('steps by event, phase and round', () => {
    expect(nav.stepForward(basic, 0)).toBe(1)
    expect(nav.stepBack(basic, 1)).toBe(0)
    expect(nav.stepBack(basic, 0)).toBe(0)
    expect(nav.phaseForward(basic, 0)).toBe(8)
    expect(nav.phaseForward(basic, 8)).toBe(18)
    expect(nav.phaseBack(basic, 18)).toBe(8)
    expect(nav.roundForward(basic, 0)).toBe(18)
    expect(nav.roundBack(basic, 18)).toBe(0)
    expect(nav.untilDecided(basic, 0)).toBe(24)
    // The decisions are in at step 24; the acknowledgements end the run four steps later.
    expect(nav.stepForward(basic, 28)).toBe(28)
  })

  it('rounds follow retried ballots in the dueling run', () => {
    const log = logOf('dueling')
    const idx = runIndex(log)
    expect(idx.ballotStarts.length).toBeGreaterThan(4)
    const r1 = nav.roundForward(log, 0)
    expect(idx.ballotEnds).toContain(r1)
    expect(nav.roundBack(log, r1)).toBe(0)
  })

  it('marks ballots, chosen values, decisions', () => {
    const kinds = new Set(runIndex(logOf('racing-adopt')).marks.map((m) => m.kind))
    expect([...kinds].sort()).toEqual(['ballot', 'chosen', 'decided'])
  })
})
