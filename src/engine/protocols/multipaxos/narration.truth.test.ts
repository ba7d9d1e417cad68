import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../kernel/module.ts'
import { intBetween, streamSeed, type Rng } from '../../kernel/prng.ts'
import { Simulator } from '../../kernel/simulator.ts'
import type { LogEvent, Message, ScheduledIntervention } from '../../kernel/types.ts'
import { defaultMpConfig, NO_BUGS } from './config.ts'
import { multipaxos } from './module.ts'
import { fmtBallot, fmtCmd, majority } from './state.ts'
import type { MpBugs, MpConfig, MpEvent, MpMsg, MpTypes } from './types.ts'

/**
 * Every sentence Synod says about a Multi-Paxos run is true of the run (issue 14, the Paxos twin
 * is paxos/narration.test.ts). For every preset and for random faulty runs this reads each
 * sentence and checks its claims against the log: "(k of n needed for phase 1 of ballot b)" counts
 * the distinct promises the candidate counted, "(k of n needed for slot s at ballot b)" the
 * distinct acceptors whose `accepted` for s the leader counted, a new leader re-proposes exactly
 * the highest-ballot command its counted promises reported and fills with no-ops only slots none
 * reported, "chosen: a majority (…) accepted it" names acceptors that accepted it, a replica
 * learns and executes the chosen command, and a client's answer is the reply it received.
 */

type Ev = LogEvent<RunEvent<MpTypes>>
type Of<K extends string> = Extract<Ev, { kind: K }>
type Fail = (e: Ev, why: string) => never

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

function checkRun(log: readonly Ev[], config: MpConfig, label: string): number {
  const fail: Fail = (e, why) => {
    throw new Error(`${label} step ${e.step}: "${e.text}" ${why}`)
  }
  const bugs = config.bugs
  const n = majority(config.replicaCount)
  let claims = 0
  // (pid|ballot) → senders of counted promises, with what they reported; (pid|ballot|slot) → acceptors.
  const promises = new Map<string, Map<number, MpMsg & { type: 'promise' }>>()
  const accepteds = new Map<string, Set<number>>()
  const chosen = new Map<number, string>()
  const committed = new Map<string, string>()
  const forget = (pid: number): void => {
    for (const m of [promises, accepteds]) for (const k of m.keys()) if (k.startsWith(`${pid}|`)) m.delete(k)
  }
  log.forEach((e, i) => {
    if (e.kind === 'proc.crash') forget(e.pid)
    const ev = e as unknown as Ev & MpEvent
    if (ev.kind === 'leader.campaign') forget(ev.pid)
    if (e.kind === 'msg.deliver') claims += checkDelivery(e as Of<'msg.deliver'>)
    if (ev.kind === 'leader.elected') claims += checkElected(e, ev)
    if (ev.kind === 'slot.chosen') {
      claims++
      const cmd = fmtCmd(ev.cmd)
      if (ev.acceptors.length < n) fail(e, `but only ${ev.acceptors.length} acceptors are named`)
      for (const a of ev.acceptors) {
        const did = log.slice(0, i).some((d) => {
          const a2 = d as unknown as MpEvent
          return (
            a2.kind === 'acceptor.accept' &&
            a2.pid === a &&
            a2.slot === ev.slot &&
            sameJson(a2.ballot, ev.ballot) &&
            fmtCmd(a2.cmd) === cmd
          )
        })
        if (!did) fail(e, `but P${a} never accepted ${cmd} in slot ${ev.slot} at ${fmtBallot(ev.ballot)}`)
      }
      if (!chosen.has(ev.slot)) chosen.set(ev.slot, cmd)
    }
    if (ev.kind === 'slot.commit') {
      const cmd = fmtCmd(ev.cmd)
      // A commit without a majority (the commit-short bug) never claims one.
      if (bugs.commitOneShort) {
        claims++
        if (/is chosen|a majority accepted/.test(e.text))
          fail(e, 'but under the commit-short bug no majority is needed')
        if (
          ev.via === 'quorum' &&
          !e.text.includes(`after ${Math.max(1, n - 1)} accepts, one short of a majority`)
        )
          fail(e, `but it commits after ${Math.max(1, n - 1)} accepts`)
      }
      // With every bug off, what a replica learns is what was chosen (a broken variant may not).
      if (!Object.values(bugs).some(Boolean)) {
        claims++
        if (chosen.get(ev.slot) !== cmd) fail(e, `but ${chosen.get(ev.slot) ?? 'nothing'} was chosen there`)
      }
      committed.set(`${ev.pid}|${ev.slot}`, cmd)
    }
    if (ev.kind === 'slot.execute') {
      claims++
      const had = committed.get(`${ev.pid}|${ev.slot}`)
      if (had !== fmtCmd(ev.cmd)) fail(e, `but P${ev.pid} had learned ${had ?? 'nothing'} in slot ${ev.slot}`)
    }
    if (ev.kind === 'client.send') {
      // One sentence: the client's send is said whole, with the send it announces (next in the log).
      claims++
      const send = log[i + 1]
      const p = send?.kind === 'msg.send' ? (send.msg.payload as MpMsg) : undefined
      if (send?.kind !== 'msg.send' || p?.type !== 'request' || fmtCmd(p.cmd) !== fmtCmd(ev.cmd))
        fail(e, 'but the next event is not the send of that command')
      const to = `P${(send as Of<'msg.send'>).msg.to}`
      if (!e.text.includes(`to ${to}`)) fail(e, `but the command goes to ${to}`)
      if (!e.text.includes(send!.text.replace(/\.$/, '')))
        fail(e, `does not say the send ("${send!.text}") whole`)
      if (ev.redirectedBy !== null) {
        const deliver = log
          .slice(0, i)
          .findLast((d): d is Of<'msg.deliver'> => d.kind === 'msg.deliver' && d.step === e.step)
        const r = deliver?.msg.payload as MpMsg | undefined
        if (r?.type !== 'redirect' || r.leader !== ev.to || deliver!.msg.from !== ev.redirectedBy)
          fail(e, `but P${ev.redirectedBy} did not just name P${ev.to}`)
      }
    }
    if (ev.kind === 'client.answer') {
      claims++
      const reply = log
        .slice(0, i)
        .findLast((d): d is Of<'msg.deliver'> => d.kind === 'msg.deliver' && d.step === e.step)
      const p = reply?.msg.payload as MpMsg | undefined
      if (p?.type !== 'reply' || p.client !== ev.client || p.seq !== ev.command || p.result !== ev.result)
        fail(e, 'but that is not the reply it just received')
    }
  })
  return claims

  function checkDelivery(e: Of<'msg.deliver'>): number {
    const m = e.msg as Message<MpMsg>
    const p = m.payload
    if (e.counted === null || !('toward' in e.counted)) return 0
    if (p.type === 'promise') {
      const key = `${m.to}|${fmtBallot(p.ballot)}`
      const got = promises.get(key) ?? new Map()
      got.set(m.from, p)
      promises.set(key, got)
      const said = /\((\d+) of (\d+) needed for phase 1 of ballot (\S+)\)/.exec(e.text)
      if (!said) fail(e, 'does not say how the promise counted')
      if (said![3] !== fmtBallot(p.ballot)) fail(e, `but the promise is for ${fmtBallot(p.ballot)}`)
      if (Number(said![1]) !== got.size) fail(e, `but ${got.size} distinct promises were counted`)
      if (Number(said![2]) !== n) fail(e, `but a majority is ${n}`)
      return 1
    }
    if (p.type === 'accepted') {
      for (const slot of p.slots) {
        const key = `${m.to}|${fmtBallot(p.ballot)}|${slot}`
        accepteds.set(key, (accepteds.get(key) ?? new Set()).add(m.from))
      }
      const said = /\((\d+) of (\d+) needed for slot (\d+)(?: \(\+(\d+) more\))? at ballot (\S+)\)/.exec(
        e.text,
      )
      if (!said) fail(e, 'does not say how the accepted counted')
      const [, count, needed, slot, more, ballot] = said!
      if (ballot !== fmtBallot(p.ballot)) fail(e, `but it is for ${fmtBallot(p.ballot)}`)
      if (!p.slots.includes(Number(slot))) fail(e, `but it is for slots ${p.slots.join(', ')}`)
      if (Number(more ?? 0) !== p.slots.length - 1) fail(e, `but it names ${p.slots.length} slots`)
      const got = accepteds.get(`${m.to}|${ballot}|${slot}`)?.size ?? 0
      if (Number(count) !== got) fail(e, `but ${got} distinct acceptors accepted slot ${slot}`)
      const quorum = Math.max(1, n - (bugs.commitOneShort ? 1 : 0))
      if (Number(needed) !== quorum) fail(e, `but ${quorum} are needed`)
      return 1
    }
    return 0
  }

  function checkElected(e: Ev, ev: MpEvent & { kind: 'leader.elected' }): number {
    if (bugs.skipPhase1) return 0
    const reports = [...(promises.get(`${ev.pid}|${fmtBallot(ev.ballot)}`)?.values() ?? [])].flatMap(
      (p) => p.accepted,
    )
    if (bugs.ignorePromiseValues) {
      // The bug's no-ops may overwrite reported commands: the sentence must say it ignored them.
      const overwrote = ev.noops.some((slot) => reports.some((r) => r.slot === slot))
      if (overwrote && !/ignoring any command its promises reported/.test(e.text))
        fail(e, 'but its no-ops replace commands its counted promises reported, and it does not say so')
      return overwrote ? 1 : 0
    }
    for (const v of ev.reproposed) {
      const top = reports
        .filter((r) => r.slot === v.slot)
        .sort((a, b) => b.ballot.round - a.ballot.round || b.ballot.pid - a.ballot.pid)[0]
      if (!top || !sameJson(top.ballot, v.ballot) || fmtCmd(top.cmd) !== fmtCmd(v.cmd))
        fail(e, `but slot ${v.slot}'s highest counted report is ${top ? fmtCmd(top.cmd) : 'none'}`)
    }
    for (const slot of ev.noops)
      if (reports.some((r) => r.slot === slot)) fail(e, `but a counted promise reported slot ${slot}`)
    return ev.reproposed.length + ev.noops.length + 1
  }
}

const runOf = (config: MpConfig, seed: number, interventions: readonly ScheduledIntervention[]) => {
  const sim = new Simulator(multipaxos, { seed, config, interventions })
  sim.run()
  return sim.log as readonly Ev[]
}

describe('Multi-Paxos narration is true of the run', () => {
  it.each(multipaxos.presets.map((p) => [p.id, p] as const))(
    'every checked sentence of %s holds',
    (id, p) => {
      expect(checkRun(runOf(p.config, p.seed, p.interventions), p.config, id)).toBeGreaterThan(0)
    },
  )

  it('holds on random faulty runs, with and without the broken variants', () => {
    const r: Rng = { state: streamSeed(14, 'mp-narration-test') }
    const int = (min: number, max: number): number => intBetween(r, min, max)
    const bugNames = Object.keys(NO_BUGS) as (keyof MpBugs)[]
    let claims = 0
    for (let run = 0; run < 60; run++) {
      const replicaCount = int(3, 5)
      const base = defaultMpConfig(replicaCount)
      const bug = run % 3 === 0 ? bugNames[int(0, bugNames.length - 1)] : undefined
      const config: MpConfig = {
        ...base,
        lossPercent: int(0, 15),
        duplicatePercent: int(0, 10),
        workload: Array.from({ length: int(1, 3) }, () => ['put', 'get', 'put'] as const),
        batchSize: run % 2 === 0 ? 1 : 3,
        backoff: run % 4 !== 1,
        maxSteps: 600,
        bugs: bug ? { ...NO_BUGS, [bug]: true } : NO_BUGS,
      }
      const interventions: ScheduledIntervention[] = []
      for (let k = 0; k < 4; k++) {
        const step = int(5, 400)
        const pid = int(1, replicaCount)
        const kind = int(0, 2)
        if (kind === 0) interventions.push({ step, action: { type: 'crash', pid } })
        if (kind === 1) interventions.push({ step, action: { type: 'recover', pid } })
        if (kind === 2) {
          interventions.push({ step, action: { type: 'partition', groups: [[pid], [pid === 1 ? 2 : 1]] } })
          interventions.push({ step: step + int(10, 80), action: { type: 'heal' } })
        }
      }
      interventions.sort((a, b) => a.step - b.step)
      claims += checkRun(
        runOf(config, int(0, 1_000_000), interventions),
        config,
        `run ${run} (${bug ?? 'no bug'})`,
      )
    }
    expect(claims).toBeGreaterThan(1000)
  }, 60_000)
})
