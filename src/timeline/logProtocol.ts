import type { AnyProtocol, PayloadBase } from '../engine/index.ts'
import type { ArrowKind } from './palette.ts'

// Which module wrote a log is the engine's to say (the store tags each run as it arrives).
export { logProtocol, tagLogProtocol } from '../engine/index.ts'

const KIND_OF_ROLE: Record<'request' | 'ack' | 'reject' | 'notice', ArrowKind> = {
  request: 'request',
  ack: 'ack',
  reject: 'reject',
  // A notice tells rather than asks: drawn like Paxos's `decide` (a plain, quieter arrow).
  notice: 'decide',
}

/** The message facts the diagram draws, all from the module. Pure. */
export interface MessageFace {
  readonly label: string
  /** The label in words, for the arrow's accessible name (the module's `spokenLabel`; Multi-Paxos: no ♥). */
  readonly spokenLabel: string
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
  const words = module.narration
  const label = words.label(p as never)
  return {
    label,
    spokenLabel: words.spokenLabel ? words.spokenLabel(p as never) : label,
    kind: KIND_OF_ROLE[meaning?.role ?? 'notice'],
    phase: meaning?.phase ?? p.type,
    colourKey: module.colourKey(p as never),
    quiet: (module.app.quiet as readonly string[]).includes(p.type),
  }
}
