import { describe, expect, it } from 'vitest'
import { runAdversary } from '../engine/adversary.ts'
import {
  paxosCard,
  paxosChangedFields,
  runToEnd,
  type ProtocolRunInput,
  type SimConfig,
  type SimEvent,
} from '../engine/index.ts'
import { allPresets, presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { engineMomentAt } from '../worker/stateAt.ts'
import { projectByReplay } from './projection.ts'
import {
  chosenThrough,
  downThrough,
  eventsBefore,
  eventsThrough,
  partitionThrough,
  violationsThrough,
} from './runIndex.ts'

/**
 * The panels of a single-decree Paxos run, read from the engine's real state at the cursor (the
 * module's card, the kernel's timers and wire) and the run index's facts, against the store's old
 * replay of the log (`projectByReplay`), at every step of every preset and of random faulty runs.
 */

function panelsAt(key: object, input: ProtocolRunInput, log: readonly SimEvent[], step: number) {
  const at = engineMomentAt(key, () => input, step)
  const current = log.slice(eventsBefore(log, step), eventsThrough(log, step))
  return {
    procs: at.procs.map((p) => {
      const timer = at.timers.find((t) => t.pid === p.pid)
      return {
        pid: p.pid,
        ...paxosCard(p.local as never, p.up),
        timer: timer ? { fireAt: timer.fireAt, purpose: timer.key } : null,
        changed: paxosChangedFields(current, p.pid),
      }
    }),
    inFlight: at.inFlight,
    violations: violationsThrough(log, step),
    chosen: chosenThrough(log, step),
    partition: partitionThrough(log, step),
    down: downThrough(log, step),
  }
}

function oldPanelsAt(log: readonly SimEvent[], step: number) {
  const p = projectByReplay(log, eventsThrough(log, step))
  return {
    procs: p.procs,
    inFlight: p.inFlight,
    violations: p.violations,
    chosen: p.chosen,
    partition: p.partition,
    down: p.procs.filter((v) => !v.up).map((v) => v.pid),
  }
}

/** Every difference between the two at every step, as `step: what` lines. */
function differences(input: ProtocolRunInput): string[] {
  const log = runToEnd(input).log
  const key = {}
  const out: string[] = []
  const last = log.at(-1)?.step ?? 0
  for (let step = 0; step <= last; step++) {
    const next = panelsAt(key, input, log, step)
    const old = oldPanelsAt(log, step)
    for (const field of Object.keys(old) as (keyof typeof old)[]) {
      if (field === 'procs') continue
      if (JSON.stringify(next[field]) !== JSON.stringify(old[field])) out.push(`${step}: ${field}`)
    }
    old.procs.forEach((v, i) => {
      const n = next.procs[i] as Record<string, unknown>
      // The card shows the ballot's value, or the own value while the old replay had none.
      const shown = { ...v, value: v.value ?? v.ownValue }
      for (const [k, value] of Object.entries(shown)) {
        if (JSON.stringify(n[k]) === JSON.stringify(value)) continue
        // The old replay kept a timer the process had cancelled (cancels are not logged): the
        // engine knows it is gone, and its "Fire … timer now" button no longer offers it.
        if (k === 'timer' && n.timer === null && v.timer?.purpose === 'inform') continue
        out.push(`${step}: P${v.pid}.${k} ${JSON.stringify(value)} → ${JSON.stringify(n[k])}`)
      }
    })
  }
  return out
}

const paxosPresets = allPresets().filter((p) => (p.scenario.protocol ?? 'paxos') === 'paxos')

describe('Paxos panels from the engine state equal the old replay', () => {
  it.each(paxosPresets.map((p) => [p.id, p]))('at every step of the preset %s', (_, p) => {
    expect(differences(toRunInput(p.scenario))).toEqual([])
  })

  const dueling = toRunInput(presetById('dueling')!.scenario)
  it.each([1, 2, 3, 4, 5, 6])('at every step of a random faulty run (seed %i)', (seed) => {
    const over: Partial<SimConfig> = { lossPercent: 15, duplicatePercent: 10, maxSteps: 400 }
    const input = { ...dueling, seed, config: { ...dueling.config, ...over } }
    const choices = Array.from({ length: 150 }, (_, i) => (i * 7919 + seed * 131) % 0xffff)
    const sim = runAdversary(input, choices, { proposers: [1, 3], faults: true, reorder: true })
    expect(differences({ ...input, interventions: sim.recorded })).toEqual([])
  })
})
