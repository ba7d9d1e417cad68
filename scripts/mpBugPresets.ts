/** The broken variants of scripts/mpPresets.ts: each bug scripted until the checker catches it. */
import {
  act,
  C,
  cli,
  commitOnOneSide,
  done,
  is,
  isolateOldLeader,
  takeOver,
  until,
  type Spec,
} from './mpScript.ts'

export const BUG_SPECS: Spec[] = [
  {
    id: 'mp-bug-skip-phase1',
    title: 'Bug: a new leader skips phase 1',
    description:
      'P5 missed slot 1. It takes over without phase 1, trusting its own empty log, and puts another command in slot 1.',
    config: { workload: [['put'], []], bugs: { skipPhase1: true }, maxSteps: 200 },
    script: (sim) => {
      commitOnOneSide(sim, [1, 2, 3], (s) => done(s, 1))
      act(sim, { type: 'heal' })
      takeOver(sim, 5)
      act(sim, { type: 'propose', pid: C(sim, 2), value: 'put' })
    },
    beats: [
      {
        at: is('leader.campaign', (e) => e.pid === 5),
        text: 'P5 takes over WITHOUT phase 1: it never asks which slots are already chosen.',
      },
      { at: is('invariant.violated'), text: 'Two different commands are chosen in slot 1.' },
    ],
  },
  {
    id: 'mp-bug-ignore-promises',
    title: 'Bug: a new leader ignores the values in promises',
    description:
      'Slots 1 and 2 are chosen by P1, P2, P3. The new leader P5 runs phase 1 but proposes no-ops where the promises reported commands.',
    config: { workload: [['put', 'put']], bugs: { ignorePromiseValues: true }, maxSteps: 250 },
    script: (sim) => {
      commitOnOneSide(sim, [1, 2, 3], (s) => done(s, 1) && cli(s, 1).history.size === 2)
      act(sim, { type: 'heal' })
      takeOver(sim, 5)
    },
    beats: [
      {
        at: is('leader.elected', (e) => e.pid === 5),
        text: 'P2’s promise reports the commands accepted in slots 1 and 2, but P5 ignores them and proposes no-ops there.',
      },
      {
        at: is('invariant.violated'),
        text: 'Slot 1 had C1.1:put(a1) chosen; now a no-op is chosen there too: agreement is broken.',
      },
    ],
  },
  {
    id: 'mp-bug-commit-short',
    title: 'Bug: commit with one accept short of a majority',
    description:
      'P1 commits slot 1 with only P1 and P2 accepting. A new leader on the other side never hears of it and chooses another command there.',
    config: { workload: [['put'], []], bugs: { commitOneShort: true }, maxSteps: 300 },
    script: (sim) => {
      commitOnOneSide(sim, [1, 2], (s) => done(s, 1))
      takeOver(sim, 4)
      act(sim, { type: 'propose', pid: C(sim, 2), value: 'put' })
      until(sim, (s) => done(s, 2))
      act(sim, { type: 'heal' })
    },
    beats: [
      {
        at: is('slot.commit', (e) => e.pid === 1),
        text: 'P1 commits slot 1 with 2 accepts out of 5: not a majority.',
      },
      {
        at: is('invariant.violated'),
        text: 'P1 committed C1.1:put(a1) in slot 1, but a majority has now chosen C2.1:put(b1) there: two different commands in one slot.',
      },
    ],
  },
  {
    id: 'mp-bug-no-dedup',
    title: 'Bug: no deduplication of client retries',
    description:
      'The reply to C1 is lost; C1 retries the same write; without the at-most-once table the leader proposes and executes it again.',
    config: { workload: [['put', 'put']], bugs: { noDedup: true }, maxSteps: 250 },
    script: (sim) => {
      until(sim, (s) => s.state.inFlight.some((m) => m.payload.type === 'reply'))
      for (const m of [...sim.state.inFlight])
        if (m.payload.type === 'reply') act(sim, { type: 'drop', msgId: m.id })
    },
    beats: [
      { at: is('msg.drop'), text: "The leader's reply is lost: C1 cannot know its write was executed." },
      {
        at: is('client.send', (e) => e.retry === true),
        text: 'C1 retries the same command (same sequence number).',
      },
      { at: is('invariant.violated'), text: 'The same write is executed twice.' },
    ],
  },
  {
    id: 'mp-bug-local-read',
    title: 'Bug: the leader reads locally without a lease',
    description:
      'P1 is cut off with C2 but still thinks it leads. C1 writes a2 through the new leader; then C2 reads from P1, which answers a1 from its own register.',
    config: { workload: [['put', 'put'], []], bugs: { leaderLocalRead: true }, maxSteps: 250 },
    script: (sim) => {
      isolateOldLeader(sim)
      until(sim, (s) => done(s, 1) && cli(s, 1).history.size === 2)
      act(sim, { type: 'propose', pid: C(sim, 2), value: 'get' })
    },
    beats: [
      {
        at: is('client.answer', (e) => e.client === 1 && e.command === 2),
        text: 'C1 wrote a2 through the new leader, and was told so.',
      },
      {
        at: is('leader.local-read'),
        text: 'P1 answers the read from its own register, without asking anyone.',
      },
      { at: is('invariant.violated'), text: 'C2 read a1 after a2 was acknowledged: not linearizable.' },
    ],
  },
]
