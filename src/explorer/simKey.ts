import type { SimState } from '../engine/index.ts'
import { paxos } from '../engine/protocols/paxos/index.ts'
import { messageKey as kernelMessageKey, stateKey as kernelStateKey } from '../engine/kernel/stateKey.ts'
import type { Message } from '../engine/index.ts'

/**
 * The schedule search's canonical keys for a Paxos run: the kernel's key of the network, queue
 * and streams, with the protocol's keys of its process and ghost states (see
 * `src/engine/kernel/stateKey.ts`). Pure.
 */
export const stateKey = (s: SimState, extra: string): string => kernelStateKey(paxos, s, extra)

/** The key of one in-flight message, ignoring its id and timing. Pure. */
export const messageKey = (m: Pick<Message, 'from' | 'to' | 'payload' | 'lost'>): string =>
  kernelMessageKey(paxos, m)
