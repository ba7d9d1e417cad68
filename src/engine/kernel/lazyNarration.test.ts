import { describe, expect, it } from 'vitest'
import { multipaxos } from '../protocols/multipaxos/module.ts'
import type { MpConfig, MpTypes } from '../protocols/multipaxos/types.ts'
import type { ProtocolModule } from './module.ts'
import { narrateEvent } from './narration.ts'
import { Simulator } from './simulator.ts'
import { narrateTimerCancel } from './timerNarration.ts'
import type { KernelEvent } from './types.ts'

/**
 * The log's sentences are made when the log is read (`Simulator.log`), not as events happen: a
 * run nobody reads, and every replay after a seek back, skip the words. What a reader gets must
 * not change: every event it is handed has its sentence, the same one whenever it is made.
 */

/** Multi-Paxos whose narration counts the sentences it makes. */
function counting(): { module: ProtocolModule<MpTypes>; made: () => number } {
  let made = 0
  const words = multipaxos.narration
  const module: ProtocolModule<MpTypes> = {
    ...multipaxos,
    narration: {
      ...words,
      send: (m) => {
        made++
        return words.send(m)
      },
    },
  }
  return { module, made: () => made }
}

const config: MpConfig = { ...multipaxos.config.defaults(), lossPercent: 10, maxSteps: 600 }
const input = { seed: 3, config, interventions: [{ step: 150, action: { type: 'crash' as const, pid: 1 } }] }

/** The sentence of `e` as the kernel makes it. */
const sentence = (e: KernelEvent | { kind: string }): string =>
  e.kind === 'timer.cancel'
    ? narrateTimerCancel(multipaxos, config, e as Extract<KernelEvent, { kind: 'timer.cancel' }>)
    : narrateEvent(multipaxos, config, multipaxos.lanes(config).length, e as never)

describe('narration on reading the log', () => {
  it('makes no sentence while the run steps, and every one when the log is read', () => {
    const { module, made } = counting()
    const sim = new Simulator(module, input)
    while (sim.step()) {
      // stepping only
    }
    expect(made()).toBe(0)
    const sends = sim.log.filter((e) => e.kind === 'msg.send').length
    expect(sends).toBeGreaterThan(100)
    expect(made()).toBe(sends)
    // Read again: nothing is narrated twice.
    void sim.log
    expect(made()).toBe(sends)
  })

  it('gives each event the sentence its own fields make, read at any point of the run', () => {
    const early = new Simulator(multipaxos, input)
    const texts: string[] = []
    // Reading after every step narrates each event just after it happened, as the kernel used to.
    while (early.step()) texts.length = early.log.length
    const late = new Simulator(multipaxos, input)
    late.run()
    expect(late.log.map((e) => e.text)).toEqual(early.log.map((e) => e.text))
    expect(JSON.stringify(late.log)).toBe(JSON.stringify(early.log))
    for (const e of late.log) expect(e.text).toBe(sentence(e))
    // `text` stays the last key, as when it was stamped with the others.
    expect(Object.keys(late.log[5] ?? {}).slice(-5)).toEqual(['seq', 'step', 'tick', 'byUser', 'text'])
  })

  it('narrates the events a seek back replays, and a jump forward over known events', () => {
    const straight = new Simulator(multipaxos, input)
    straight.run()
    const whole = JSON.stringify(straight.log)
    const sim = new Simulator(multipaxos, input)
    sim.seek(400)
    const at400 = sim.log.length
    sim.seek(20) // restore and replay, unread
    sim.seek(400) // may jump over the events logged before
    expect(sim.log.length).toBe(at400)
    sim.run()
    expect(JSON.stringify(sim.log)).toBe(whole)
    expect(sim.log.every((e) => typeof e.text === 'string' && e.text.length > 0)).toBe(true)
  })
})
