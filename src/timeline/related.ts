import type { LogIndex } from './logIndex.ts'
import { sentCount } from './arrows.ts'

/**
 * The messages to highlight with message `id` at the cursor: the message itself, the request it
 * answers or the reply that answered it, the quorum that reply belongs to (every reply to the
 * same proposer for the same ballot and phase), and its original or its duplicates. Only messages
 * sent by the cursor count. O(quorum size). Pure.
 */
export function relatedMessages(index: LogIndex, id: number, cursorStep: number): Set<number> {
  const out = new Set<number>()
  const count = sentCount(index, cursorStep)
  const add = (m: number | null): void => {
    if (m !== null && m >= 1 && m <= count) out.add(m)
  }
  const rec = index.messages[id - 1]
  if (!rec || id > count) return out
  add(id)
  add(rec.requestId)
  add(rec.replyId)
  add(rec.dupOf)
  for (const copy of index.copies.get(id) ?? []) add(copy)
  const reply = rec.replyId !== null ? index.messages[rec.replyId - 1] : rec
  const reachable = reply && reply.sendStep <= cursorStep
  const quorum = reachable && reply.quorumKey ? (index.quorums.get(reply.quorumKey) ?? []) : []
  for (const member of quorum) {
    add(member)
    add(index.messages[member - 1]?.requestId ?? null)
  }
  return out
}

/** What one arrow looks like in the current highlight. */
export type Emphasis = 'normal' | 'focus' | 'related' | 'dim'

/** The emphasis of message `id` given the hovered/focused message and its related set. Pure. */
export function emphasisOf(id: number, activeId: number | null, related: ReadonlySet<number>): Emphasis {
  if (activeId === null) return 'normal'
  if (id === activeId) return 'focus'
  return related.has(id) ? 'related' : 'dim'
}
