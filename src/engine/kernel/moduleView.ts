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
  /** Arrow style: a request, a positive reply, a negative reply, or a notice (no reply expected). */
  readonly role: 'request' | 'ack' | 'reject' | 'notice'
  /** The lecture's name for its step (`1a`, `2b`, `heartbeat`), shown in the legend. */
  readonly phase: string
  /** One sentence: what the sender says by sending it. */
  readonly meaning: string
}

/** A field the config dialog and codecs know about (the protocol's part of the config schema). */
export type ConfigField =
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

/**
 * The control the app offers for a request at one process: a text box (what it accepts is checked
 * by `requestProblem(state, value)`), or one button that sends a fixed value.
 */
export type RequestForm =
  | { readonly kind: 'text'; readonly label: string; readonly placeholder: string; readonly help: string }
  | { readonly kind: 'button'; readonly label: string; readonly value: string }
