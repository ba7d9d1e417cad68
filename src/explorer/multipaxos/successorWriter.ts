/**
 * The writes MultiPaxos's actions share (actions.ts), into the scratch successor `t`: sending its
 * messages (Prepare replies, Accepts, Accept replies), observing a client event, demoting a node's
 * accepting instances, committing a slot. Pure but for `t`: no DOM, no clocks, no randomness.
 */
import {
  ACCEPTING,
  COMMITTED,
  F_COMMIT,
  F_INSTS,
  F_KVALUE,
  I_CMD,
  I_STATUS,
  I_VOTED,
  PREPARING,
  type Layout,
} from './layout.ts'

export class SuccessorWriter {
  /** The successor being written (a scratch vector, handed to the sink). */
  protected readonly t: Int32Array

  constructor(readonly L: Layout) {
    this.t = new Int32Array(L.size)
  }

  /** Where node r's fields start in a state vector. */
  protected nb(r: number): number {
    return this.L.node + r * this.L.nodeSize
  }

  /** status "Accepting" becomes "Preparing" in every instance of node r (in t). */
  protected demoteAccepting(r: number): void {
    const L = this.L
    const t = this.t
    for (let s = 0; s < L.N; s++) {
      const i = this.nb(r) + F_INSTS + 3 * s + I_STATUS
      if (t[i] === ACCEPTING) t[i] = PREPARING
    }
  }

  /** Send PrepareReply(r, bal, votes of node r in t). */
  protected sendPrepareReply(r: number, bal: number): void {
    const L = this.L
    const t = this.t
    const at = L.prepareReply + (r * L.B + bal - 1) * L.prSize
    const present = t[at] === 1
    for (let s = 0; s < L.N; s++) {
      const vote = t[this.nb(r) + F_INSTS + 3 * s + I_VOTED] as number
      if (present && t[at + 1 + s] !== vote)
        throw new Error(`two PrepareReply messages from one replica in ballot ${bal}`)
      t[at + 1 + s] = vote
    }
    t[at] = 1
  }

  protected sendAccept(r: number, bal: number, slot: number, cmd: number): void {
    const L = this.L
    if (bal < 1) throw new Error('an Accept message with ballot 0')
    const i = L.accept + (r * L.B + bal - 1) * L.N + slot
    const old = this.t[i] as number
    if (old !== 0 && old !== cmd + 1) throw new Error(`two commands for slot ${slot + 1} in ballot ${bal}`)
    this.t[i] = cmd + 1
  }

  protected sendAcceptReply(r: number, bal: number, slot: number): void {
    const L = this.L
    if (bal < 1) throw new Error('an AcceptReply message with ballot 0')
    this.t[L.acceptReply + (r * L.B + bal - 1) * L.N + slot] = 1
  }

  /** Append event `e` to observed unless it is there already. */
  protected observe(e: number): void {
    const L = this.L
    const t = this.t
    for (let i = 0; i < L.events; i++) {
      const x = t[L.observed + i] as number
      if (x === e + 1) return
      if (x === 0) {
        t[L.observed + i] = e + 1
        return
      }
    }
  }

  /** Apply the command of slot s (0-based) at node r in t: commit it and update kvalue. */
  protected commit(r: number, s: number): number {
    const L = this.L
    const t = this.t
    const n = this.nb(r)
    const i = n + F_INSTS + 3 * s
    const cmd = t[i + I_CMD] as number
    t[i + I_STATUS] = COMMITTED
    t[n + F_COMMIT] = s + 1
    if (cmd >= 1 && cmd <= L.W) t[n + F_KVALUE] = cmd
    return cmd
  }
}
