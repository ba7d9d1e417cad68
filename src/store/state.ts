import type { SimEvent } from '../engine/index.ts'
import { emptyScenario, type Scenario } from '../scenarios/scenario.ts'
import type { HaltReason } from '../worker/protocol.ts'

/**
 * The side panels in the groups that catch up with the cursor one frame each, top to bottom as the
 * reader meets them: the replicated log grid; the processes (menu and cards); the wire (in-flight
 * list and message counts); the narration feed with the status chips and banners. Each costs about
 * as much to lay out as another (docs/PERFORMANCE.md), so no frame carries all of them.
 */
export const PANEL_GROUPS = ['log', 'procs', 'wire', 'feed'] as const
export type PanelGroup = (typeof PANEL_GROUPS)[number]

/** A run the user forked away from, kept so they can return to it. */
export interface Branch {
  readonly scenario: Scenario
  readonly cursor: number
  /** The kept run is the one changed (the user went back to the run before the change). */
  readonly changed: boolean
}

/** The recorded inputs: what a share link will carry. */
export interface ScenarioSlice {
  scenario: Scenario
  presetId: string | null
  branch: Branch | null
}

/** The event log as the worker computed it so far. */
export interface RunSlice {
  log: readonly SimEvent[]
  halted: HaltReason | null
  /** True while the worker is still computing the current run. */
  computing: boolean
  processCount: number
  error: string | null
  /** The engine supervisor's last word: it replaced a failed engine, or gave up until asked. */
  engineStatus: 'ok' | 'restarted' | 'stopped'
  /** Why the engine was last replaced or stopped. */
  engineReason: string | null
  /**
   * How many runs were opened (a preset, a file, a link, a schedule the explorer found), counted
   * once each is computed: the diagram gives each its own first view, at its cursor. A run opened
   * with the seed and settings of the one on screen is not a fork of it, whose view is kept.
   */
  opened: number
}

export interface CursorSlice {
  /** The scheduler step shown: everything with `step <= cursor` has happened. */
  cursor: number
}

export interface SelectionSlice {
  selectedMsgId: number | null
  selectedPid: number | null
}

export interface PlaybackSlice {
  playing: boolean
  /** Scheduler steps per second while playing. */
  speed: number
  /** The scrubber is being dragged: the cursor moves every frame, so views snap instead of gliding. */
  scrubbing: boolean
  /**
   * While scrubbing, the cursor the side panels catch up to (it follows a few times a second; the
   * lane faces show it at once, the panel groups one by one: `panelCursors`).
   */
  panelCursor: number
  /**
   * The step each group of side panels shows (`PANEL_GROUPS`, in that order) while scrubbing or
   * while they are behind (`panelsBehind`): during a drag a catch-up moves one group a frame (`panelsFollow.ts`).
   */
  panelCursors: readonly number[]
  /** A group of side panels is behind the cursor it is catching up to (the diagram's, or a scrub's). */
  panelsBehind: boolean
  /** Scrubbing and the cursor moved in the last tick of `panelCursor`: labels would only flicker. */
  scrubMoving: boolean
}

export type Theme = 'system' | 'light' | 'dark' | 'contrast'
export type DialogName = 'config' | 'partition' | 'shortcuts' | 'help' | 'presets'

export interface UiSlice {
  theme: Theme
  dialog: DialogName | null
  /** The latest sentence for the screen reader's polite live region. */
  announcement: string
  /** False until the user first steps or acts: the start hint shows until then. */
  touched: boolean
  /** A one-line message for the user (e.g. an unknown example in the address). */
  notice: string | null
  /** Presenter mode: large type, chrome hidden, the clicker walks the narration beats. */
  presenter: boolean
}

export type SynodState = ScenarioSlice & RunSlice & CursorSlice & SelectionSlice & PlaybackSlice & UiSlice

export const SPEEDS = [0.5, 1, 2, 4, 8, 16, 32] as const

/** The state before anything is loaded. Pure. */
export function initialState(): SynodState {
  const scenario = emptyScenario()
  return {
    scenario,
    presetId: null,
    branch: null,
    log: [],
    halted: null,
    computing: false,
    processCount: scenario.config.processCount,
    error: null,
    engineStatus: 'ok',
    engineReason: null,
    opened: 0,
    cursor: 0,
    selectedMsgId: null,
    selectedPid: null,
    playing: false,
    speed: 2,
    scrubbing: false,
    panelCursor: 0,
    panelCursors: PANEL_GROUPS.map(() => 0),
    panelsBehind: false,
    scrubMoving: false,
    theme: 'system',
    dialog: null,
    announcement: '',
    touched: false,
    notice: null,
    presenter: false,
  }
}
