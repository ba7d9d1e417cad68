import { describe, expect, it } from 'vitest'
import { runOnModule } from '../engine/index.ts'
import { multipaxos } from '../engine/protocols/multipaxos/module.ts'
import type { Cmd, MpMsg } from '../engine/protocols/multipaxos/types.ts'
import { anyPresetById } from './presets.ts'
import { toRunInput, type BeatAsk } from './scenario.ts'

/**
 * "A question is true where it is asked", for the Multi-Paxos examples (scripts/mp*Presets.ts):
 * each example's question is checked against its own run, as the app loads it. The right
 * choice's facts hold after the question's step, and the run has not shown them yet at that step,
 * so the student predicts before the reveal.
 */

type Ev = {
  readonly step: number
  readonly tick: number
  readonly kind: string
  readonly pid: number
  readonly slot: number
  readonly cmd: Cmd
  readonly msg: { readonly from: number; readonly to: number; readonly payload: MpMsg }
} & Record<string, unknown>

/** The example's one question, and its run. */
function asked(id: string) {
  const preset = anyPresetById(id)
  if (!preset) throw new Error(`no preset ${id}`)
  const questions = (preset.scenario.beats ?? []).filter((b) => b.ask)
  expect(questions, id).toHaveLength(1)
  const { step, text } = questions[0]!
  const ask = questions[0]!.ask as BeatAsk
  const log = runOnModule(multipaxos, toRunInput(preset.scenario)).log as unknown as readonly Ev[]
  const upTo = log.filter((e) => e.step <= step)
  const after = log.filter((e) => e.step > step)
  return { step, text, ask, right: ask.choices[ask.answer]!, log, upTo, after }
}

const of = (log: readonly Ev[], kind: string, more: (e: Ev) => boolean = () => true) =>
  log.filter((e) => e.kind === kind && more(e))
const sends = (log: readonly Ev[], type: string) => of(log, 'msg.send', (e) => e.msg.payload.type === type)
const cmdName = (c: Cmd) => (c.op === 'noop' ? 'noop' : `C${c.client}.${c.seq}`)
/** What was chosen in `slot` (per the observer), in order: more than one is an agreement violation. */
const chosenIn = (log: readonly Ev[], slot: number) =>
  of(log, 'slot.chosen', (e) => e.slot === slot).map((e) => cmdName(e.cmd))
const acceptorsOf = (log: readonly Ev[], slot: number) =>
  of(log, 'acceptor.accept', (e) => e.slot === slot).map((e) => e.pid)
const violated = (log: readonly Ev[]) => of(log, 'invariant.violated').map((e) => e.rule)
/**
 * The acceptors that accepted `name` in `slot`. The observer logs only the first command chosen in
 * a slot as `slot.chosen`; a second one chosen there is the agreement violation, seen here.
 */
const acceptedBy = (log: readonly Ev[], slot: number, name: string) =>
  of(log, 'acceptor.accept', (e) => e.slot === slot && cmdName(e.cmd) === name)
    .map((e) => e.pid)
    .sort()
/** The slots where two different commands were chosen. */
const twiceChosen = (log: readonly Ev[]) =>
  of(log, 'invariant.violated', (e) => e.rule === 'slot-agreement').map((e) => e.slot)

describe('a Multi-Paxos question is true where it is asked', () => {
  it('mp-steady: after phase 1, each command costs one accept round trip', () => {
    const q = asked('mp-steady')
    expect(q.right).toBe('One: accept, then accepted')
    expect(of(q.upTo, 'leader.elected').map((e) => e.pid)).toEqual([1])
    expect(of(q.upTo, 'client.send')).toEqual([]) // no command has been sent yet
    // No prepare after the question; each of the 7 commands: one accept to each of the 5 replicas,
    // and P1 learns it is chosen from the accepted replies (a majority).
    expect(sends(q.after, 'prepare')).toEqual([])
    const commits = of(q.after, 'slot.commit', (e) => e.pid === 1)
    expect(commits.map((e) => e.via)).toEqual(Array(7).fill('quorum'))
    for (const c of commits) {
      const accepts = sends(q.after, 'accept').filter(
        (e) => e.msg.payload.type === 'accept' && e.msg.payload.entries.some((x) => x.slot === c.slot),
      )
      expect(accepts.map((e) => e.msg.to).sort(), `slot ${c.slot}`).toEqual([1, 2, 3, 4, 5])
    }
  })

  it('mp-batching: fewer messages per command than mp-steady, every slot still through phase 2', () => {
    const q = asked('mp-batching')
    const steady = asked('mp-steady').log
    expect(q.right).toBe('Fewer: a message carries up to 3 slots')
    expect(sends(q.upTo, 'accept')).toEqual([])
    const committed = (log: readonly Ev[]) => of(log, 'slot.commit', (e) => e.pid === 1).length
    expect([committed(q.log), committed(steady)]).toEqual([7, 7])
    const counts = (log: readonly Ev[]) => [sends(log, 'accept').length, sends(log, 'accepted').length]
    expect(counts(q.log)).toEqual([15, 15])
    expect(counts(steady)).toEqual([35, 35])
    expect(q.ask.why).toContain('15 accepts and 15 accepteds for the 7 commands, against 35 and 35')
    const batched = new Set(
      sends(q.log, 'accept').flatMap((e) =>
        e.msg.payload.type === 'accept' ? e.msg.payload.entries.map((x) => x.slot) : [],
      ),
    )
    expect([...batched].sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('mp-leader-crash: the new leader re-proposes slot 3 from a promise and fills the hole 4 with a no-op', () => {
    const q = asked('mp-leader-crash')
    expect(q.right).toBe('3: C1.2:put(a2); 4: a no-op')
    expect(of(q.upTo, 'leader.campaign', (e) => e.pid === 2)).toHaveLength(1)
    expect(of(q.upTo, 'leader.elected', (e) => e.pid === 2)).toEqual([])
    // Slot 3 was chosen before the crash; slot 4 reached only P1, now down.
    expect(chosenIn(q.upTo, 3)).toEqual(['C1.2'])
    expect(acceptorsOf(q.upTo, 4)).toEqual([1])
    expect(of(q.upTo, 'proc.crash').map((e) => e.pid)).toEqual([1])
    const elected = of(q.after, 'leader.elected', (e) => e.pid === 2)[0]!
    const counted = of(
      q.after,
      'msg.deliver',
      (e) => e.msg.to === 2 && e.msg.payload.type === 'promise' && e.step <= elected.step,
    )
    const reports = counted.flatMap((e) => (e.msg.payload.type === 'promise' ? e.msg.payload.accepted : []))
    expect(reports.filter((v) => v.slot === 3).map((v) => cmdName(v.cmd))).toContain('C1.2')
    expect(reports.filter((v) => v.slot === 4)).toEqual([])
    expect(
      (elected.reproposed as { slot: number; cmd: Cmd }[]).map((v) => `${v.slot}=${cmdName(v.cmd)}`),
    ).toContain('3=C1.2')
    expect(elected.noops).toEqual([4])
    expect(chosenIn(q.log, 3)).toEqual(['C1.2'])
    expect(chosenIn(q.log, 4)).toEqual(['noop'])
  })

  it('mp-dueling-leaders: with fixed waits the duel goes on to the end, and nothing is committed', () => {
    const q = asked('mp-dueling-leaders')
    expect(q.right).toBe('Not necessarily: it can go on forever')
    const preempted = of(q.log, 'leader.preempted')
    expect(preempted.filter((e) => e.step <= q.step).map((e) => e.pid)).toEqual([1, 2])
    expect(new Set(preempted.map((e) => e.retryTicks))).toEqual(new Set([15]))
    // They take turns to the end of the run; nobody commits, no client gets an answer.
    expect(preempted.map((e) => e.pid)).toEqual(preempted.map((_, i) => (i % 2 === 0 ? 1 : 2)))
    expect(preempted.at(-1)!.step).toBeGreaterThan(q.log.at(-1)!.step - 30)
    expect(q.ask.why).toContain('in 400 steps nothing is committed')
    expect(q.log.at(-1)!.step).toBe(400)
    expect(of(q.log, 'slot.commit')).toEqual([])
    expect(of(q.log, 'client.answer')).toEqual([])
    // Safe all the same: one command in slot 1, however often it is re-proposed.
    expect(new Set(chosenIn(q.log, 1))).toEqual(new Set(['C1.1']))
    expect(violated(q.log)).toEqual([])
  })

  it('mp-backoff: P2 leads before P1’s random wait ends, and P1 follows instead of campaigning', () => {
    const q = asked('mp-backoff')
    expect(q.right).toBe('Yes: P2 gets through while P1 waits')
    const wait = of(q.upTo, 'leader.preempted', (e) => e.pid === 1)[0]!
    expect(q.text).toContain(`waits a random ${String(wait.retryTicks)} ticks`)
    expect(of(q.upTo, 'leader.elected')).toEqual([])
    const elected = of(q.after, 'leader.elected')
    expect(elected.map((e) => e.pid)).toEqual([2])
    expect(elected[0]!.tick).toBeLessThan(wait.tick + (wait.retryTicks as number))
    expect(of(q.after, 'leader.campaign')).toEqual([])
    expect(of(q.after, 'leader.preempted')).toEqual([])
    expect(of(q.after, 'slot.commit', (e) => e.pid === 2).map((e) => cmdName(e.cmd))).toEqual(['C1.1'])
    expect(of(q.after, 'client.answer')).toHaveLength(1)
  })

  it('mp-partitioned-leader: the cut-off P1 commits nothing; C2.1 is committed later, by P5, in slot 4', () => {
    const q = asked('mp-partitioned-leader')
    expect(q.right).toBe('No: its accepts cannot reach a majority')
    const heal = of(q.log, 'net.heal')[0]!
    expect(of(q.upTo, 'net.partition')).toHaveLength(1)
    expect(of(q.upTo, 'slot.propose', (e) => e.pid === 1 && e.slot === 2).map((e) => cmdName(e.cmd))).toEqual(
      ['C2.1'],
    )
    // Only P1 ever accepts C2.1 in slot 2, and P1 commits nothing by a quorum after the question.
    const c21In2 = of(q.log, 'acceptor.accept', (e) => e.slot === 2 && cmdName(e.cmd) === 'C2.1')
    expect(c21In2.map((e) => e.pid)).toEqual([1])
    expect(of(q.after, 'slot.commit', (e) => e.pid === 1 && e.via === 'quorum')).toEqual([])
    expect(of(q.after, 'slot.commit', (e) => e.pid === 1 && e.step < heal.step)).toEqual([])
    expect(chosenIn(q.log, 2)).toEqual(['C1.2'])
    const c21 = of(q.log, 'slot.commit', (e) => e.pid === 5 && cmdName(e.cmd) === 'C2.1')
    expect(c21.map((e) => e.slot)).toEqual([4])
    expect(c21[0]!.step).toBeGreaterThan(heal.step)
  })

  it('mp-catch-up: a heartbeat’s commit point, a catch-up request, the committed slots in order', () => {
    const q = asked('mp-catch-up')
    expect(q.right).toBe('A heartbeat, then a catch-up request')
    expect(of(q.upTo, 'proc.recover').map((e) => e.pid)).toEqual([5])
    expect(
      of(q.upTo, 'msg.send', (e) => e.msg.from === 5 && e.msg.payload.type === 'catchup-request'),
    ).toEqual([])
    const request = of(
      q.after,
      'msg.send',
      (e) => e.msg.from === 5 && e.msg.payload.type === 'catchup-request',
    )[0]!
    const heard = of(
      q.after,
      'msg.deliver',
      (e) => e.msg.to === 5 && e.msg.payload.type === 'heartbeat' && e.step <= request.step,
    )
    expect(heard.map((e) => (e.msg.payload.type === 'heartbeat' ? e.msg.payload.commit : 0))).toEqual([4])
    expect(request.msg.to).toBe(1)
    expect(
      of(q.after, 'msg.deliver', (e) => e.msg.to === 5 && e.msg.payload.type === 'catchup'),
    ).toHaveLength(1)
    expect(of(q.after, 'slot.commit', (e) => e.pid === 5).map((e) => `${e.slot} ${e.via}`)).toEqual(
      [1, 2, 3, 4].map((s) => `${s} catch-up`),
    )
    expect(of(q.after, 'slot.execute', (e) => e.pid === 5).map((e) => e.slot)).toEqual([1, 2, 3, 4])
    // Nothing is voted on again: no prepare, and no accept for slots 1–4, after P5's return.
    expect(sends(q.after, 'prepare')).toEqual([])
    const reVoted = sends(q.after, 'accept').filter(
      (e) => e.msg.payload.type === 'accept' && e.msg.payload.entries.some((x) => x.slot <= 4),
    )
    expect(reVoted).toEqual([])
  })
})

describe('a broken variant’s question: what the buggy replica does, and what Multi-Paxos must do', () => {
  it('mp-bug-skip-phase1: P5 puts C2.1 in slot 1, where a majority chose C1.1 (phase 1 would have reported it)', () => {
    const q = asked('mp-bug-skip-phase1')
    expect(q.right).toBe('Slot 1; phase 1 would report C1.1 there')
    const chose = of(q.upTo, 'slot.chosen', (e) => e.slot === 1)
    expect(chose.map((e) => cmdName(e.cmd))).toEqual(['C1.1'])
    // A majority accepted it: any majority of promises P5 could have asked includes one of them.
    expect([...(chose[0]!.acceptors as number[])].sort()).toEqual([1, 2, 3])
    expect(of(q.upTo, 'acceptor.accept', (e) => e.pid === 5)).toEqual([])
    expect(of(q.upTo, 'slot.propose', (e) => e.pid === 5)).toEqual([])
    expect(of(q.log, 'msg.send', (e) => e.msg.from === 5 && e.msg.payload.type === 'prepare')).toEqual([])
    expect(of(q.after, 'slot.propose', (e) => e.pid === 5).map((e) => `${e.slot}=${cmdName(e.cmd)}`)).toEqual(
      ['1=C2.1'],
    )
    expect(acceptedBy(q.after, 1, 'C2.1').length).toBeGreaterThanOrEqual(3)
    expect(twiceChosen(q.after)).toContain(1)
  })

  it('mp-bug-ignore-promises: P2’s promise reports slots 1 and 2; this P5 proposes no-ops there', () => {
    const q = asked('mp-bug-ignore-promises')
    expect(q.right).toBe('Must: re-propose them. Buggy: no-ops')
    expect(of(q.upTo, 'leader.campaign', (e) => e.pid === 5)).toHaveLength(1)
    expect(of(q.upTo, 'leader.elected', (e) => e.pid === 5)).toEqual([])
    expect([1, 2].map((s) => chosenIn(q.upTo, s))).toEqual([['C1.1'], ['C1.2']])
    const elected = of(q.after, 'leader.elected', (e) => e.pid === 5)[0]!
    const reported = of(
      q.after,
      'msg.deliver',
      (e) => e.msg.to === 5 && e.msg.payload.type === 'promise' && e.step <= elected.step,
    )
      .flatMap((e) => (e.msg.payload.type === 'promise' ? e.msg.payload.accepted : []))
      .map((v) => `${v.slot}=${cmdName(v.cmd)}`)
    expect(reported).toEqual(['1=C1.1', '2=C1.2'])
    expect(elected.reproposed).toEqual([])
    expect(elected.noops).toEqual([1, 2])
    expect(acceptedBy(q.after, 1, 'noop').length).toBeGreaterThanOrEqual(3)
    expect(twiceChosen(q.after)).toEqual([1, 2])
  })

  it('mp-bug-commit-short: P1 commits on 2 of 5 accepts; P4’s majority never heard of it and chooses C2.1', () => {
    const q = asked('mp-bug-commit-short')
    expect(q.right).toBe('Yes: its promises may not report C1.1')
    expect(of(q.upTo, 'slot.commit', (e) => e.pid === 1).map((e) => `${e.slot}=${cmdName(e.cmd)}`)).toEqual([
      '1=C1.1',
    ])
    expect(acceptorsOf(q.upTo, 1).sort()).toEqual([1, 2])
    expect(chosenIn(q.upTo, 1)).toEqual([]) // committed, never chosen: no majority accepted it
    const elected = of(q.after, 'leader.elected', (e) => e.pid === 4)[0]!
    const promisers = of(
      q.after,
      'msg.deliver',
      (e) => e.msg.to === 4 && e.msg.payload.type === 'promise' && e.step <= elected.step,
    )
    expect(promisers.map((e) => e.msg.from).sort()).toEqual([3, 4, 5])
    expect(
      promisers.every((e) => e.msg.payload.type === 'promise' && e.msg.payload.accepted.length === 0),
    ).toBe(true)
    expect(elected.reproposed).toEqual([])
    expect(acceptedBy(q.after, 1, 'C2.1')).toEqual([3, 4, 5])
    expect(twiceChosen(q.after)).toEqual([1])
  })

  it('mp-bug-no-dedup: the retried C1.1 is proposed again, in slot 2, and executed twice', () => {
    const q = asked('mp-bug-no-dedup')
    expect(q.right).toBe('Buggy: executes it again. Correct: replies')
    expect(of(q.upTo, 'client.send', (e) => e.retry === true).map((e) => e.client)).toEqual([1])
    expect(of(q.upTo, 'slot.execute', (e) => e.pid === 1).map((e) => `${e.slot}=${cmdName(e.cmd)}`)).toEqual([
      '1=C1.1',
    ])
    expect(of(q.upTo, 'slot.propose', (e) => e.slot === 2)).toEqual([])
    expect(of(q.after, 'slot.propose', (e) => e.slot === 2).map((e) => cmdName(e.cmd))).toEqual(['C1.1'])
    const runs = of(
      q.log,
      'slot.execute',
      (e) => e.pid === 1 && e.applied === true && cmdName(e.cmd) === 'C1.1',
    )
    expect(runs.map((e) => e.slot)).toEqual([1, 2])
    expect(violated(q.after)).toContain('at-most-once')
  })

  it('mp-bug-local-read: the cut-off P1 answers a1 from its own register after a2 was acknowledged', () => {
    const q = asked('mp-bug-local-read')
    expect(q.right).toBe('Buggy: a1. Correct: a2, via a majority')
    expect(of(q.upTo, 'client.answer', (e) => e.client === 1).map((e) => e.command)).toEqual([1, 2])
    expect(chosenIn(q.upTo, 2)).toEqual(['C1.2'])
    expect(of(q.upTo, 'net.heal')).toEqual([])
    expect(of(q.upTo, 'leader.local-read')).toEqual([])
    expect(of(q.after, 'leader.local-read').map((e) => `P${e.pid} ${String(e.result)}`)).toEqual(['P1 a1'])
    expect(of(q.after, 'client.answer', (e) => e.client === 2).map((e) => e.result)).toEqual(['a1'])
    expect(violated(q.after)).toContain('linearizable')
  })
})
