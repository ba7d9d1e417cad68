import { clientAnswerFact, clientSendFact } from './facts.ts'
import { fmtCmd, writeValue, type ClientRecord } from './state.ts'
import { slotGet, slotSet } from './slots.ts'
import type { ClientDraft } from './step.ts'
import type { ClientCmd, ClientOp } from './types.ts'

/**
 * A client of the single-register key/value store: one command at a time, each with the next
 * sequence number. It sends to the replica it believes leads, follows redirects, and after a
 * timeout resends the same command (same sequence number) to the next replica.
 */

/** A command the user asked a client for: an operation, and for a put its own value (else scripted). */
export interface ClientAsk {
  readonly op: ClientOp
  readonly value?: string
}

/** What a client's request box accepts, in the words the box shows. */
export const CLIENT_REQUEST_HELP =
  'put (the client picks the value), put <value> (letters and digits, up to 12) or get'

/** A client request's text as a command (`put`, `put x5`, `get`; any case), or null when it is none. Pure. */
export function parseClientRequest(text: string): ClientAsk | null {
  const words = text.trim().split(/\s+/)
  const op = words[0]?.toLowerCase()
  if (op === 'get' && words.length === 1) return { op: 'get' }
  if (op !== 'put' || words.length > 2) return null
  const value = words[1]
  if (value === undefined) return { op: 'put' }
  return /^[A-Za-z0-9]{1,12}$/.test(value) ? { op: 'put', value } : null
}

/** Send a new command: the next scripted one (`ask` omitted) or one the user asked for. */
export function issue(d: ClientDraft, ask?: ClientAsk): void {
  const c = d.state
  if (c.pending !== null) {
    d.counted = { ignored: `C${c.client} is still waiting for ${fmtCmd(c.pending)}` }
    return
  }
  const ops = d.ctx.config.workload[c.client - 1] ?? []
  const next = ask?.op ?? ops[c.nextOp]
  if (next === undefined) return
  if (ask === undefined) c.nextOp++
  const seq = c.history.size + 1
  const cmd: ClientCmd =
    next === 'put'
      ? { op: 'put', client: c.client, seq, value: ask?.value ?? writeValue(c.client, seq) }
      : { op: 'get', client: c.client, seq }
  c.pending = cmd
  const sent: ClientRecord = { cmd, sentAt: d.ctx.now, answeredAt: null, result: null }
  c.history = slotSet(c.history, seq, sent)
  d.fact(clientSendFact(c.client, cmd, false, c.target, null))
  send(d, cmd)
}

function send(d: ClientDraft, cmd: ClientCmd): void {
  d.send(d.state.target, { type: 'request', cmd })
  d.setTimer('retry', d.ctx.config.clientRetryTicks)
}

/** The answer to a command: the current one completes; a late answer to an old one is ignored. */
export function onReply(d: ClientDraft, from: number, seq: number, result: string): void {
  const c = d.state
  if (c.pending === null || c.pending.seq !== seq) {
    d.counted = { ignored: `C${c.client} already has the answer to command ${seq}` }
    return
  }
  const last = slotGet(c.history, c.history.size)
  if (last === null) throw new Error(`C${c.client} has a pending command but no history`)
  const done: ClientRecord = { ...last, answeredAt: d.ctx.now, result }
  c.history = slotSet(c.history, c.history.size, done)
  c.pending = null
  c.target = from
  d.cancelTimer('retry')
  d.fact(clientAnswerFact(c.client, seq, result))
  const ops = d.ctx.config.workload[c.client - 1] ?? []
  if (c.nextOp < ops.length) d.setTimer('next', d.ctx.config.clientThinkTicks)
}

/** A non-leader named the leader: resend there at once. Without a name, wait for the timeout. */
export function onRedirect(d: ClientDraft, from: number, seq: number, leader: number | null): void {
  const c = d.state
  if (c.pending === null || c.pending.seq !== seq) {
    d.counted = { ignored: `C${c.client} is not waiting for command ${seq}` }
    return
  }
  if (leader === null || leader === c.target) {
    d.counted = { ignored: `no leader known there: C${c.client} waits for its timeout` }
    return
  }
  c.target = leader
  d.fact(clientSendFact(c.client, c.pending, true, leader, from))
  send(d, c.pending)
}

/** No answer in time: resend the same command to the next replica. */
export function onRetryTimer(d: ClientDraft): void {
  const c = d.state
  if (c.pending === null) return
  c.target = (c.target % d.ctx.config.replicaCount) + 1
  d.fact(clientSendFact(c.client, c.pending, true, c.target, null))
  send(d, c.pending)
}
