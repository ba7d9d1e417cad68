import type { AnyProtocol } from '../kernel/module.ts'

/**
 * Every protocol the engine can run, by id. Adding a protocol is its folder under
 * `src/engine/protocols/` plus one line here. Single-decree Paxos joins when the kernel runs
 * modules (it is being moved out of `src/engine/` into `protocols/paxos/`).
 */
export const PROTOCOLS: readonly AnyProtocol[] = []

/** The module with this id, or null when no protocol has it. Pure. */
export function protocolById(id: string): AnyProtocol | null {
  return PROTOCOLS.find((p) => p.id === id) ?? null
}
