/**
 * THE PROTOCOL MODULE INTERFACE. A protocol is a value of type `ProtocolModule<T>`, written in its
 * own folder (`src/engine/protocols/<id>/`) and registered with one line in
 * `src/engine/protocols/registry.ts`. The kernel (network, timers, scheduler, PRNG streams, event
 * log, interventions, snapshots) runs any module; it knows nothing of ballots.
 *
 * Modelled on stateright's `Actor`: a module names its types (message, per-process state, timer
 * key, config, its own log events, its observer's ghost state) and gives pure handlers
 * `(state, input) → { state, outbox }`. The outbox is an ordered list of effects the kernel
 * performs in order (sends, replies, broadcasts, timer sets and cancels, protocol events). Order
 * matters: it is the order of the log.
 *
 * Rules for handlers (the engine's purity rules apply to every module):
 * - Pure and deterministic: no clocks, no `Math.random` (use `ctx.draw`), no I/O, no globals.
 * - Never call back into the kernel; say what should happen in the outbox.
 * - Return a new state object when anything changed (snapshots share unchanged objects). A
 *   handler may update objects it created itself in this call, never objects it was given.
 */
import type {
  Counted,
  EventBase,
  Intervention,
  KernelEvent,
  Message,
  NetworkConfig,
  PayloadBase,
  ProcessId,
  Tick,
  Timer,
  ViolationEvent,
} from './types.ts'
import type { AppFace } from './appFace.ts'
import type { ModuleExplorer, ProtocolGuide, RequestWords } from './searchGoals.ts'
import type { ModuleNarration } from './moduleNarration.ts'
import type { ModuleObserver, ProcSlot, Property } from './moduleObserver.ts'
import type {
  ConfigField,
  ConfigForm,
  LaneSpec,
  LaneStatus,
  MessageMeaning,
  ProcessView,
  RequestForm,
} from './moduleView.ts'

// The module's parts live in files by responsibility; they are re-exported here so every import
// of a module type can keep naming this file.
export type {
  AppFace,
  Decisions,
  ForgottenCommit,
  LaneNote,
  LegendWords,
  LogGridCell,
  LogGridModel,
  LogGridRow,
  MessageWords,
  MomentMark,
  ScrubMark,
  TimerCountdown,
} from './appFace.ts'
export type {
  BugSearch,
  GoalMove,
  GoalParam,
  GuidePoint,
  ModuleExplorer,
  PresetSearch,
  ProtocolGuide,
  RequestWords,
  SearchGoal,
} from './searchGoals.ts'
export type { ModuleNarration } from './moduleNarration.ts'
export type { ModuleObserver, ObservedWorld, ProcSlot, Property } from './moduleObserver.ts'
export type {
  ConfigField,
  ConfigForm,
  ConfigGroup,
  FieldLook,
  QuorumForm,
  LaneSpec,
  LaneStatus,
  MessageMeaning,
  ProcessView,
  RequestForm,
} from './moduleView.ts'

/** The types a protocol declares, bundled so a module has one type parameter. */
export interface ProtocolTypes {
  /** The union of message payloads, each `{ type: '…', … }`. */
  readonly Msg: PayloadBase
  /** One process's state (all its roles). Plain, JSON-safe data. */
  readonly Proc: unknown
  /** The names of a process's timers: one pending timer per key (setting a key replaces it). */
  readonly TimerKey: string
  /** The whole config: the kernel's network part plus the protocol's own fields. */
  readonly Config: NetworkConfig
  /**
   * The protocol's own log events, each `{ kind: '<domain>.<verb>', … }` (JSON-safe). Its
   * violations are `ViolationEvent`s (kind `invariant.violated`), possibly with extra fields.
   */
  readonly Event: EventBase
  /** The observer's ghost state: what really happened, which no process can see. JSON-safe. */
  readonly Ghost: unknown
}

/** Any event of a run of protocol T: the kernel's, the protocol's, or a violation. */
export type RunEvent<T extends ProtocolTypes> =
  KernelEvent<T['Msg'], T['Config']> | T['Event'] | ViolationEvent

/** Where a broadcast goes: every process, every other process, or a list (e.g. replicas only). */
export type Audience = 'all' | 'others' | readonly ProcessId[]

/**
 * One effect of a handler, performed by the kernel in outbox order:
 * - `send`: one message. Latency, loss and duplication are the network's (a self-send is instant
 *   and never lost, duplicated or partitioned).
 * - `reply`: a send to the sender of the message being handled, stamped `inReplyTo` its id.
 *   Only in `onMessage`.
 * - `broadcast`: one send per process of `to`, in pid order, all stamped with one `broadcastId`;
 *   with `replying`, the copy to the handled message's sender is also stamped `inReplyTo`.
 * - `timer.set`: (re)arm the timer `key` to fire `afterTicks` from now (≥ 1). Logged.
 * - `timer.cancel`: disarm it; logged when it was set (a no-op when it is not).
 * - `emit`: append one protocol event to the log (the observer sees it right after).
 */
export type Effect<T extends ProtocolTypes> =
  | { readonly do: 'send'; readonly to: ProcessId; readonly msg: T['Msg'] }
  | { readonly do: 'reply'; readonly msg: T['Msg'] }
  | { readonly do: 'broadcast'; readonly to: Audience; readonly msg: T['Msg']; readonly replying?: boolean }
  | { readonly do: 'timer.set'; readonly key: T['TimerKey']; readonly afterTicks: number }
  | { readonly do: 'timer.cancel'; readonly key: T['TimerKey'] }
  | { readonly do: 'emit'; readonly event: T['Event'] }

export type Outbox<T extends ProtocolTypes> = readonly Effect<T>[]

/** What every handler returns: the process's next state and what it wants done. */
export interface Step<T extends ProtocolTypes> {
  readonly state: T['Proc']
  readonly outbox: Outbox<T>
}

/** `onMessage` also says, as a fact for the log, whether and why the message counted. */
export interface Delivery<T extends ProtocolTypes> extends Step<T> {
  readonly counted: Counted | null
}

/** What a handler may know besides its own state. */
export interface Context<T extends ProtocolTypes> {
  readonly self: ProcessId
  readonly now: Tick
  readonly config: T['Config']
  /** Number of processes (lanes) in the run. */
  readonly processCount: number
  /**
   * A seeded random integer in [min, max] from one of the module's declared `randomStreams`
   * (each stream is independent and derived from the scenario seed). The only randomness allowed.
   */
  draw(stream: string, min: number, max: number): number
}

/** A preset scenario a protocol ships in its own folder (plain data; the scenarios layer lists it). */
export interface ProtocolPreset<T extends ProtocolTypes> {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly seed: number
  readonly config: T['Config']
  readonly interventions: readonly { readonly step: number; readonly action: Intervention }[]
  /**
   * "Think" notes shown when the cursor reaches `step`; a question may carry its answers (`ask`,
   * the shape of a scenario beat's), so a student can predict before the run reveals it.
   */
  readonly beats?: readonly { readonly step: number; readonly text: string; readonly ask?: PresetAsk }[]
}

/** A preset question's answers, as plain data: `choices[answer]` is right and `why` says why. */
export interface PresetAsk {
  readonly choices: readonly string[]
  readonly answer: number
  readonly why: string
}

export interface ProtocolModule<T extends ProtocolTypes> {
  /** Stable id, stored in scenarios (`protocol` field) and links: never rename. */
  readonly id: string
  /** The name shown to people (`Single-decree Paxos`). */
  readonly title: string

  /** Its part of the config schema (the kernel validates the network fields itself). */
  readonly config: {
    defaults(): T['Config']
    /** Every problem with the protocol's own fields, one readable line each; empty when valid. */
    problems(config: T['Config']): string[]
    /** The protocol's own fields, for the settings dialog (network fields are the kernel's). */
    readonly fields: readonly ConfigField[]
    /** Optional: how the settings dialog lays the fields out (see `ConfigForm`). */
    readonly form?: ConfigForm
  }
  /** The processes of a run, in pid order (their count is the run's process count). */
  lanes(config: T['Config']): readonly LaneSpec[]
  /** Names of the random streams `ctx.draw` may use (seeded from the scenario seed). */
  readonly randomStreams: readonly string[]

  /** A process's state at the start of a run. */
  init(ctx: Context<T>): T['Proc']
  /**
   * Optional: what each process does at time 0, after every process's `init` and the
   * `run.start` event, in pid order (e.g. arm an election timer, start a client's script).
   */
  onStart?(state: T['Proc'], input: { readonly ctx: Context<T> }): Step<T>
  /** A user request at this process (the `propose` intervention), e.g. "propose 10". */
  onRequest(state: T['Proc'], input: { readonly value: string; readonly ctx: Context<T> }): Step<T>
  /**
   * Why this process cannot take a request now (shown to the user), or null when it can. Given a
   * `value`, also why it cannot take that one (the kernel refuses such a request, changing nothing).
   */
  requestProblem(state: T['Proc'], value?: string): string | null
  /**
   * Optional: what a request means at this process, so the app offers the right control (a
   * client's command box, a replica's "start an election" button). Default: a value box.
   */
  requestForm?(state: T['Proc']): RequestForm
  /**
   * A message arrives. Says whether and why it counted (the log's `counted` fact). The input
   * object, like its `ctx`, is the kernel's and reused: read it, never keep it.
   */
  onMessage(
    state: T['Proc'],
    input: { readonly msg: Message<T['Msg']>; readonly ctx: Context<T> },
  ): Delivery<T>
  /** The timer `key` fired (the input is reused too, as in `onMessage`). */
  onTimer(state: T['Proc'], input: { readonly key: T['TimerKey']; readonly ctx: Context<T> }): Step<T>
  /**
   * The process crashed: return what survives on stable storage. The kernel has already marked it
   * down, logged `proc.crash`, dropped the messages on their way to it and disarmed its timers;
   * only `emit` effects are allowed here (e.g. a "forgot its state" event).
   */
  onCrash(state: T['Proc'], input: { readonly ctx: Context<T> }): Step<T>
  /** The process is back (after `proc.recover` is logged); it may send, e.g. to catch up. */
  onRecover(state: T['Proc'], input: { readonly ctx: Context<T> }): Step<T>
  /**
   * Optional: has the run come to rest, with nothing left to happen but the protocol retrying
   * toward processes it cannot reach (down, or cut off: `canReach` says whether the partition lets
   * a message from one process reach another)? Return those processes, or null while the run has
   * more to show. Without it, a protocol that retries until answered (Paxos's decider re-sending
   * its decision) made a run with one process down go on to the step limit, re-sending to it into
   * the void: a minority crash, the lecture's "it does not matter", became 2,000 steps of lost
   * messages. The kernel asks only when no message is in flight and no intervention is pending,
   * and then ends the run quietly (`run.quiescent` with `waitingOn`); recovering a process or
   * healing the partition at the end goes on from there, as a fresh run of those inputs would.
   * Pure.
   */
  restsOn?(
    procs: readonly ProcSlot<T>[],
    timers: readonly Timer<T['TimerKey']>[],
    canReach: (from: ProcessId, to: ProcessId) => boolean,
  ): readonly ProcessId[] | null

  /**
   * The safety observer. It sees every event right after it is logged, with the whole world, and
   * returns the events it concludes (`value.chosen`, `invariant.violated`, …), logged next. It may
   * update `ghost` in place (the kernel owns it and copies it for snapshots).
   */
  readonly observer: ModuleObserver<T>
  /** Invariants ("always") and goals ("sometimes"), with ids and lecture-words titles. */
  readonly properties: readonly Property<T>[]

  /** Words. Every sentence of the log comes from here or from the kernel's network sentences. */
  readonly narration: ModuleNarration<T>
  /** What each message type means, keyed by `type`. */
  readonly messages: { readonly [Type in T['Msg']['type']]: MessageMeaning }
  /** Messages with the same key share a colour on the diagram (Paxos: the ballot), or null. */
  colourKey(msg: T['Msg']): string | null

  /** The process card at the cursor, from the real state. */
  view(state: T['Proc'], up: boolean, config: T['Config'], pid: ProcessId): ProcessView
  /** The lane's status line at the cursor. */
  laneStatus(state: T['Proc'], up: boolean): LaneStatus

  /**
   * The explorer's canonical keys: two states with equal keys must have the same futures (ids,
   * ticks and other pure bookkeeping left out). A test per protocol (`protocols/paxos/explorerKeys.test.ts`,
   * `protocols/multipaxos/explorerKeys.test.ts`) lists every field of real states and fails when one
   * is neither read by a key nor declared ignored here.
   */
  readonly explorer: ModuleExplorer<T>

  /** The one-line outcome, as `name=value` pairs in order (the kernel adds violations and steps). */
  summary(ghost: T['Ghost'], procs: readonly ProcSlot<T>[]): readonly (readonly [string, string])[]
  /**
   * Optional: the outcome as typed fields for `synod trace --json` (default: the `summary` pairs
   * as strings). The kernel adds `violations` and `steps`.
   */
  summaryFields?(
    ghost: T['Ghost'],
    procs: readonly ProcSlot<T>[],
  ): Readonly<Record<string, string | number | null>>

  /** Preset scenarios kept in the protocol's folder (may be empty). */
  readonly presets: readonly ProtocolPreset<T>[]
  /** What the app's diagram, stepping and panels need (see `AppFace`). */
  readonly app: AppFace<T>
  /**
   * How the app speaks of the user's request (the `propose` intervention) in this protocol's
   * words: Paxos proposes values, Multi-Paxos clients send commands.
   */
  readonly requestWords: RequestWords
  /** The help dialog's account of the protocol, in the words its course uses. */
  readonly guide: ProtocolGuide
}

/** A module of any protocol, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProtocol = ProtocolModule<any>
