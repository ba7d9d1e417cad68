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
    config: { workload: [['put'], []], bugs: { skipPhase1: true }, maxSteps: 81 },
    script: (sim) => {
      commitOnOneSide(sim, [1, 2, 3], (s) => done(s, 1))
      act(sim, { type: 'heal' })
      takeOver(sim, 5)
      act(sim, { type: 'propose', pid: C(sim, 2), value: 'put' })
    },
    beats: [
      {
        at: is('leader.campaign', (e) => e.pid === 5),
        text: 'P5 takes over WITHOUT phase 1, trusting its own log, where slot 1 is empty. Where will it put C2’s command, and what would phase 1 have told it?',
        ask: {
          choices: [
            'Slot 2: it knows slot 1 is taken',
            'Slot 1; phase 1 would report C1.1 there',
            'Nowhere: it waits for phase 1',
          ],
          answer: 1,
          why: 'Phase 1 is how a new leader learns what may be chosen. P1, P2 and P3 chose C1.1:put(a1) in slot 1 while P5 was cut off; without asking, P5 proposes C2.1:put(b1) there: two commands in one slot.',
        },
      },
      { at: is('invariant.violated'), text: 'Two different commands are chosen in slot 1.' },
      // The run stops once the followers have executed: the last click is the lesson, not the
      // step limit after 120 steps of heartbeats.
      {
        at: is('limit.reached'),
        text: 'P4, P3 and P2 follow the new leader and execute C2.1:put(b1) in slot 1, where P1 executed C1.1:put(a1). Both clients were told ok, and the replicas’ logs disagree. Any majority P5 could reach includes P2 or P3: with phase 1, their promise would have reported C1.1:put(a1) in slot 1.',
      },
    ],
  },
  {
    id: 'mp-bug-ignore-promises',
    title: 'Bug: a new leader ignores the values in promises',
    description:
      'Slots 1 and 2 are chosen by P1, P2, P3. The new leader P5 runs phase 1 but proposes no-ops where the promises reported commands.',
    config: { workload: [['put', 'put']], bugs: { ignorePromiseValues: true }, maxSteps: 89 },
    script: (sim) => {
      commitOnOneSide(sim, [1, 2, 3], (s) => done(s, 1) && cli(s, 1).history.size === 2)
      act(sim, { type: 'heal' })
      takeOver(sim, 5)
    },
    beats: [
      {
        at: is('leader.campaign', (e) => e.pid === 5),
        text: 'P1 is gone and P5 runs phase 1 for every slot from 1 on. A promise will report C1.1:put(a1) and C1.2:put(a2), accepted in slots 1 and 2. What must P5 propose there, and what will this buggy P5 propose?',
        ask: {
          choices: [
            'Both: re-propose them',
            'Both: no-ops, as the slots are old',
            'Must: re-propose them. Buggy: no-ops',
          ],
          answer: 2,
          why: 'They may be chosen, so a new leader must propose in each slot the command reported with the highest ballot. This bug proposes no-ops, and a no-op is chosen where C1.1:put(a1) already was.',
        },
      },
      {
        at: is('leader.elected', (e) => e.pid === 5),
        text: 'P2’s promise reports the commands accepted in slots 1 and 2, but P5 ignores them and proposes no-ops there.',
      },
      {
        at: is('invariant.violated'),
        text: 'Slot 1 had C1.1:put(a1) chosen; now a no-op is chosen there too: agreement is broken.',
      },
      // The run stops once the followers have executed (it ran 160 steps on to the limit).
      {
        at: is('limit.reached'),
        text: 'P4 follows the new leader with no-ops in slots 1 and 2. P2 and P3 had executed C1.1:put(a1) in slot 1 and now execute a no-op in slot 2, where P1 executed C1.2:put(a2). C1 was told ok for both writes, yet the new leader’s log holds neither: honouring the promises would have re-proposed them.',
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
        text: 'P1 commits C1.1:put(a1) in slot 1 after 2 accepts of 5, its own and P2’s: one short of a majority. If P3, P4 or P5 becomes leader, can another command be chosen in slot 1?',
        ask: {
          choices: [
            'Yes: its promises may not report C1.1',
            'No: every new leader keeps slot 1',
            'Only if P1 and P2 both crash',
          ],
          answer: 0,
          why: 'A commit needs a majority (3 of 5) because any two majorities share an acceptor. P3, P4 and P5 accepted nothing, so P4’s phase 1 learns nothing of slot 1, and C2.1:put(b1) is chosen there.',
        },
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
        text: 'C1 retries C1.1:put(a1) with the same sequence number, but the leader already executed it in slot 1. What will this buggy leader do, and what must a correct one do?',
        ask: {
          choices: [
            'Both: ignore it; C1 waits forever',
            'Buggy: executes it again. Correct: replies',
            'Both: execute it again, harmlessly',
          ],
          answer: 1,
          why: 'A correct replica keeps each client’s last sequence number and result, and answers a retry from that at-most-once table (as in mp-leader-crash). This bug proposes C1.1:put(a1) again: it is executed twice.',
        },
      },
      { at: is('invariant.violated'), text: 'The same write is executed twice.' },
    ],
  },
  {
    id: 'mp-bug-local-read',
    title: 'Bug: the leader reads locally without a lease',
    description:
      'P1 is cut off with C2 but still thinks it leads. C1 writes a2 through the new leader; then C2 reads from P1, which answers a1 from its own register.',
    config: { workload: [['put', 'put'], []], bugs: { leaderLocalRead: true }, maxSteps: 176 },
    script: (sim) => {
      isolateOldLeader(sim)
      until(sim, (s) => done(s, 1) && cli(s, 1).history.size === 2)
      act(sim, { type: 'propose', pid: C(sim, 2), value: 'get' })
    },
    beats: [
      {
        at: is('client.answer', (e) => e.client === 1 && e.command === 2),
        text: 'C1 wrote a2 through the new leader P5, and was told so. C2 now asks the cut-off P1, which still believes it leads, for a read. What will this buggy P1 answer, and a correct one?',
        ask: {
          choices: [
            'Both: a2, the acknowledged write',
            'Both: a1, as P1 still leads',
            'Buggy: a1. Correct: a2, via a majority',
          ],
          answer: 2,
          why: 'P1 cannot know a majority moved on: from its own register it returns the stale a1 after a2 was acknowledged, not linearizable. A correct read takes a log slot (or a lease), which the cut-off P1 cannot get.',
        },
      },
      {
        at: is('leader.local-read'),
        text: 'P1 answers the read from its own register, without asking anyone.',
      },
      { at: is('invariant.violated'), text: 'C2 read a1 after a2 was acknowledged: not linearizable.' },
      // The run stops once the other replicas have executed a2 (it jumped 80 steps to the limit).
      {
        at: is('limit.reached'),
        text: 'P5, P4, P3 and P2 have executed C1.2:put(a2): the register reads a2 everywhere but on the cut-off P1, yet C2 was told a1. A correct leader answers a read only through a log slot, or while it holds a lease: both need a majority, which P1 cannot reach.',
      },
    ],
  },
]
