import { quorumSizes, quorumsIntersect, type SimConfig } from '../engine/index.ts'
import { NumberField } from './NumberField.tsx'

/**
 * The quorum system (Flexible Paxos): majorities, or separate phase-1 and phase-2 sizes, with
 * the safety condition q1 + q2 > n checked and explained as the user types.
 */
export function QuorumFields({ c, put }: { c: SimConfig; put: (next: SimConfig) => void }) {
  const custom = c.q1 !== undefined || c.q2 !== undefined
  const n = c.processCount
  const { q1, q2 } = quorumSizes(c)
  const setMode = (toCustom: boolean): void => {
    if (toCustom) put({ ...c, q1, q2 })
    else {
      const { q1: _q1, q2: _q2, ...rest } = c
      put(rest)
    }
  }
  return (
    <>
      <label className="field">
        <span>Quorum sizes</span>
        <select value={custom ? 'custom' : 'majority'} onChange={(e) => setMode(e.target.value === 'custom')}>
          <option value="majority">majority in both phases</option>
          <option value="custom">per phase (Flexible Paxos)</option>
        </select>
      </label>
      {custom && (
        <>
          <NumberField
            label="Phase 1: promises needed (q1)"
            value={c.q1 ?? q1}
            min={1}
            max={n}
            onChange={(v) => put({ ...c, q1: v })}
          />
          <NumberField
            label="Phase 2: accepts needed (q2)"
            value={c.q2 ?? q2}
            min={1}
            max={n}
            onChange={(v) => put({ ...c, q2: v })}
          />
        </>
      )}
      <p className="muted quorum-status" role="status">
        {quorumSentence(c)}
      </p>
    </>
  )
}

/** Why this quorum system is safe or not, in the lecture's words. Pure. */
export function quorumSentence(c: SimConfig): string {
  const n = c.processCount
  const { q1, q2 } = quorumSizes(c)
  if (!Number.isInteger(q1) || !Number.isInteger(q2)) return 'Enter both quorum sizes.'
  const sum = `q1 + q2 = ${q1} + ${q2} = ${q1 + q2}`
  if (quorumsIntersect(c)) {
    return `Safe: ${sum} > ${n}, so every phase-1 quorum shares an acceptor with every phase-2 quorum, and a later proposer always hears of a value that was chosen.`
  }
  const why = `${sum} ≤ ${n}: a phase-1 quorum can miss every acceptor that accepted a chosen value, so a later proposer may choose a different one.`
  return c.bugs.smallQuorum
    ? `Unsafe, running as the broken variant: ${why}`
    : `Unsafe: ${why} Allowed only as the broken variant “Quorums too small” below.`
}
