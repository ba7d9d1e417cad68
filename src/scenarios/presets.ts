import { ENGINE_VERSION, defaultConfig, type Intervention, type SimConfig } from '../engine/index.ts'
import type { Beat, Scenario } from './scenario.ts'

/** A lecture example: a scenario with a stable id, a title and an explanation. Data only. */
export interface Preset {
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly scenario: Scenario
}

/** Fixed latency makes the lecture's timing exact and the arrows parallel. */
const lecture = (over: Partial<SimConfig> = {}): SimConfig => ({
  ...defaultConfig(),
  latencyTicksMin: 10,
  latencyTicksMax: 10,
  retry: { policy: 'fixed', delayTicks: 60, backoffBaseTicks: 40, backoffMaxTicks: 320 },
  ...over,
})

const at = (step: number, action: Intervention) => ({ step, action })

function preset(
  id: string,
  title: string,
  summary: string,
  config: SimConfig,
  interventions: { step: number; action: Intervention }[],
  beats: Beat[] = [],
  seed = 1,
): Preset {
  return {
    id,
    title,
    summary,
    scenario: { engine: ENGINE_VERSION, seed, config, interventions, title, description: summary, beats },
  }
}

const PRESETS: readonly Preset[] = [
  preset(
    'basic',
    'Basic run',
    'One proposer, no failures. P1 sends prepare 1.1, collects promises from a majority (3 of 5, counting itself), asks the acceptors to accept its value 10, and once a majority has accepted, 10 is chosen and every learner decides it.',
    lecture(),
    [at(0, { type: 'propose', pid: 1, value: '10' })],
    [
      { step: 8, text: 'P1 has three promises, a majority. Which value may it propose?' },
      { step: 14, text: 'A majority has accepted ballot 1.1: 10 is chosen, though nobody knows it yet.' },
    ],
  ),
  preset(
    'failed-prepare',
    'Failed prepare',
    'P5 starts ballot 1.5 just before P1 starts 1.1. P5’s prepare reaches P2, P3 and P4 first, so when P1’s prepare 1.1 arrives they have already promised the higher ballot 1.5 and answer REJECT. With a majority of rejects P1’s prepare has failed; it must retry with a higher ballot later, and by then P5’s value B is decided.',
    lecture(),
    [
      at(0, { type: 'propose', pid: 5, value: 'B' }),
      at(0, { type: 'propose', pid: 1, value: 'A' }),
      at(0, { type: 'delay', msgId: 1, ticks: 15 }),
    ],
    [{ step: 12, text: 'Every acceptor P1 asked had already promised 1.5. What must P1 do now?' }],
  ),
  preset(
    'racing-adopt',
    'Racing: P3 completes P1’s value',
    'P1 runs ballot 1.1 and gets its value 10 accepted by P2 (and itself), not yet a majority: its accept requests to P4 and P5 are slow. P3 starts the higher ballot 2.3; P4 and P5 promise it, so P3 wins phase 1, and P1’s late accepts are rejected. P2 also promises 2.3 but reports the value 10 it accepted in ballot 1.1, so P3 must propose 10, not its own 20: it completes the duty of the previous proposer, and 10 is decided.',
    lecture(),
    [
      at(0, { type: 'propose', pid: 1, value: '10' }),
      at(8, { type: 'delay', msgId: 14, ticks: 15 }),
      at(8, { type: 'delay', msgId: 15, ticks: 15 }),
      at(8, { type: 'propose', pid: 3, value: '20' }),
    ],
    [
      {
        step: 8,
        text: 'P1 is sending accept 1.1 = 10, but its messages to P4 and P5 are slow. P3 now starts ballot 2.3.',
      },
      {
        step: 30,
        text: 'P3 has a majority of promises, and one reports (1.1, 10). Which value must P3 propose?',
      },
    ],
  ),
  preset(
    'dueling',
    'Dueling proposers (livelock)',
    'P1 and P3 propose at the same time and retry immediately whenever they see a higher ballot. Each new prepare wins phase 1 just before the other proposer’s accepts arrive, so every accept is rejected and the ballots climb forever. Safety holds — no two values are ever chosen — but nothing is ever decided: liveness fails.',
    lecture({
      retry: { policy: 'fixed', delayTicks: 1, backoffBaseTicks: 40, backoffMaxTicks: 320 },
      maxSteps: 600,
    }),
    [at(0, { type: 'propose', pid: 1, value: 'A' }), at(0, { type: 'propose', pid: 3, value: 'B' })],
    [{ step: 40, text: 'Each proposer keeps pre-empting the other. Will this ever end?' }],
  ),
  preset(
    'dueling-backoff',
    'Dueling broken by random backoff',
    'The same start as the dueling proposers, but each proposer waits a random, growing delay before retrying. Soon one proposer’s ballot gets through phases 1 and 2 undisturbed and its value is decided.',
    lecture({ retry: { policy: 'backoff', delayTicks: 1, backoffBaseTicks: 30, backoffMaxTicks: 240 } }),
    [at(0, { type: 'propose', pid: 1, value: 'A' }), at(0, { type: 'propose', pid: 3, value: 'B' })],
  ),
]

export function presetIds(): string[] {
  return PRESETS.map((p) => p.id)
}

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id)
}

export function allPresets(): readonly Preset[] {
  return PRESETS
}
