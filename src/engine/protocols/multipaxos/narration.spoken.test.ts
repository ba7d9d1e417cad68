import { describe, expect, it } from 'vitest'
import { runProtocolPreset } from '../../index.ts'
import { multipaxos } from './module.ts'
import type { MpMsg } from './types.ts'

/**
 * A heartbeat is drawn `♥ 2.2 c6` on its arrow, but the narration and the live region that reads
 * it say it in words: a screen reader read the glyph as "black heart suit 2.2 c6" (QA F14).
 */
describe('Multi-Paxos heartbeats in words', () => {
  const heartbeat: MpMsg = { type: 'heartbeat', ballot: { round: 2, pid: 2 }, commit: 6 }

  it('keeps the glyph on the arrow and says the words elsewhere', () => {
    expect(multipaxos.narration.label(heartbeat)).toBe('♥ 2.2 c6')
    expect(multipaxos.narration.spokenLabel?.(heartbeat)).toBe('heartbeat 2.2, commit point 6')
  })

  it('no sentence of a run with heartbeats has the glyph; a received one is said in words', () => {
    const preset = multipaxos.presets.find((p) => p.id === 'mp-leader-crash')!
    const { log } = runProtocolPreset(multipaxos, preset)
    const received = log.filter(
      (e) => e.kind === 'msg.deliver' && (e.msg.payload as MpMsg).type === 'heartbeat',
    )
    expect(received.length).toBeGreaterThan(5)
    for (const e of log) expect(e.text, e.text).not.toContain('♥')
    for (const e of received) {
      const p = (e as { msg: { payload: Extract<MpMsg, { type: 'heartbeat' }> } }).msg.payload
      expect(e.text).toContain(`heartbeat ${p.ballot.round}.${p.ballot.pid}, commit point ${p.commit}`)
    }
    expect(log.map((e) => e.text)).toContain("P4 receives P1's heartbeat 1.1, commit point 0.")
  })
})
