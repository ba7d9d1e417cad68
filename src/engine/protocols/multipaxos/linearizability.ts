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

/** A client's commands the search places: answered ones, and pending writes (see the header). */
function placeable(ops: readonly ObservedOp[]): readonly ObservedOp[] {
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i] as ObservedOp
    if (o.responded === null && o.op === 'get')
      return ops.filter((x) => x.responded !== null || x.op === 'put')
  }
  return ops
}

/**
 * Search for linearizations of the per-client histories (each in sequence order), starting from
 * any of `starts` (the register's possible values before them). With `all`, every reachable final
 * value of a complete linearization is collected; otherwise the search stops at the first.
 *
 * A class rather than closures over locals: the ghost runs a search at every answered read of a
 * long run (about 460 searches of about 21 states in the 1,000-command bench run), and the
 * closures, the filtered copies of histories with nothing to filter and a `Map` of register
 * values were most of each search's cost. Pure: a search reads its inputs and returns new sets.
 */
class Search {
  private readonly hist: (readonly ObservedOp[])[]
  /** Commands placed so far, per client. */
  private readonly idx: number[]
  /**
   * A search state is (commands placed per client, register value). It is memoized as one number
   * in mixed radix (a string per state was the search's largest cost): register values (a start,
   * a written value or nil) get indexes as they are met, in this short list (a handful of values:
   * a linear scan beats a `Map`); when the radix could pass 2^53 the key falls back to a string.
   */
  private readonly regs: string[] = []
  private readonly numeric: boolean
  /** States visited: in `SEEN` (below) when every numeric key fits it, else in a set. */
  private readonly small: boolean
  private readonly seen = new Set<number | string>()
  /** The keys marked in `SEEN`, to clear them when the search ends. */
  private readonly marked: number[] = []
  readonly finals = new Set<string>()
  private states = 0

  constructor(
    clients: readonly (readonly ObservedOp[])[],
    starts: readonly string[],
    private readonly all: boolean,
  ) {
    const n = clients.length
    this.hist = new Array<readonly ObservedOp[]>(n)
    this.idx = new Array<number>(n)
    let radix = 1
    let ops = 0
    for (let c = 0; c < n; c++) {
      const h = placeable(clients[c] as readonly ObservedOp[])
      this.hist[c] = h
      this.idx[c] = 0
      radix *= h.length + 1
      ops += h.length
    }
    const keys = radix * (starts.length + 1 + ops)
    this.numeric = keys < Number.MAX_SAFE_INTEGER
    this.small = keys <= SEEN.length
  }

  /** Mark a state visited; false when it already was. */
  private firstVisit(key: number | string): boolean {
    if (this.small) {
      const k = key as number
      if (SEEN[k] === 1) return false
      SEEN[k] = 1
      this.marked.push(k)
      return true
    }
    if (this.seen.has(key)) return false
    this.seen.add(key)
    return true
  }

  /** Leave `SEEN` empty for the next search. */
  done(): void {
    const marked = this.marked
    for (let i = 0; i < marked.length; i++) SEEN[marked[i] as number] = 0
  }

  /** Done when every client has placed all its answered commands (only a pending last one may remain). */
  private complete(): boolean {
    const hist = this.hist
    for (let c = 0; c < hist.length; c++) {
      const ops = hist[c] as readonly ObservedOp[]
      const i = this.idx[c] as number
      if (!(i >= ops.length || (i === ops.length - 1 && (ops[i] as ObservedOp).responded === null)))
        return false
    }
    return true
  }

  private key(reg: string): number | string {
    if (!this.numeric) return `${this.idx.join(',')}|${reg}`
    let r = this.regs.indexOf(reg)
    if (r < 0) {
      r = this.regs.length
      this.regs.push(reg)
    }
    let key = r
    const hist = this.hist
    for (let c = 0; c < hist.length; c++)
      key = key * ((hist[c] as readonly ObservedOp[]).length + 1) + (this.idx[c] as number)
    return key
  }

  /** Place the remaining commands from this state (register value `reg`); true once one linearization is found (unless `all`). */
  visit(reg: string): boolean {
    if (this.complete()) {
      this.finals.add(reg)
      if (!this.all) return true
    }
    if (!this.firstVisit(this.key(reg))) return false
    if (++this.states > 1_000_000) throw new Error('linearizability search exceeded its limit')
    const hist = this.hist
    const idx = this.idx
    // Real time: a command may go next only if no other unplaced command was answered before it was sent.
    let firstAnswer = Infinity
    for (let c = 0; c < hist.length; c++) {
      const head = (hist[c] as readonly ObservedOp[])[idx[c] as number]
      if (head !== undefined && head.responded !== null && head.responded < firstAnswer)
        firstAnswer = head.responded
    }
    for (let c = 0; c < hist.length; c++) {
      const i = idx[c] as number
      const head = (hist[c] as readonly ObservedOp[])[i]
      if (head === undefined || head.invoked > firstAnswer) continue
      if (head.op === 'get' && head.value !== reg) continue
      idx[c] = i + 1
      const found = this.visit(head.op === 'put' ? (head.value ?? NIL) : reg)
      idx[c] = i
      if (found) return true
    }
    return false
  }
}

function search(
  clients: readonly (readonly ObservedOp[])[],
  starts: readonly string[],
  all: boolean,
): Set<string> {
  const s = new Search(clients, starts, all)
  try {
    for (let i = 0; i < starts.length; i++) if (s.visit(starts[i] as string)) break
  } finally {
    s.done()
  }
  return s.finals
}

/**
 * The visited states of the search running now, by numeric key, when they fit (the bench run's
 * searches have about a thousand possible keys and visit about 21): marking a byte was cheaper
 * than a `Set` of numbers. One search runs at a time (none calls another), and each clears the
 * bytes it marked before it returns, so every search starts from an empty one.
 */
const SEEN = new Uint8Array(1 << 16)

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
