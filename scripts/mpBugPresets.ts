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
        text: 'P5 takes over WITHOUT phase 1, trusting its own log, in which slot 1 is empty. Where will it put C2’s command, and what would a correct new leader have learned first?',
        ask: {
          choices: [
            'This P5: in slot 1. A correct leader: that C1.1:put(a1) is chosen there, from a promise',
            'This P5: in slot 2, after C1.1:put(a1); a correct leader does the same',
            'This P5: nowhere, until it has run phase 1',
          ],
          answer: 0,
          why: 'Phase 1 is how a new leader learns what a majority may already have chosen. P5 was cut off while P1, P2 and P3 chose C1.1:put(a1) in slot 1; without asking, it proposes C2.1:put(b1) there, and a second command is chosen in slot 1.',
        },
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
        at: is('leader.campaign', (e) => e.pid === 5),
        text: 'P1 is gone and P5 runs phase 1 for every slot from 1 on. A promise will report C1.1:put(a1) and C1.2:put(a2), accepted in slots 1 and 2. What must P5 propose there, and what will this buggy P5 propose?',
        ask: {
          choices: [
            'Must: those two commands again. This P5: no-ops',
            'Must: no-ops, as those slots are old. This P5: the same',
            'Must: those two commands. This P5: those two as well',
          ],
          answer: 0,
          why: 'A majority accepted them, so they may be chosen: a new leader must propose, in each slot, the command reported with the highest ballot. This bug ignores the reports and proposes no-ops, so a no-op is chosen where C1.1:put(a1) already was.',
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
            'No: slot 1 is committed, so every new leader keeps it',
            'Yes: a majority of promises may not report C1.1:put(a1) at all',
            'Only if P1 and P2 both crash',
          ],
          answer: 1,
          why: 'Correct Multi-Paxos commits only after a majority (3 of 5) accepted, because any two majorities share an acceptor. P3, P4 and P5 accepted nothing, so P4’s phase 1 learns nothing of slot 1, and C2.1:put(b1) is chosen there.',
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
        text: 'C1 retries the same command, C1.1:put(a1), with the same sequence number. The leader already executed it in slot 1: what will this buggy leader do, and what must a correct one do?',
        ask: {
          choices: [
            'This leader: propose it again and execute it twice. A correct one: answer from its at-most-once table',
            'Both: ignore it, so C1 waits forever',
            'Both: propose it again; a write executed twice does no harm',
          ],
          answer: 0,
          why: 'A correct replica remembers each client’s last sequence number and its result, and answers a retry from that table (as in mp-leader-crash). This bug proposes C1.1:put(a1) again: it is chosen in slot 2 and executed a second time.',
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
    config: { workload: [['put', 'put'], []], bugs: { leaderLocalRead: true }, maxSteps: 250 },
    script: (sim) => {
      isolateOldLeader(sim)
      until(sim, (s) => done(s, 1) && cli(s, 1).history.size === 2)
      act(sim, { type: 'propose', pid: C(sim, 2), value: 'get' })
    },
    beats: [
      {
        at: is('client.answer', (e) => e.client === 1 && e.command === 2),
        text: 'C1 wrote a2 through the new leader P5, and was told so. C2 now asks the cut-off P1, which still believes it leads, for a read. What will this buggy P1 answer, and what must a correct leader do?',
        ask: {
          choices: [
            'This P1: a1, from its own register. A correct leader: order the read through a majority, which gives a2',
            'Both answer a2: the write was acknowledged',
            'Both answer a1: P1 still leads, with ballot 1.1',
          ],
          answer: 0,
          why: 'P1 cannot know that a majority has moved on. Answering from its own state gives the stale a1 after a2 was acknowledged: not linearizable. A correct read takes a log slot (or a leader lease), which the cut-off P1 cannot get.',
        },
      },
      {
        at: is('leader.local-read'),
        text: 'P1 answers the read from its own register, without asking anyone.',
      },
      { at: is('invariant.violated'), text: 'C2 read a1 after a2 was acknowledged: not linearizable.' },
    ],
  },
]
