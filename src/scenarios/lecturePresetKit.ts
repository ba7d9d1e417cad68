import { ENGINE_VERSION, defaultConfig, type Intervention, type SimConfig } from '../engine/index.ts'
import { PREDICTIONS } from './predictions.ts'
import type { Preset } from './presets.ts'
import type { Beat } from './scenario.ts'

/**
 * How single-decree Paxos's lecture examples are written down: the lecture's fixed timing, an
 * intervention at a step, and a preset with its beats and the questions of predictions.ts.
 */

/** Fixed latency makes the lecture's timing exact and the arrows parallel. */
export const lecture = (over: Partial<SimConfig> = {}): SimConfig => ({
  ...defaultConfig(),
  latencyTicksMin: 10,
  latencyTicksMax: 10,
  retry: { policy: 'fixed', delayTicks: 60, backoffBaseTicks: 40, backoffMaxTicks: 320 },
  ...over,
})

export const at = (step: number, action: Intervention) => ({ step, action })

export function preset(
  id: string,
  title: string,
  summary: string,
  config: SimConfig,
  interventions: { step: number; action: Intervention }[],
  beats: Beat[] = [],
  seed = 1,
): Preset {
  const asks = PREDICTIONS[id] ?? {}
  const withAsks = beats.map((b) => (asks[b.text] ? { ...b, ask: asks[b.text] } : b))
  return {
    id,
    title,
    summary,
    scenario: {
      engine: ENGINE_VERSION,
      seed,
      config,
      interventions,
      title,
      description: summary,
      beats: withAsks,
    },
  }
}
