/**
 * The next-state relation of the SMR-style MultiPaxos model over the slot vector of layout.ts:
 * Next == (\E self \in Replicas: rloop(self)) \/ Terminating, where rloop(self) is, while the
 * client has not seen every request answered, one of BecomeLeader, HandlePrepare,
 * HandlePrepareReplies, TakeNewRequest, HandleAccept, HandleAcceptReplies, HandleCommitNotice, and
 * afterwards a step to "Done". Each binding of the spec's \E (a ballot, a message) yields one
 * successor, which is how TLC enumerates Next, so counting them gives TLC's "states generated".
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import {
  ACCEPTING,
  ackEvent,
  EMPTY,
  F_BALMAX,
  F_BALPREP,
  F_COMMIT,
  F_INSTS,
  F_KVALUE,
  F_LEADER,
  I_CMD,
  I_STATUS,
  I_VOTED,
  PREPARING,
  reqEvent,
  voteBal,
  voteCmd,
  voteCode,
  type Layout,
} from './layout.ts'
import { terminated } from './observed.ts'
import { SuccessorWriter } from './successorWriter.ts'

const A_BECOME_LEADER = 0
const A_HANDLE_PREPARE = 1
const A_HANDLE_PREPARE_REPLIES = 2
const A_TAKE_NEW_REQUEST = 3
const A_HANDLE_ACCEPT = 4
const A_HANDLE_ACCEPT_REPLIES = 5
const A_HANDLE_COMMIT_NOTICE = 6
const A_DONE = 7
const A_TERMINATING = 8
export const ACTION_NAMES = [
  'BecomeLeader',
  'HandlePrepare',
  'HandlePrepareReplies',
  'TakeNewRequest',
  'HandleAccept',
  'HandleAcceptReplies',
  'HandleCommitNotice',
  'Done',
  'Terminating',
] as const

/** Receives each successor `t` (a scratch vector: copy it to keep it) and how it was reached. */
export interface SuccessorSink {
  /** `r` is the replica taking the step; `src`, `bal`, `slot` name the message handled or ballot picked. */
  emit(t: Int32Array, action: number, r: number, src: number, bal: number, slot: number): void
}

export class MultiPaxosActions extends SuccessorWriter {
  /** AcceptReply threshold (one fewer with the `commit-one-short` bug). */
  private readonly commitQuorum: number

  constructor(L: Layout) {
    super(L)
    this.commitQuorum = L.c.bug === 'commit-one-short' ? L.majority - 1 : L.majority
  }

  /**
   * Emit every successor of `v`; returns how many TLC generates (an action whose guard has an
   * \E with several witnesses is emitted once but counted once per witness).
   */
  successors(v: Int32Array, sink: SuccessorSink): number {
    const L = this.L
    const t = this.t
    let count = 0
    if (terminated(L, v)) {
      let done = 0
      for (let r = 0; r < L.R; r++) {
        if (v[L.pc + r] !== 0) {
          done++
          continue
        }
        t.set(v)
        t[L.pc + r] = 1
        sink.emit(t, A_DONE, r, -1, 0, -1)
        count++
      }
      if (done === L.R) {
        t.set(v)
        sink.emit(t, A_TERMINATING, -1, -1, 0, -1)
        count++
      }
      return count
    }
    for (let r = 0; r < L.R; r++) {
      if (v[L.pc + r] !== 0) continue
      count += this.becomeLeader(v, r, sink)
      count += this.handlePrepare(v, r, sink)
      count += this.handlePrepareReplies(v, r, sink)
      count += this.takeNewRequest(v, r, sink)
      count += this.handleAccept(v, r, sink)
      count += this.handleAcceptReplies(v, r, sink)
      count += this.handleCommitNotice(v, r, sink)
    }
    return count
  }

  private becomeLeader(v: Int32Array, r: number, sink: SuccessorSink): number {
    const L = this.L
    const n = this.nb(r)
    if (v[n + F_LEADER] === r + 1) return 0
    let count = 0
    for (let b = (v[n + F_BALMAX] as number) + 1; b <= L.B; b++) {
      let used = false
      for (let q = 0; q < L.R && !used; q++) used = v[L.prepare + q * L.B + b - 1] === 1
      if (used) continue
      const t = this.t
      t.set(v)
      t[n + F_LEADER] = r + 1
      t[n + F_BALPREP] = 0
      t[n + F_BALMAX] = b
      this.demoteAccepting(r)
      t[L.prepare + r * L.B + b - 1] = 1
      this.sendPrepareReply(r, b)
      sink.emit(t, A_BECOME_LEADER, r, r, b, -1)
      count++
    }
    return count
  }

  private handlePrepare(v: Int32Array, r: number, sink: SuccessorSink): number {
    const L = this.L
    const n = this.nb(r)
    let count = 0
    for (let q = 0; q < L.R; q++) {
      for (let b = (v[n + F_BALMAX] as number) + 1; b <= L.B; b++) {
        if (v[L.prepare + q * L.B + b - 1] !== 1) continue
        const t = this.t
        t.set(v)
        t[n + F_LEADER] = q + 1
        t[n + F_BALMAX] = b
        this.demoteAccepting(r)
        this.sendPrepareReply(r, b)
        sink.emit(t, A_HANDLE_PREPARE, r, q, b, -1)
        count++
      }
    }
    return count
  }

  private handlePrepareReplies(v: Int32Array, r: number, sink: SuccessorSink): number {
    const L = this.L
    const n = this.nb(r)
    const bal = v[n + F_BALMAX] as number
    if (v[n + F_LEADER] !== r + 1 || v[n + F_BALPREP] !== 0 || bal < 1) return 0
    let replies = 0
    for (let q = 0; q < L.R; q++) if (v[L.prepareReply + (q * L.B + bal - 1) * L.prSize] === 1) replies++
    if (replies < L.majority) return 0
    const t = this.t
    t.set(v)
    t[n + F_BALPREP] = bal
    for (let s = 0; s < L.N; s++) {
      // PeakVotedCmd(prs, s): the command of the highest-ballot vote, or nil if none voted.
      let topBal = 0
      let peak = 0
      for (let q = 0; q < L.R; q++) {
        const at = L.prepareReply + (q * L.B + bal - 1) * L.prSize
        if (v[at] !== 1) continue
        const code = v[at + 1 + s] as number
        const vb = voteBal(L.N, code)
        if (vb > topBal) {
          topBal = vb
          peak = voteCmd(L.N, code)
        } else if (vb === topBal && vb > 0 && voteCmd(L.N, code) !== peak)
          throw new Error(`two commands voted in ballot ${vb} for slot ${s + 1}`)
      }
      const i = n + F_INSTS + 3 * s
      const status = t[i + I_STATUS] as number
      if (status === PREPARING || (status === EMPTY && peak !== 0)) t[i + I_STATUS] = ACCEPTING
      t[i + I_CMD] = peak
    }
    for (let s = 0; s < L.N; s++) {
      const i = n + F_INSTS + 3 * s
      if (t[i + I_STATUS] === ACCEPTING) this.sendAccept(r, bal, s, t[i + I_CMD] as number)
    }
    sink.emit(t, A_HANDLE_PREPARE_REPLIES, r, -1, bal, -1)
    return 1
  }

  private takeNewRequest(v: Int32Array, r: number, sink: SuccessorSink): number {
    const L = this.L
    const n = this.nb(r)
    const bal = v[n + F_BALPREP] as number
    if (v[n + F_LEADER] !== r + 1 || bal !== v[n + F_BALMAX]) return 0
    let slot = -1
    let seen = 0
    for (let s = 0; s < L.N; s++) {
      const i = n + F_INSTS + 3 * s
      if (slot < 0 && v[i + I_STATUS] === EMPTY) slot = s
      seen |= 1 << (v[i + I_CMD] as number)
    }
    if (slot < 0) return 0
    // TLC enumerates the guard `\E s \in Slots: status = "Empty"` like any \E of an action:
    // one (identical) successor per empty slot.
    let empty = 0
    for (let s = 0; s < L.N; s++) if (v[n + F_INSTS + 3 * s + I_STATUS] === EMPTY) empty++
    let cmd = 0
    for (let k = 0; k < L.N && cmd === 0; k++) {
      const c = v[L.pending + k] as number
      if (c === 0) break
      if (!(seen & (1 << c))) cmd = c
    }
    if (cmd === 0) return 0
    const t = this.t
    t.set(v)
    const i = n + F_INSTS + 3 * slot
    t[i + I_STATUS] = ACCEPTING
    t[i + I_CMD] = cmd
    t[i + I_VOTED] = voteCode(L.N, bal, cmd)
    this.sendAccept(r, bal, slot, cmd)
    this.sendAcceptReply(r, bal, slot)
    this.observe(reqEvent(cmd))
    sink.emit(t, A_TAKE_NEW_REQUEST, r, -1, bal, slot)
    return empty
  }

  private handleAccept(v: Int32Array, r: number, sink: SuccessorSink): number {
    const L = this.L
    const n = this.nb(r)
    const balMax = v[n + F_BALMAX] as number
    let count = 0
    for (let q = 0; q < L.R; q++) {
      for (let b = Math.max(1, balMax); b <= L.B; b++) {
        for (let s = 0; s < L.N; s++) {
          const m = v[L.accept + (q * L.B + b - 1) * L.N + s] as number
          if (m === 0) continue
          const i = n + F_INSTS + 3 * s
          if (b <= voteBal(L.N, v[i + I_VOTED] as number)) continue
          const t = this.t
          t.set(v)
          t[n + F_LEADER] = q + 1
          t[n + F_BALMAX] = b
          t[i + I_STATUS] = ACCEPTING
          t[i + I_CMD] = m - 1
          t[i + I_VOTED] = voteCode(L.N, b, m - 1)
          if (L.c.bug !== 'no-accept-reply') this.sendAcceptReply(r, b, s)
          sink.emit(t, A_HANDLE_ACCEPT, r, q, b, s)
          count++
        }
      }
    }
    return count
  }

  private handleAcceptReplies(v: Int32Array, r: number, sink: SuccessorSink): number {
    const L = this.L
    const n = this.nb(r)
    const bal = v[n + F_BALPREP] as number
    const s = v[n + F_COMMIT] as number
    if (v[n + F_LEADER] !== r + 1 || bal !== v[n + F_BALMAX] || s >= L.N) return 0
    if (v[n + F_INSTS + 3 * s + I_STATUS] !== ACCEPTING) return 0
    let replies = 0
    if (bal >= 1)
      for (let q = 0; q < L.R; q++) if (v[L.acceptReply + (q * L.B + bal - 1) * L.N + s] === 1) replies++
    if (replies < this.commitQuorum) return 0
    const t = this.t
    t.set(v)
    const old = v[n + F_KVALUE] as number
    const cmd = this.commit(r, s)
    this.observe(ackEvent(L.N, L.W, cmd, old))
    // Resolve(cmd): remove it from pending, keeping the order of the rest.
    let k = 0
    for (let j = 0; j < L.N; j++) {
      const c = v[L.pending + j] as number
      if (c !== cmd) t[L.pending + k++] = c
    }
    while (k < L.N) t[L.pending + k++] = 0
    t[L.commitNotice + s] = 1
    sink.emit(t, A_HANDLE_ACCEPT_REPLIES, r, -1, bal, s)
    return 1
  }

  private handleCommitNotice(v: Int32Array, r: number, sink: SuccessorSink): number {
    const L = this.L
    const n = this.nb(r)
    const s = v[n + F_COMMIT] as number
    if (v[n + F_LEADER] === r + 1 || s >= L.N) return 0
    if (v[n + F_INSTS + 3 * s + I_STATUS] !== ACCEPTING || v[L.commitNotice + s] !== 1) return 0
    this.t.set(v)
    this.commit(r, s)
    sink.emit(this.t, A_HANDLE_COMMIT_NOTICE, r, -1, 0, s)
    return 1
  }
}
