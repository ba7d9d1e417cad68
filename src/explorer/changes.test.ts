import { describe, expect, it } from 'vitest'
import { paxos, runToEnd, Simulator, type SimEvent } from '../engine/index.ts'
import { Simulator as KernelSimulator } from '../engine/kernel/simulator.ts'
import { multipaxos } from '../engine/protocols/multipaxos/module.ts'
import { allPresets, presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { describeChange } from './changes.ts'
import { createSimSearch, type SimBudgets } from './simSearch.ts'

const NONE: SimBudgets = { reorders: 0, drops: 0, duplicates: 0, crashes: 0, recoveries: 0, proposals: 0 }

/** The state of `basic` after `step` steps. */
function basicAt(step: number) {
  const p = presetById('basic')!
  const sim = new Simulator(toRunInput(p.scenario))
  sim.seek(step)
  return sim.state
}

describe('the explorer changes, in words', () => {
  it('names the message a reordering overtakes: the one the scheduler would have delivered', () => {
    const s = basicAt(0)
    const [due, later] = [...s.inFlight].sort((a, b) => a.deliverAt - b.deliverAt || a.seq - b.seq)
    const c = describeChange(paxos, s, { type: 'deliver', msgId: later!.id })
    expect(c.text).toBe(`delivered #${later!.id} (prepare 1.1, P1→P${later!.to}) before #${due!.id}`)
    // A delivery is a step of its own: it is seen at the next step.
    expect(c).toMatchObject({ atStep: 0, showStep: 1 })
  })

  it('says what was dropped, duplicated, crashed, recovered and proposed, seen at the same step', () => {
    const s = basicAt(2)
    const m = s.inFlight.find((x) => x.from !== x.to)!
    const label = `#${m.id} (prepare 1.1, P${m.from}→P${m.to})`
    expect(describeChange(paxos, s, { type: 'drop', msgId: m.id })).toEqual({
      atStep: 2,
      showStep: 2,
      text: `dropped ${label}`,
    })
    expect(describeChange(paxos, s, { type: 'duplicate', msgId: m.id }).text).toBe(`duplicated ${label}`)
    expect(describeChange(paxos, s, { type: 'crash', pid: 2 }).text).toBe('crashed P2')
    expect(describeChange(paxos, s, { type: 'recover', pid: 2 }).text).toBe('recovered P2')
    expect(describeChange(paxos, s, { type: 'propose', pid: 3, value: 'X' }).text).toBe(
      'asked P3 to propose X',
    )
  })

  // Each change's step really shows it: the log at `showStep` holds the event the change caused.
  const shows = (e: SimEvent, c: { text: string }): boolean => {
    const id = /#(\d+)/.exec(c.text)?.[1]
    const pid = /P(\d+)/.exec(c.text)?.[1]
    if (c.text.startsWith('dropped')) return e.kind === 'msg.drop' && String(e.msg.id) === id
    if (c.text.startsWith('delivered')) return e.kind === 'msg.deliver' && String(e.msg.id) === id
    if (c.text.startsWith('duplicated')) return e.kind === 'msg.send' && String(e.msg.dupOf) === id
    if (c.text.startsWith('crashed')) return e.kind === 'proc.crash' && String(e.pid) === pid
    if (c.text.startsWith('recovered')) return e.kind === 'proc.recover' && String(e.pid) === pid
    if (c.text.startsWith('asked')) return e.kind === 'proposal.start' && String(e.pid) === pid
    if (c.text.startsWith('fired')) return e.kind === 'timer.fire' && String(e.pid) === pid
    return false
  }

  for (const p of allPresets().filter((q) => q.explore)) {
    it(`${p.id}: one change per intervention the explorer added, each shown at its step`, () => {
      const ex = p.explore!
      const search = createSimSearch(
        { ...p.scenario, interventions: ex.interventions },
        {
          fromStep: 0,
          goal: { id: 'agreement' },
          budgets: { ...NONE, ...ex.budgets },
          bounds: { maxDepth: 200, maxStates: 200_000 },
        },
      )
      let r = search.runFor(10_000)
      while (!r.done) r = search.runFor(10_000)
      const changes = r.foundChanges!
      const added = r.found!.interventions.slice(ex.interventions.length)
      expect(changes.map((c) => c.atStep)).toEqual(added.map((iv) => iv.step))
      const log = runToEnd(toRunInput(r.found!)).log
      for (const c of changes)
        expect(
          log.some((e) => e.step === c.showStep && shows(e, c)),
          c.text,
        ).toBe(true)
    }, 30_000)
  }
})

describe('the explorer changes of a Multi-Paxos run, in its words', () => {
  it('names clients C1… and uses Multi-Paxos labels, never P<pid> for a client or a Paxos label', () => {
    const p = multipaxos.presets.find((q) => q.id === 'mp-steady')!
    const sim = new KernelSimulator(multipaxos, {
      seed: p.seed,
      config: p.config,
      interventions: p.interventions,
    })
    // The first step where a client's request is on its way to a replica.
    let m = undefined as (typeof sim.state.inFlight)[number] | undefined
    for (let step = 0; step < 200 && !m; step++) {
      sim.seek(step)
      m = sim.state.inFlight.find((x) => x.from > p.config.replicaCount)
    }
    expect(m).toBeDefined()
    const s = sim.state
    const client = multipaxos.app!.processName(p.config, m!.from)
    expect(client).toMatch(/^C\d+$/)
    const label = multipaxos.narration.label(m!.payload)
    expect(describeChange(multipaxos, s, { type: 'drop', msgId: m!.id }).text).toBe(
      `dropped #${m!.id} (${label}, ${client}→P${m!.to})`,
    )
    expect(describeChange(multipaxos, s, { type: 'crash', pid: m!.from }).text).toBe(`crashed ${client}`)
    expect(describeChange(multipaxos, s, { type: 'propose', pid: m!.from, value: 'get' }).text).toBe(
      `asked ${client} to send a read`,
    )
    expect(label).not.toMatch(/prepare|promise|accept 1\./)
  })
})
