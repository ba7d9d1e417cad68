/**
 * Linearizability of a single register's client-observed history (as in the MultiPaxos-SMR TLA+
 * model): is there one total order of the commands, respecting real time (a command answered
 * before another was sent comes first), in which every read returns the last write before it?
 *
 * Each client is sequential, so a search state is "how many commands of each client are placed"
 * plus the register's value; memoizing failed states keeps the search polynomial for a few
 * clients (Wing & Gong's search with Lowe's memoization). A command still waiting for its answer
 * may or may not have taken effect: a pending write may be placed anywhere after it was sent, or
 * left out; a pending read constrains nothing and is left out. Pure.
 */

export interface ObservedOp {
  readonly op: 'put' | 'get'
  /** put: the value written (unique per command); get: the value returned, once answered. */
  readonly value: string | null
  /** When the command was first sent (any clock that orders the history's events). */
  readonly invoked: number
  /** When its answer arrived, or null while pending. */
  readonly responded: number | null
}

/** The register's value before any write, as reads report it. */
export const NIL = 'nil'

/**
 * Search for linearizations of the per-client histories (each in sequence order), starting from
 * any of `starts` (the register's possible values before them). With `all`, every reachable final
 * value of a complete linearization is collected; otherwise the search stops at the first. Pure.
 */
function search(
  clients: readonly (readonly ObservedOp[])[],
  starts: readonly string[],
  all: boolean,
): Set<string> {
  const hist = clients.map((ops) => ops.filter((o) => o.responded !== null || o.op === 'put'))
  const idx = hist.map(() => 0)
  // A search state is (commands placed per client, register value). It is memoized as one number
  // in mixed radix (a string per state was the search's largest cost): register values (a start,
  // a written value or nil) get indexes as they are met; when the radix could pass 2^53 the key
  // falls back to a string.
  const regs = new Map<string, number>()
  let radix = 1
  for (const ops of hist) radix *= ops.length + 1
  const numeric =
    radix * (starts.length + 1 + hist.reduce((n, ops) => n + ops.length, 0)) < Number.MAX_SAFE_INTEGER
  const seen = new Set<number | string>()
  const finals = new Set<string>()
  let states = 0

  // Done when every client has placed all its answered commands (only a pending last one may remain).
  const complete = (): boolean => {
    for (let c = 0; c < hist.length; c++) {
      const ops = hist[c] ?? []
      const i = idx[c] ?? 0
      if (!(i >= ops.length || (i === ops.length - 1 && ops[i]?.responded === null))) return false
    }
    return true
  }

  const visit = (reg: string): boolean => {
    if (complete()) {
      finals.add(reg)
      if (!all) return true
    }
    let key: number | string
    if (numeric) {
      let r = regs.get(reg)
      if (r === undefined) regs.set(reg, (r = regs.size))
      key = r
      for (let c = 0; c < hist.length; c++)
        key = key * ((hist[c] as readonly ObservedOp[]).length + 1) + (idx[c] ?? 0)
    } else key = `${idx.join(',')}|${reg}`
    if (seen.has(key)) return false
    seen.add(key)
    if (++states > 1_000_000) throw new Error('linearizability search exceeded its limit')
    // Real time: a command may go next only if no other unplaced command was answered before it was sent.
    let firstAnswer = Infinity
    for (let c = 0; c < hist.length; c++) {
      const head = (hist[c] ?? [])[idx[c] ?? 0]
      if (head?.responded != null) firstAnswer = Math.min(firstAnswer, head.responded)
    }
    for (let c = 0; c < hist.length; c++) {
      const ops = hist[c] ?? []
      const i = idx[c] ?? 0
      const head = ops[i]
      if (head === undefined || head.invoked > firstAnswer) continue
      if (head.op === 'get' && head.value !== reg) continue
      idx[c] = i + 1
      const found = visit(head.op === 'put' ? (head.value ?? NIL) : reg)
      idx[c] = i
      if (found) return true
    }
    return false
  }
  for (const start of starts) if (visit(start)) break
  return finals
}

/** True when the histories are linearizable from one of `starts`. Pure. */
export function isLinearizable(
  clients: readonly (readonly ObservedOp[])[],
  starts: readonly string[] = [NIL],
): boolean {
  return search(clients, starts, false).size > 0
}

/**
 * The register's possible values after every complete linearization of fully answered histories
 * (sorted). Used to cut a history at a moment when no command is in progress: everything before
 * such a moment is ordered before everything after it, so only these values carry over. Pure.
 */
export function finalValues(
  clients: readonly (readonly ObservedOp[])[],
  starts: readonly string[],
): string[] {
  return [...search(clients, starts, true)].sort()
}
