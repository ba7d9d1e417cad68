import type { ProtocolGuide } from '../engine/index.ts'

/** The keyboard shortcuts, as the ? overlay lists them, in groups, in the run's protocol's words. Pure. */
export interface Shortcut {
  readonly keys: readonly string[]
  readonly what: string
}

export interface ShortcutGroup {
  readonly title: string
  readonly items: readonly Shortcut[]
}

/** The title of the presenter's keys (the `?` list puts them first in presenter mode). */
export const PRESENTER_GROUP = 'In presenter mode'

/**
 * The shortcuts of a run of a protocol with this guide. `untilDecided`: the protocol has
 * single-decree learners, so D runs until they decide (the Transport's rule too). `routine`: it has
 * routine messages the diagram can hide (Multi-Paxos heartbeats), so H does something.
 */
export const shortcutGroups = (
  guide: ProtocolGuide,
  untilDecided: boolean,
  routine: boolean,
): readonly ShortcutGroup[] => [
  {
    title: 'Time',
    items: [
      { keys: ['Space'], what: 'Play / pause' },
      { keys: ['→', 'PageDown'], what: 'Step forward (clicker: next)' },
      { keys: ['←', 'PageUp'], what: 'Step back (clicker: previous)' },
      { keys: ['Shift', '→'], what: 'Forward to the next phase change' },
      { keys: ['Shift', '←'], what: 'Back to the previous phase change' },
      { keys: [']'], what: `Forward one round (${guide.round})` },
      { keys: ['['], what: 'Back to the start of the round' },
      ...(untilDecided ? [{ keys: ['D'], what: 'Run until decided' }] : []),
      { keys: ['Home', 'End'], what: 'Jump to the start / the end' },
      { keys: ['+', '−'], what: 'Faster / slower playback (zoom when the diagram has focus)' },
    ],
  },
  {
    title: 'Acting',
    items: [
      { keys: ['1', '…', '9'], what: `Actions of the process on lane 1…9 (${guide.processActions})` },
      { keys: ['I'], what: 'Go to the messages in flight' },
      { keys: ['N'], what: 'Deliver the selected message now' },
      { keys: ['Delete'], what: 'Drop the selected message' },
      { keys: ['↑', '↓'], what: 'In the In-flight list: the next / previous message (Home, End: the ends)' },
      { keys: ['S'], what: 'Settings' },
      { keys: ['E'], what: 'Explorer: search the schedules, model-check the spec' },
      { keys: ['P'], what: 'Presenter mode on or off (its keys below)' },
      { keys: ['F'], what: 'Follow the cursor on or off' },
      { keys: ['C'], what: 'Lecture colours on or off (ACK green, REJECT red)' },
      ...(routine ? [{ keys: ['H'], what: 'Hide or show routine messages (heartbeats)' }] : []),
      { keys: ['?'], what: 'This list' },
      { keys: ['Esc'], what: 'Close a dialog or clear the selection' },
    ],
  },
  {
    title: PRESENTER_GROUP,
    items: [
      { keys: ['→', 'PageDown'], what: 'Next (clicker): by moments, or by what G chose' },
      { keys: ['←', 'PageUp'], what: 'Previous (clicker)' },
      { keys: ['Shift', '→'], what: 'One step forward, whatever the clicker moves by' },
      { keys: ['G'], what: 'The clicker moves by beats, moments or steps (cycles)' },
      {
        keys: ['B', '.'],
        what: 'Blank the screen (the run pauses), and show it again (a clicker’s blank key)',
      },
      { keys: ['Esc'], what: 'Show a blank screen again, else close a message, else leave presenter mode' },
    ],
  },
  {
    title: 'When the diagram has focus (click it or Tab to it)',
    items: [
      { keys: ['Tab'], what: 'Reach the arrows and lane names' },
      { keys: ['↑', '↓'], what: 'Walk the arrows in flight' },
      { keys: ['Enter'], what: 'Select the arrow or process' },
      { keys: ['+', '−', '0'], what: 'Zoom in / out / fit the run' },
    ],
  },
]
