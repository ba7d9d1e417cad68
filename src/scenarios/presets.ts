import {
  ENGINE_VERSION,
  PROTOCOLS,
  type AnyProtocol,
  type ProtocolPreset,
  type ProtocolTypes,
  type ScheduledIntervention,
  type SimConfig,
} from '../engine/index.ts'
import { LECTURE_PRESETS } from './lecturePresets.ts'
import type { Beat, Scenario } from './scenario.ts'

/**
 * Default settings for the explorer's "find a violation" on a preset: the search starts from
 * `interventions` (usually just the first proposal) and may add at most `budgets` of each kind of
 * intervention. Chosen so the shortest counterexample is found in seconds.
 */
export interface PresetExplore {
  readonly interventions: readonly ScheduledIntervention[]
  readonly budgets: Partial<
    Record<'reorders' | 'drops' | 'duplicates' | 'crashes' | 'recoveries' | 'proposals', number>
  >
  /** The step the search starts from (default 0). */
  readonly fromStep?: number
  /** The goal's id (default: the protocol's default goal). */
  readonly goal?: string
}

/** A lecture example: a scenario with a stable id, a title and an explanation. Data only. */
export interface Preset {
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly scenario: Scenario
  readonly explore?: PresetExplore
}

export function presetIds(): string[] {
  return LECTURE_PRESETS.map((p) => p.id)
}

export function presetById(id: string): Preset | undefined {
  return LECTURE_PRESETS.find((p) => p.id === id)
}

export function allPresets(): readonly Preset[] {
  return LECTURE_PRESETS
}

/** A protocol module's preset as a scenario the app can load (format 2, with its `protocol`). Pure. */
function fromModule(module: AnyProtocol, p: ProtocolPreset<ProtocolTypes>): Preset {
  const explore: PresetExplore | undefined = module.explorer.presetSearches?.[p.id]
  return {
    ...(explore && { explore }),
    id: p.id,
    title: p.title,
    summary: p.description,
    scenario: {
      protocol: module.id,
      engine: ENGINE_VERSION,
      seed: p.seed,
      // Kept as the module wrote it; the codec checks it against the module when decoded.
      config: p.config as unknown as SimConfig,
      interventions: p.interventions,
      title: p.title,
      description: p.description,
      // A question's answers come along (a `BeatAsk` is the kernel's `PresetAsk`).
      beats: (p.beats ?? []).map((b): Beat => ({ step: b.step, text: b.text, ...(b.ask && { ask: b.ask }) })),
    },
  }
}

/** The presets of the other protocol modules (Multi-Paxos, …), in registry order. */
const MODULE_PRESETS: readonly Preset[] = PROTOCOLS.filter((m) => m.id !== 'paxos').flatMap((m) =>
  (m.presets as readonly ProtocolPreset<ProtocolTypes>[]).map((p) => fromModule(m, p)),
)

/** Every example the app offers: Paxos's lecture examples, then each other protocol's presets. */
export function galleryPresets(): readonly Preset[] {
  return [...LECTURE_PRESETS, ...MODULE_PRESETS]
}

/** An example of any protocol by id (`basic`, `mp-leader-crash`). */
export function anyPresetById(id: string): Preset | undefined {
  return presetById(id) ?? MODULE_PRESETS.find((p) => p.id === id)
}
