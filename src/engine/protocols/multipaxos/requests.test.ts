import { describe, expect, it } from 'vitest'
import { textTraceOf } from '../../index.ts'
import { Simulator } from '../../kernel/simulator.ts'
import { parseClientRequest } from './client.ts'
import { multipaxos } from './module.ts'

/**
 * A request typed at a client is a command it can send (`put`, `put <value>`, `get`) or it is
 * refused, changing nothing: "put x 5", "hello" or "put(z)" used to send the client's scripted put.
 * At a replica a request means one thing (campaign now), and the app offers it as a button.
 */

const steady = multipaxos.presets.find((p) => p.id === 'mp-steady')
if (!steady) throw new Error('no mp-steady')
const config = steady.config
const c1 = config.replicaCount + 1

/** mp-steady with one request at C1 at step 0 (before its script starts): the trace. */
function traceWith(value: string | null): string {
  const sim = new Simulator(multipaxos, {
    seed: steady!.seed,
    config: { ...config, maxSteps: 40 },
    interventions: value === null ? [] : [{ step: 0, action: { type: 'propose', pid: c1, value } }],
  })
  sim.run()
  return textTraceOf(multipaxos, config, sim.log)
}

describe('Multi-Paxos requests', () => {
  it('reads put, put <value> and get, any case, and nothing else', () => {
    expect(parseClientRequest('put')).toEqual({ op: 'put' })
    expect(parseClientRequest(' PUT x5 ')).toEqual({ op: 'put', value: 'x5' })
    expect(parseClientRequest('get')).toEqual({ op: 'get' })
    for (const bad of ['put x 5', 'hello', 'put(z)', 'get x', 'put x-5', 'put abcdefghijklm', ''])
      expect(parseClientRequest(bad)).toBeNull()
  })

  it('a client sends the put with the value typed', () => {
    expect(traceWith('put x5')).toContain('C1.1:put(x5)')
  })

  it('the kernel refuses any other text at a client, and nothing is sent', () => {
    const untouched = traceWith(null)
    for (const bad of ['put x 5', 'hello', 'put(z)']) {
      const lines = traceWith(bad).split('\n')
      const refusal = lines.filter((l) => l.includes('intervention.invalid'))
      expect(refusal).toHaveLength(1)
      expect(refusal[0]).toMatch(/C1 takes put/)
      expect(lines.filter((l) => !l.includes('intervention.invalid')).join('\n')).toBe(untouched)
    }
  })

  it('a refused request is said in Multi-Paxos words: a write, a read or a campaign, never "propose"', () => {
    const refusals = (
      interventions: { step: number; action: { type: 'propose'; pid: number; value: string } }[],
    ) => {
      const sim = new Simulator(multipaxos, {
        seed: steady!.seed,
        config: { ...config, maxSteps: 60 },
        interventions,
      })
      sim.run()
      return sim.log.filter((e) => e.kind === 'intervention.invalid').map((e) => e.text)
    }
    // Two writes at C1 in one step: the second finds C1 waiting for the first's answer.
    const twice = { step: 0, action: { type: 'propose' as const, pid: c1, value: 'put' } }
    const read = { step: 0, action: { type: 'propose' as const, pid: c1, value: 'get' } }
    expect(refusals([twice, twice, read])).toEqual([
      'Ignored: asked C1 to send a write, but C1 is still waiting for an answer.',
      'Ignored: asked C1 to send a read, but C1 is still waiting for an answer.',
    ])
    expect(refusals([{ step: 0, action: { type: 'propose', pid: c1, value: 'hello' } }])).toEqual([
      `Ignored: asked C1 to send "hello", but C1 takes put (the client picks the value), put <value> (letters and digits, up to 12) or get.`,
    ])
    expect(refusals([{ step: 30, action: { type: 'propose', pid: 1, value: 'campaign' } }])).toEqual([
      'Ignored: asked P1 to campaign for leadership, but P1 already leads.',
    ])
  })

  it('says per process what a request means: a command box at a client, an election button at a replica', () => {
    const sim = new Simulator(multipaxos, { seed: steady.seed, config, interventions: [] })
    const forms = sim.state.procs.map((p) => multipaxos.requestForm?.(p.local))
    expect(forms[0]).toEqual({ kind: 'button', label: 'Start an election (phase 1)', value: 'campaign' })
    expect(forms[c1 - 1]).toMatchObject({ kind: 'text', label: 'Command' })
    expect(multipaxos.requestProblem(sim.state.procs[c1 - 1]!.local, 'hello')).toMatch(/C1 takes put/)
    expect(multipaxos.requestProblem(sim.state.procs[c1 - 1]!.local, 'get')).toBeNull()
  })
})
