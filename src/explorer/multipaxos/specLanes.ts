/**
 * The lanes of a MultiPaxos.tla run at every step, from the steps' own facts: which replica leads
 * which ballot (BecomeLeader), whom a replica follows (HandlePrepare, HandleAccept), how far it has
 * committed (HandleAcceptReplies, HandleCommitNotice), and what the client saw last.
 *
 * Pure: no DOM, no clocks, no randomness.
 */
import type { SpecLane } from '../specLog.ts'
import type { MultiPaxosStep } from './trace.ts'

interface Replica {
  role: string | null
  bal: number | null
  committed: number
  done: boolean
}

const num = (text: string, re: RegExp): number | null => {
  const m = re.exec(text)
  return m ? Number(m[1]) : null
}

/** `lanes[k]`: s1..sR and the client after step k (k = 0: the initial state). */
export function lanesOf(steps: readonly MultiPaxosStep[], replicas: number): SpecLane[][] {
  const rs: Replica[] = Array.from({ length: replicas }, () => ({
    role: null,
    bal: null,
    committed: 0,
    done: false,
  }))
  let lastSeen: string | null = null
  const snapshot = (): SpecLane[] => [
    ...rs.map((r, i) => {
      const parts = [r.done ? 'done' : r.role, r.committed > 0 ? `commit ${r.committed}` : null]
      const text = parts.filter((x) => x !== null).join(' · ')
      return {
        name: `s${i + 1}`,
        up: true,
        text: text || null,
        tone: r.done ? ('done' as const) : r.role ? ('running' as const) : ('idle' as const),
        colourKey: r.bal === null ? null : `bal ${r.bal}`,
      }
    }),
    { name: 'client', up: true, text: lastSeen, tone: 'idle' as const, colourKey: null },
  ]
  const out = [snapshot()]
  for (const st of steps) {
    const r = st.replica === null ? null : rs[Number(st.replica.slice(1)) - 1]
    const bal = num(st.label, /bal (\d+)/)
    const slot = num(st.label, /slot (\d+)/)
    if (r) {
      if (st.action === 'BecomeLeader') {
        r.role = `leader b${bal}`
        r.bal = bal
      } else if (st.action === 'HandlePrepare' || st.action === 'HandleAccept') {
        r.role = `follows s${num(st.label, /from s(\d+)/)}`
        r.bal = bal
      } else if ((st.action === 'HandleAcceptReplies' || st.action === 'HandleCommitNotice') && slot !== null)
        r.committed = slot
      else if (st.action === 'Done') r.done = true
    }
    const seen = st.observed.at(-1)
    if (seen !== undefined) lastSeen = `saw ${seen}`
    out.push(snapshot())
  }
  return out
}
