import type { AnyProtocol } from '../kernel/module.ts'
import { multipaxos } from './multipaxos/module.ts'
import { paxos } from './paxos/index.ts'

/**
 * Every protocol the engine can run. Adding a protocol is its folder under
 * `src/engine/protocols/` plus one line here.
 */
export const PROTOCOLS: readonly AnyProtocol[] = [paxos, multipaxos]

/** The module with this id, or null when no protocol has it. Pure. */
export function protocolById(id: string): AnyProtocol | null {
  return PROTOCOLS.find((p) => p.id === id) ?? null
}
