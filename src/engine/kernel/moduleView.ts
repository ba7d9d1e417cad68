/**
 * The protocol module's face in the panels and controls: a lane's role and status line, the
 * process card, what a message type means, the settings dialog's fields, and the control offered
 * for a request. Types only; see module.ts.
 */

/** A process's lane: its role shown on the diagram (`replica`, `client`, or '' for uniform processes). */
export interface LaneSpec {
  readonly role: string
}

/** How a process's lane reads at a glance (under its name on the diagram). */
export interface LaneStatus {
  /** e.g. `preparing 2.1`, `leader 3.2`, `✓ 10`; null when there is nothing to say. */
  readonly text: string | null
  readonly tone: 'idle' | 'running' | 'done'
  /** Messages and lanes with the same colour key share a colour (Paxos: the ballot), or null. */
  readonly colourKey: string | null
}

/** The process card in the panels, built from the real state at the cursor. */
export interface ProcessView {
  /** The short cells of the card's main row, in column order (Paxos: promised, accepted, decided). */
  readonly cells: readonly { readonly id: string; readonly value: string }[]
  /** Further lines (a role's progress), each with optional quorum meters. */
  readonly lines: readonly {
    readonly id: string
    readonly text: string
    readonly meters: readonly { readonly label: string; readonly got: number; readonly needed: number }[]
  }[]
  /** The whole card in one sentence, for screen readers. */
  readonly summary: string
}

/** What one message type means to a reader (legend, inspector, arrow style). */
export interface MessageMeaning {
  /**
   * Arrow style: a request, a positive reply, a negative reply, or a notice (it tells rather than
   * asks, like Paxos's `decide`: drawn quieter, whether or not an acknowledgement follows).
   */
  readonly role: 'request' | 'ack' | 'reject' | 'notice'
  /** The lecture's name for its step (`1a`, `2b`, `heartbeat`), shown in the legend. */
  readonly phase: string
  /** One sentence: what the sender says by sending it. */
  readonly meaning: string
}

/** How a field looks in the settings dialog beyond its label (all optional). */
export interface FieldLook {
  /** An enum's words for its options, in `options` order (default: the options themselves). */
  readonly optionWords?: readonly string[]
  /** Shown only while the field at `path` holds `value` (a fixed delay for the fixed policy only). */
  readonly shownWhen?: { readonly path: string; readonly value: string }
  /** A bool shown as "**name.** why" (a broken variant and why it matters) instead of its label. */
  readonly explained?: { readonly name: string; readonly why: string }
}

/** A field the config dialog and codecs know about (the protocol's part of the config schema). */
export type ConfigField = FieldLook &
  (
    | {
        readonly path: string
        readonly label: string
        readonly kind: 'int'
        readonly min: number
        readonly max: number
      }
    | { readonly path: string; readonly label: string; readonly kind: 'bool' }
    | {
        readonly path: string
        readonly label: string
        readonly kind: 'enum'
        readonly options: readonly string[]
      }
  )

/**
 * One group of the settings dialog. An item is the path of one of the module's `fields` or of a
 * network field (`latencyTicksMin`, …, `maxSteps`), or one of the app's own parts: `seed`, and
 * `quorums` (the module's `ConfigForm.quorums`).
 */
export interface ConfigGroup {
  readonly legend: string
  /** Spans the dialog's width (a list of broken variants with their reasons). */
  readonly wide?: boolean
  readonly items: readonly string[]
}

/**
 * A quorum system the dialog edits as majorities or per-phase sizes (Flexible Paxos). The module
 * keeps the sizes in its config's `q1` and `q2`; absent, both are its default.
 */
export interface QuorumForm {
  /** The sizes in force (set or default) and how many acceptors there are to choose from. */
  sizes(config: unknown): { readonly q1: number; readonly q2: number; readonly acceptors: number }
  /** Why these quorums are safe or not, in the lecture's words, as the user types. */
  sentence(config: unknown): string
}

/**
 * The settings dialog as the module lays it out. Without one, the dialog shows the network, the
 * module's fields under its title, the run and the broken variants (`bugs.*` fields).
 */
export interface ConfigForm {
  /** The dialog's title (`Settings`). */
  readonly title: string
  readonly groups: readonly ConfigGroup[]
  readonly quorums?: QuorumForm
  /**
   * Optional: what the dialog says is wrong while the user types (default: one line when a number
   * field is not a whole number, else the module's `problems` and the network's).
   */
  problems?(config: unknown): string[]
}

/**
 * The control the app offers for a request at one process: a text box (what it accepts is checked
 * by `requestProblem(state, value)`), or one button that sends a fixed value.
 */
export type RequestForm =
  | { readonly kind: 'text'; readonly label: string; readonly placeholder: string; readonly help: string }
  | { readonly kind: 'button'; readonly label: string; readonly value: string }
