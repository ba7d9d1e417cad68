import { moduleFor, type AnyProtocol, type PayloadBase } from '../engine/index.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { synodStore, useSynod } from './store.ts'

/**
 * The protocol module of the loaded scenario, and the few words every panel needs from it (process
 * names, message labels and meanings). The panels ask the module; they know no protocol's rules.
 */

/** The module a scenario runs (absent `protocol`: single-decree Paxos). Pure. */
export const protocolOf = (s: Pick<Scenario, 'protocol'>): AnyProtocol => moduleFor(s.protocol)

/** The module of the loaded scenario. */
export const currentProtocol = (): AnyProtocol => protocolOf(synodStore.getState().scenario)

/** The module of the loaded scenario, for components (re-renders when the protocol changes). */
export function useProtocol(): AnyProtocol {
  return useSynod((s) => protocolOf(s.scenario))
}

/** A process's name as its protocol says it (`P2`, `C1`), given the run's config. Pure. */
export function nameOf(module: AnyProtocol, config: unknown, pid: number): string {
  return module.app.processName(config, pid as never)
}

/** A process's name in the loaded scenario. */
export function processName(pid: number): string {
  const s = synodStore.getState().scenario
  return nameOf(protocolOf(s), s.config, pid)
}

/**
 * The short label of a message payload (`promise 1.2`, `accept 2.1 3=C1.2:put(b)`), in words where
 * the diagram's label has a symbol (`heartbeat 2.2, commit point 6`, drawn `♥ 2.2 c6`).
 */
export function payloadText(payload: PayloadBase): string {
  const words = currentProtocol().narration
  return words.spokenLabel ? words.spokenLabel(payload as never) : words.label(payload as never)
}

/** What a message type means, in one sentence (empty for a type the protocol does not know). */
export function meaningOf(type: string): string {
  const m = (currentProtocol().messages as Record<string, { meaning: string } | undefined>)[type]
  return m?.meaning ?? ''
}

/**
 * A module's sentence as a sentence: its events may be phrased without a final period (the CLI's
 * trace lines), but the feed and screen readers read them one after another. Pure.
 */
export const endSentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`)
