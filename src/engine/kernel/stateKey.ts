import type { ProtocolModule, ProtocolTypes } from './module.ts'
import type { KernelState } from './state.ts'
import type { Message } from './types.ts'

/**
 * Canonical encoding of a run's state for the explorer's schedule search. It keeps exactly what
 * can change what happens next and drops what cannot: absolute ticks, step numbers, message ids
 * and timer ids. The scheduler's queue is kept in its order, with deadlines relative to now,
 * because the default schedule depends on it; so are the random streams, which shape future
 * deadlines. The protocol keys its own process and ghost states. Pure.
 */
export function stateKey<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  s: KernelState<T>,
  extra: string,
): string {
  const x = module.explorer
  const parts: string[] = [extra]
  for (const p of s.procs) parts.push(`${p.up ? 'U' : 'D'}${x.procKey(p.local)}`)
  parts.push(queueKey(module, s))
  parts.push(s.groups ? s.groups.join(',') : '')
  parts.push(`${x.ghostKey(s.ghost)}|${s.violations}`)
  const streams: string[] = []
  for (const name in s.rng) streams.push(`${s.rng[name]?.state}`)
  parts.push(streams.join(','))
  return parts.join('#')
}

/** The key of one in-flight message, ignoring its id and timing. Pure. */
export function messageKey<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  m: Pick<Message<T['Msg']>, 'from' | 'to' | 'payload' | 'lost'>,
): string {
  return `${m.from}>${m.to}${m.lost ? '!' : ''}${module.explorer.msgKey(m.payload)}`
}

/** The scheduler's queue (messages and timers) in the order it will serve them, times relative to now. */
function queueKey<T extends ProtocolTypes>(module: ProtocolModule<T>, s: KernelState<T>): string {
  const items: { at: number; seq: number; key: string }[] = s.inFlight.map((m) => ({
    at: m.deliverAt,
    seq: m.seq,
    key: messageKey(module, m),
  }))
  for (const t of s.timers) items.push({ at: t.fireAt, seq: t.seq, key: `T${t.pid}${t.key}` })
  items.sort((a, b) => a.at - b.at || a.seq - b.seq)
  return items.map((i) => `${i.at - s.tick}${i.key}`).join(',')
}
