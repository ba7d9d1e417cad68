/**
 * The protocol module's app face: what the diagram, stepping and panels need from a protocol
 * beyond its words and process view (marks, phase and round boundaries, process names, the
 * legend's and the inspector's words, the replicated log grid, decisions). Every module has one,
 * so the app reads every protocol the same way and names none of their events or messages.
 * Types only; see module.ts.
 */
import type { ProcSlot, ProtocolTypes, RunEvent } from './module.ts'
import type { LogEvent, ProcessId } from './types.ts'

/** One cell of a replicated log as a log grid shows it (replicas × slots). */
export interface LogGridCell {
  readonly slot: number
  readonly status: 'empty' | 'accepted' | 'chosen' | 'executed'
  /** The command held (accepted, or known chosen), or null for an empty slot. */
  readonly cmd: string | null
  /** The ballot of the vote held there, or null. */
  readonly ballot: string | null
  readonly noop: boolean
}

/** One replica's row of the log grid. */
export interface LogGridRow {
  readonly pid: number
  readonly name: string
  readonly up: boolean
  /** `leader 2.1` / `candidate 3.2` / null for a follower. */
  readonly role: string | null
  /** The commit point: every slot up to it is known chosen. */
  readonly commit: number
  readonly executed: number
  readonly cells: readonly LogGridCell[]
}

/** The replicated log of a run at one moment, for a protocol that keeps one. */
export interface LogGridModel {
  readonly slots: number
  readonly rows: readonly LogGridRow[]
  /**
   * One sentence: where the command in `pid`'s slot `slot` came from, or why the slot is empty.
   * Asked for one cell at a time (the one pointed at or focused): it reads the log up to the moment,
   * so a long run's grid costs nothing until a cell is explained.
   */
  why(pid: number, slot: number): string
  /**
   * One sentence on slot `slot` as a whole, as the run's observer knows it: what is chosen there
   * (a majority accepted it), or that nothing is, and which replicas hold which command when they
   * disagree. Null when there is nothing to add to the cell's sentence. Optional.
   */
  slotWhy?(slot: number): string | null
  /**
   * What crashes took from the replicas' commit knowledge: the highest commit point a replica had
   * reached when it crashed, when no replica's state reaches it now (a crash may keep only a
   * replica's votes). Null when nothing known was lost. Optional.
   */
  forgottenCommit?(): ForgottenCommit | null
}

/** A commit point that replicas reached and then lost in a crash (see `LogGridModel.forgottenCommit`). */
export interface ForgottenCommit {
  /** The highest commit point reached by a replica that then crashed. */
  readonly commit: number
  /** The names of the replicas that had reached it when they crashed (`P1`). */
  readonly who: readonly string[]
  /** One sentence in the protocol's words: who committed what, and what the replicas know now. */
  readonly text: string
}

/** How a pending timer is shown while it counts down (see `narration.timerCountdown`). */
export interface TimerCountdown {
  /** A few words drawn beside the countdown (`backoff`). */
  readonly label: string
  /** The sentence for its tooltip and screen readers (`P3 backs off until t=57`), no final period. */
  readonly text: string
  /** Routine (a leader's heartbeat tick): drawn faintly and without a label. */
  readonly quiet: boolean
}

/** A moment the app marks on the diagram and the scrubber (a module's own kind of moment). */
export interface MomentMark {
  /**
   * `attempt`: an attempt starts (a ballot, a campaign); `leader`: it moves on (a new leader,
   * Paxos's proposer adopting a reported value); `failed`: it was preempted or timed out;
   * `progress`: something is chosen (a value, a slot); `decide`: one process learns the decision.
   */
  readonly kind: 'attempt' | 'leader' | 'failed' | 'progress' | 'decide'
  /** The lane it sits on, or null for a mark across the run (a chosen slot). */
  readonly pid: number | null
  /** Lanes it concerns (a quorum), for highlighting. */
  readonly pids: readonly number[]
  /** A short label (a few words) drawn beside the mark. */
  readonly label: string
  /** Marks with the same colour key as messages share their colour, or null. */
  readonly colourKey: string | null
}

/** A moment the scrubber marks under the slider, in words that name its process. */
export interface ScrubMark {
  /** `attempt`: an attempt starts or leads; `progress`: something is chosen; `decide`: a process decides. */
  readonly kind: 'attempt' | 'progress' | 'decide'
  /** `P1 starts a ballot`, `P2: leader 2.1`. */
  readonly label: string
}

/** How the legend speaks of the protocol's arrows. */
export interface LegendWords {
  /** The four arrow kinds (request, ACK reply, REJECT reply, notice), each in a few words. */
  readonly arrows: readonly [string, string, string, string]
  /** An ACK that answers a notice (Paxos's `learned`), drawn as a fifth item, or null. */
  readonly noticeAck: { readonly text: string; readonly detail: string } | null
  /** True when the legend lists every message type below the drawing (the arrow words name none). */
  readonly listTypes: boolean
}

/** What the message inspector says about one message. */
export interface MessageWords {
  /** What its type means, as a sentence (`Phase 1a: the proposer asks …`). */
  readonly meaning: string
  /** Its payload in a few words, no final period (`ballot 1.1, last accepted —`). */
  readonly detail: string
}

/**
 * What one event tells about its process's lane, for the lecture panels' lanes (drawn from the log,
 * see `AppFace.panels`): its proposer now runs a ballot (`running`: the words and the colour key)
 * or runs none (`running: null`), or it decided `value`.
 */
export type LaneNote =
  | {
      readonly pid: ProcessId
      readonly kind: 'running'
      readonly running: { readonly text: string; readonly colourKey: string } | null
    }
  | { readonly pid: ProcessId; readonly kind: 'decided'; readonly value: string }

/**
 * For protocols whose processes each decide one value (single-decree learners): which event is a
 * decision and whether a process has decided, from the real state. With it the app offers "run
 * until decided" and counts decisions beside the chosen value.
 */
export interface Decisions<T extends ProtocolTypes> {
  /** The process that decides in `e`, or null when `e` is no decision. */
  decider(e: RunEvent<T>): ProcessId | null
  /** Whether a process with this state has decided (a crashed one keeps a decision on storage). */
  decided(state: T['Proc'], up: boolean): boolean
}

/**
 * What the app's diagram, stepping and panels need from a protocol beyond its words and its
 * process view. Required: the app has one path for every protocol, and the optional parts are
 * capabilities (a log grid, decisions), never a protocol's name.
 */
export interface AppFace<T extends ProtocolTypes> {
  /** A moment to mark on the diagram (a ballot, a campaign, a chosen slot, a decision), or null. */
  mark(e: RunEvent<T>): MomentMark | null
  /** A moment to mark on the scrubber, named with the run's process names, or null. */
  scrubMark(e: RunEvent<T>, config: T['Config']): ScrubMark | null
  /** The scrubber legend's words for its attempts and its chosen marks (`ballot starts`). */
  readonly scrubWords: { readonly attempt: string; readonly progress: string }
  /** The value `e` reports chosen (the chosen chip's fact), or null. */
  chosenValue(e: RunEvent<T>): string | null
  /** True when `e` begins a phase: stepping by phase stops at its step. */
  phaseStart(e: RunEvent<T>): boolean
  /** True when `e` starts a round (Multi-Paxos: a slot is proposed, a ballot starts phase 1): "round back" stops there. */
  roundStart(e: RunEvent<T>): boolean
  /** True when `e` completes a round (Multi-Paxos: a slot is chosen, the next ballot starts phase 1): "round forward" stops there. */
  roundEnd(e: RunEvent<T>): boolean
  /** The legend's words for each kind of mark (`attempt`: `starts phase 1 (campaign)`); null: never marked. */
  readonly markWords: Readonly<Record<MomentMark['kind'], string | null>>
  /** The legend's words for the arrows. */
  readonly legend: LegendWords
  /**
   * How the presenter's clicker groups steps into moments: `deliveries` (the steps of one tick's
   * deliveries of one type: fixed latencies make them share ticks) or `phases` (from one phase
   * start to the next: varying latencies rarely share a tick, and a clicker stepping every
   * delivery would take hundreds of clicks). A phase-long caption tells its last step first.
   */
  readonly clickerMoments: 'deliveries' | 'phases'
  /**
   * Which panels show the processes. `module`: the module's own (`view` cards, `laneStatus` lines,
   * its request forms, its log grid). `lecture`: the app's single-decree lecture panels, which
   * predate modules (cards with promised, accepted and decided and the proposer's quorum meters
   * that glow as they change; lane lines from the log's phase facts); kept until the module's
   * `view` can draw them, so nothing users see changes.
   */
  readonly panels: 'module' | 'lecture'
  /** Optional, for the lecture panels' lanes: what `e` tells about its process's lane, or null. */
  laneNote?(e: RunEvent<T>): LaneNote | null
  /** Optional: the safety badge's tooltip while all holds (default: the invariants' titles). */
  readonly invariantsTitle?: string
  /**
   * Optional: the inspector's words for a message, given its send's sentence (default: the
   * type's meaning and that sentence).
   */
  inspect?(payload: T['Msg'], sendSentence: string): MessageWords
  /** Optional: single decisions per process (see `Decisions`). */
  readonly decisions?: Decisions<T>
  /** Message types drawn quietly (thin, no label unless focused): background chatter such as heartbeats. */
  readonly quiet: readonly T['Msg']['type'][]
  /** The process name on its lane and in the panels (`P1`, `C2`). */
  processName(config: T['Config'], pid: ProcessId): string
  /**
   * Optional: a run stopped at Max steps may still have told its whole story (Multi-Paxos's
   * heartbeats never let a run go quiet). A sentence saying so, from the final states, or null
   * while work is still pending (then the app says to raise Max steps).
   */
  limitNote?(config: T['Config'], procs: readonly ProcSlot<T>[]): string | null
  /** Optional: the replicated log at the cursor, from the real states and the log up to the cursor. */
  logGrid?(
    config: T['Config'],
    procs: readonly ProcSlot<T>[],
    events: readonly LogEvent<RunEvent<T>>[],
  ): LogGridModel
}
