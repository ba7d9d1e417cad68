import { anyPresetById as presetById } from '../scenarios/presets.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { isolatedText } from '../scenarios/userText.ts'
import { changedFrom } from '../store/presetMatch.ts'

/** What the top bar's example picker shows for the run on the diagram. */
export interface PickerEntry {
  /** The select's value: the example's id while the run is that example unchanged, else ''. */
  readonly value: string
  /** The run's name: the example's title (marked "(changed)"), the run's own title, or "Your own run". */
  readonly label: string
  /** The run is named by its own title (a shared or imported run, not an example's). */
  readonly ownTitle: boolean
}

/**
 * The picker's entry for the run: the example it is, or was made from and changed, or the run's own
 * title. New settings forget the example (actions.ts applyConfig: the explorer and presenter then
 * treat the run as one of its own), yet the run keeps the example's title and story; named by that
 * title, it stood in the list twice ("Multi-Paxos: the leader crashes", blank, over the example).
 * Such a run is the example changed, as a link to it says when opened (openRun.ts). Pure.
 */
export function pickerEntry(presetId: string | null, scenario: Scenario): PickerEntry {
  const madeFrom = presetId ?? changedFrom(scenario)
  const preset = madeFrom === null ? undefined : presetById(madeFrom)
  if (preset !== undefined) {
    // Once changed, the example is no longer the current value, so picking it again reloads it.
    const changed = presetId === null || preset.scenario !== scenario
    return changed
      ? { value: '', label: `${preset.title} (changed)`, ownTitle: false }
      : { value: preset.id, label: preset.title, ownTitle: false }
  }
  // A shared title is user text: isolated, so its direction controls reorder nothing around it.
  if (presetId === null && scenario.title !== undefined)
    return { value: '', label: isolatedText(scenario.title), ownTitle: true }
  return { value: '', label: 'Your own run', ownTitle: false }
}
