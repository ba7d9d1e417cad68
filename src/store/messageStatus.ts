import type { Message, SimEvent } from '../engine/index.ts'
import { runIndex } from './runIndex.ts'

/** Where a message stands at the cursor. Pure. */
export type MessageStatus =
  | { readonly state: 'unsent' }
  | { readonly state: 'in-flight'; readonly msg: Message }
  | { readonly state: 'delivered'; readonly msg: Message; readonly step: number }
  | { readonly state: 'dropped'; readonly msg: Message; readonly step: number; readonly reason: string }

/** The status a message's event (its send, a delay, its delivery or drop) leaves it in. */
function statusAfter(e: SimEvent): MessageStatus {
  if (e.kind === 'msg.deliver') return { state: 'delivered', msg: e.msg, step: e.step }
  if (e.kind === 'msg.drop') return { state: 'dropped', msg: e.msg, step: e.step, reason: e.reason }
  if (e.kind === 'msg.send' || e.kind === 'msg.delay') return { state: 'in-flight', msg: e.msg }
  return { state: 'unsent' }
}

/**
 * Where message `id` stands after the first `upto` events: the last of its send, delays, delivery
 * or drop before `upto`. The run index lists where those are in the log, so this is O(their
 * number). Equals `messageStatusByReplay`. Pure.
 */
export function messageStatus(log: readonly SimEvent[], upto: number, id: number): MessageStatus {
  const at = runIndex(log).messageEvents.get(id)
  if (!at) return { state: 'unsent' }
  for (let i = at.length - 1; i >= 0; i--) {
    const pos = at[i] as number
    if (pos < upto) return statusAfter(log[pos] as SimEvent)
  }
  return { state: 'unsent' }
}

/** The reference for `messageStatus`: a scan of the whole prefix, O(upto). Pure. */
export function messageStatusByReplay(log: readonly SimEvent[], upto: number, id: number): MessageStatus {
  let status: MessageStatus = { state: 'unsent' }
  const end = Math.min(upto, log.length)
  for (let i = 0; i < end; i++) {
    const e = log[i] as SimEvent
    if (e.kind !== 'msg.send' && e.kind !== 'msg.deliver' && e.kind !== 'msg.drop' && e.kind !== 'msg.delay')
      continue
    if (e.msg.id === id) status = statusAfter(e)
  }
  return status
}
