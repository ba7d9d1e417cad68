import { paxos, type AnyProtocol, type PayloadBase, type SimEvent } from '../engine/index.ts'
import type { ArrowKind } from './palette.ts'

/**
 * Which protocol module a log belongs to, so the diagram asks that module for its words (labels,
 * colours, what a message means) instead of knowing any protocol. The store tags each run's first
 * event when the run arrives; an untagged log (tests, previews) is single-decree Paxos.
 */
const tags = new WeakMap<SimEvent, AnyProtocol>()

/** Say which module wrote the run that starts with `first`. */
export function tagLogProtocol(first: SimEvent, module: AnyProtocol): void {
  tags.set(first, module)
}

/** The module of a log (Paxos when untagged). */
export function logProtocol(log: readonly SimEvent[]): AnyProtocol {
  const first = log[0]
  return (first && tags.get(first)) ?? paxos
}

const KIND_OF_ROLE: Record<'request' | 'ack' | 'reject' | 'notice', ArrowKind> = {
  request: 'request',
  ack: 'ack',
  reject: 'reject',
  // A notice expects no reply: drawn like Paxos's `decide` (a plain, quieter arrow).
  notice: 'decide',
}

/** The message facts the diagram draws, all from the module. Pure. */
export interface MessageFace {
  readonly label: string
  readonly kind: ArrowKind
  /** The lecture's name for its step (`1a`, `2b`, `heartbeat`). */
  readonly phase: string
  readonly colourKey: string | null
  readonly quiet: boolean
}

export function messageFace(module: AnyProtocol, p: PayloadBase): MessageFace {
  const meaning = (module.messages as Record<string, { role: keyof typeof KIND_OF_ROLE; phase: string }>)[
    p.type
  ]
  return {
    label: module.narration.label(p as never),
    kind: KIND_OF_ROLE[meaning?.role ?? 'notice'],
    phase: meaning?.phase ?? p.type,
    colourKey: module.colourKey(p as never),
    quiet: (module.app?.quiet as readonly string[] | undefined)?.includes(p.type) ?? false,
  }
}
