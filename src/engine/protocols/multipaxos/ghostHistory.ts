import type { Found, History, MpGhost } from './ghost.ts'
import { finalValues, isLinearizable, type ObservedOp } from './linearizability.ts'
import type { ClientCmd, MpConfig } from './types.ts'

/**
 * The ghost's record of the client-observed history, for the linearizability invariant: each
 * client's commands since the last cut, with the ghost's own real-time clock. Plain loops: this
 * runs for every command a client sends or gets answered.
 */

/** A client sent a command (a retry of the one in progress adds nothing). Mutates `g`. */
export function onInvoke(g: MpGhost, client: number, cmd: ClientCmd): void {
  const mine = (g.ops[client] ??= { base: 0, list: [] })
  if (mine.base + mine.list.length >= cmd.seq) return
  cutIfIdle(g)
  mine.list.push({
    op: cmd.op,
    value: cmd.op === 'put' ? cmd.value : null,
    invoked: ++g.clock,
    responded: null,
  })
}

/** A client got its answer: the violation it shows, if the history is no longer linearizable. Mutates `g`. */
export function onRespond(
  g: MpGhost,
  config: MpConfig,
  client: number,
  seq: number,
  result: string,
): Found | null {
  const mine = g.ops[client]
  const i = seq - 1 - (mine?.base ?? 0)
  const op = mine?.list[i]
  if (mine === undefined || op === undefined || op.responded !== null) return null
  mine.list[i] = { ...op, responded: ++g.clock, value: op.op === 'get' ? result : op.value }
  // Only a read's answer can break linearizability: a write answered now can always be placed
  // last (every other command was sent before this moment), and it changes no read's answer.
  if (op.op === 'put') return null
  if (isLinearizable(recentOf(g, config), g.starts)) return null
  return {
    rule: 'linearizable',
    pids: [config.replicaCount + client],
    slot: null,
    detail: `C${client}'s command ${seq} returned ${result}: no order of the commands respects real time and gives that answer`,
  }
}

/** Each client's commands after the cut, in client order (an indexed loop: this runs for every answered read). */
function recentOf(g: MpGhost, config: MpConfig): (readonly ObservedOp[])[] {
  const n = config.workload.length
  const out = new Array<readonly ObservedOp[]>(n)
  for (let c = 0; c < n; c++) out[c] = g.ops[c + 1]?.list ?? NONE
  return out
}

/** A client with no command since the cut (read only). */
const NONE: readonly ObservedOp[] = Object.freeze([])

/** When no command is in progress, cut here: keep only the register's possible values. */
function cutIfIdle(g: MpGhost): void {
  // Plain loops first: this runs on every command sent, and most of the time a command is still
  // in progress (no list of the clients' records is needed then).
  let any = false
  for (let c = 0; c < g.ops.length; c++) {
    const list = g.ops[c]?.list
    if (list === undefined) continue
    for (let i = 0; i < list.length; i++) if ((list[i] as ObservedOp).responded === null) return
    if (list.length > 0) any = true
  }
  if (!any) return
  const histories = g.ops.filter((o): o is History => o !== undefined)
  g.starts = finalValues(
    histories.map((o) => o.list),
    g.starts,
  )
  for (const o of histories) {
    o.base += o.list.length
    o.list = []
  }
}
