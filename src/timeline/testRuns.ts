/**
 * Runs for the timeline tests: the lecture presets, and small hand-made scenarios for crashes,
 * drops, duplicates, partitions and violations, so tests do not depend on preset details.
 */
import {
  defaultConfig,
  moduleFor,
  protocolPreset,
  runProtocolPreset,
  runToEnd,
  tagLogProtocol,
  type Intervention,
  type SimConfig,
  type SimEvent,
} from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'

/** Fixed latency of 10 ticks, as in the lecture presets. */
export function lectureConfig(over: Partial<SimConfig> = {}): SimConfig {
  return {
    ...defaultConfig(),
    latencyTicksMin: 10,
    latencyTicksMax: 10,
    retry: { policy: 'fixed', delayTicks: 60, backoffBaseTicks: 40, backoffMaxTicks: 320 },
    ...over,
  }
}

/** The whole log of a hand-made run. */
export function runLog(
  interventions: readonly [number, Intervention][],
  over: Partial<SimConfig> = {},
): SimEvent[] {
  const input = {
    seed: 1,
    config: lectureConfig(over),
    interventions: interventions.map(([step, action]) => ({ step, action })),
  }
  return runToEnd(input).log
}

/** The whole log of a preset. */
export function presetLog(id: string): SimEvent[] {
  const preset = presetById(id)
  if (!preset) throw new Error(`no preset ${id}`)
  return runToEnd(toRunInput(preset.scenario)).log
}

/** The run of a Multi-Paxos preset as the store holds it: the log, tagged with its module. */
export function mpPresetLog(id: string): SimEvent[] {
  const found = protocolPreset(id)
  if (!found) throw new Error(`no preset ${id}`)
  const log = runProtocolPreset(found.module, found.preset).log as SimEvent[]
  tagLogProtocol(log[0] as SimEvent, moduleFor('multipaxos'))
  return log
}

const propose = (pid: number, value: string): Intervention => ({ type: 'propose', pid, value })

/**
 * A racing run fixed for the tests (message ids and steps are asserted): P1 proposes 10, its
 * accepts to P4 and P5 are held back, and P3 starts ballot 2.3 at step 8 and adopts 10.
 */
export function racingLog(): SimEvent[] {
  return runLog([
    [0, propose(1, '10')],
    [8, { type: 'delay', msgId: 14, ticks: 15 }],
    [8, { type: 'delay', msgId: 15, ticks: 15 }],
    [8, propose(3, '20')],
  ])
}

/** P1 proposes 10; P3 crashes at step 2 (t0) and recovers at step 12 (t30). */
export const crashRun = (): SimEvent[] =>
  runLog([
    [0, propose(1, '10')],
    [2, { type: 'crash', pid: 3 }],
    [12, { type: 'recover', pid: 3 }],
  ])

/** The racing preset's inputs, plus: the user drops accept #14 (t20 → t45) at step 16 (t30). */
export const userDropRun = (): SimEvent[] =>
  runLog([
    [0, propose(1, '10')],
    [8, { type: 'delay', msgId: 14, ticks: 15 }],
    [8, { type: 'delay', msgId: 15, ticks: 15 }],
    [8, propose(3, '20')],
    [16, { type: 'drop', msgId: 14 }],
  ])

/** Every message between different processes is lost; no retries. */
export const totalLossRun = (): SimEvent[] =>
  runLog([[0, propose(1, '10')]], {
    lossPercent: 100,
    retry: { policy: 'none', delayTicks: 1, backoffBaseTicks: 1, backoffMaxTicks: 1 },
  })

/** P1's prepare to P2 (#2) is duplicated by the user at step 0 (the copy is #6). */
export const duplicateRun = (): SimEvent[] =>
  runLog([
    [0, propose(1, '10')],
    [0, { type: 'duplicate', msgId: 2 }],
  ])

/** {P1, P3} | {P2, P4, P5} from step 0 (t0) until the heal at step 6 (t10). */
export const partitionRun = (): SimEvent[] =>
  runLog([
    [
      0,
      {
        type: 'partition',
        groups: [
          [1, 3],
          [2, 4, 5],
        ],
      },
    ],
    [0, propose(1, '10')],
    [6, { type: 'heal' }],
  ])

/** Ballots without proposer ids: P1 and P4 both run ballot 1, A and B are both chosen. */
export const violationRun = (): SimEvent[] =>
  runLog(
    [
      [0, propose(1, 'A')],
      [0, propose(4, 'B')],
    ],
    { bugs: { ...defaultConfig().bugs, duplicateBallots: true } },
  )

/**
 * A dense run, as in the hostile-input report: 9 processes, every message duplicated, two
 * proposers retrying at once (about one message per step, hundreds per default-zoom window).
 */
export function denseRun(maxSteps: number): SimEvent[] {
  return runToEnd({
    seed: 1,
    config: {
      ...defaultConfig(9),
      duplicatePercent: 100,
      maxSteps,
      retry: { policy: 'fixed', delayTicks: 1, backoffBaseTicks: 40, backoffMaxTicks: 320 },
    },
    interventions: [
      { step: 0, action: propose(1, 'A') },
      { step: 0, action: propose(3, 'B') },
    ],
  }).log
}
