/**
 * The protocol module's part of the schedule search: its canonical keys and requests (`explorer`),
 * goals a protocol defines itself, a preset's and a broken variant's one-click search, and the words
 * the app uses for the user's request and in its guide. Types only; see module.ts.
 */
import type { ProcSlot, ProtocolTypes, RunEvent } from './module.ts'
import type { Intervention } from './types.ts'

/** A goal's one setting (a livelock's count, the value to be decided), with its bounds and default. */
export type GoalParam =
  | {
      readonly kind: 'int'
      readonly label: string
      readonly min: number
      readonly max: number
      readonly initial: number
    }
  | { readonly kind: 'text'; readonly label: string; readonly maxLength: number; readonly initial: string }

/** One move of the schedule search, as a goal sees it. */
export interface GoalMove<T extends ProtocolTypes> {
  /** Everything the move logged (kernel events, the protocol's events, what the observer concluded). */
  readonly events: readonly RunEvent<T>[]
  /** Scheduler steps the move took: 1 for a delivery or a firing, 0 for a drop, a crash, … */
  readonly steps: number
  readonly config: T['Config']
  readonly ghost: T['Ghost']
  readonly procs: readonly ProcSlot<T>[]
}

/**
 * A goal of the schedule search that a protocol defines itself (a livelock, a value decided).
 * It watches the run move by move and may keep one count along the way (`memory`, 0 at the
 * start: attempts begun, steps without progress), which the search keys states by, since two
 * runs with different counts have different futures as far as the goal is concerned. Pure.
 */
export interface SearchGoal<T extends ProtocolTypes> {
  readonly id: string
  /** The goal picker's words (`Livelock: no slot chosen for N steps while a client waits`). */
  readonly title: string
  readonly param?: GoalParam
  /** After one move: the new count, and a sentence saying how the goal is reached (or null). */
  watch(
    memory: number,
    move: GoalMove<T>,
    param: number | string,
  ): { readonly memory: number; readonly reached: string | null }
}

/**
 * A preset's one-click search: from step `fromStep` of a run with `interventions` (the rest of the
 * preset's story is left for the search to find), with at most `budgets` of each intervention,
 * for `goal`. Chosen so the shortest counterexample is found in seconds.
 */
export interface PresetSearch {
  readonly fromStep: number
  readonly interventions: readonly { readonly step: number; readonly action: Intervention }[]
  readonly budgets: Partial<
    Record<'reorders' | 'drops' | 'duplicates' | 'crashes' | 'recoveries' | 'proposals', number>
  >
  readonly goal: string
}

/** One numbered point of a protocol's guide: a bold title and a plain sentence or two. */
export interface GuidePoint {
  readonly title: string
  readonly text: string
}

/**
 * The protocol as the help dialog teaches it to a first-time student: its phases in order, and
 * what to click to try it (the app adds the protocol-neutral parts: lanes, arrows, the legend).
 */
export interface ProtocolGuide {
  readonly points: readonly GuidePoint[]
  /** What clicking a process or lane does here (`Click a process to propose a value, crash or recover it.`). */
  readonly tryClick: string
  /** What one round is, for the `]` key (`ballot succeeds or fails`). */
  readonly round: string
  /** What a process's actions are, for the `1`…`9` keys (`propose, crash…`). */
  readonly processActions: string
}

/**
 * The one-click "Find a violation" for a broken variant a user switched on in Settings, where no
 * preset set the stage: the goal, and which faults the search may add. The search starts after the
 * scenario's last request, keeping the requests as the workload and leaving every fault (its own
 * drops and crashes too) to the search (`src/explorer/bugSearch.ts`).
 */
export interface BugSearch {
  readonly budgets: PresetSearch['budgets']
  readonly goal: string
}

/** A protocol's words for the user's request, where the app (not the narration) says them. */
export interface RequestWords {
  /** The schedule search's budget of added requests (`Proposals`, `Client requests`). */
  readonly budget: string
  /** Plural, mid-sentence (`proposals`): "start fewer proposals". */
  readonly plural: string
  /** The first-time hint with a mouse: how to make one (`click a process to propose`). */
  readonly clickHint: string
  /** The same on a touch screen, after "Tap Step or the diagram to go forward," (`a process name to propose`). */
  readonly tapHint: string
}

/** The schedule search's view of a protocol (a module's `explorer`): canonical keys, requests, goals. */
export interface ModuleExplorer<T extends ProtocolTypes> {
  procKey(state: T['Proc']): string
  ghostKey(ghost: T['Ghost']): string
  /** Payload key ignoring nothing that matters (two messages with equal keys are interchangeable). */
  msgKey(msg: T['Msg']): string
  /** Field paths (`proposer.timer`) the keys leave out on purpose, each with the reason. */
  readonly ignored: Readonly<Record<string, string>>
  /** Whether the schedule search should try a request at this process (Paxos: an idle proposer). */
  wantsRequest(state: T['Proc']): boolean
  /**
   * The change list's words for a request the search added (`asked P1 to propose X`), where
   * `name` is the process's name.
   */
  requestText(name: string, value: string): string
  /**
   * Optional: the requests to try at such a process, one move each (Multi-Paxos: a write and a
   * read). Default: one fresh value per request (`X`, then `Y`, then `Z`).
   */
  readonly requestValues?: readonly string[]
  /**
   * The schedule search's goals besides the properties (every `always` property is offered as
   * "find a violation of …" and every `sometimes` property as itself): a livelock, a value
   * decided. Their ids must differ from the properties' ids and from `violation`.
   */
  readonly goals: readonly SearchGoal<T>[]
  /** The goal the search starts with: `violation`, a property id, or one of `goals`' ids. */
  readonly defaultGoal: string
  /** Optional: per preset id, the one-click "Find a violation" of a broken variant's preset. */
  readonly presetSearches?: Readonly<Record<string, PresetSearch>>
  /** Optional: per broken variant (its name in `config.bugs`), "Find a violation" once it is on. */
  readonly bugSearches?: Readonly<Record<string, BugSearch>>
}
