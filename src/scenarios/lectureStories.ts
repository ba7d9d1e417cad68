import { at, lecture, preset } from './lecturePresetKit.ts'
import type { Preset } from './presets.ts'

/** The lecture's worked examples of correct Paxos (PAXOS.md), in the order the picker lists them. */

const PARTITION_STEP = 12
const HEAL_STEP = 30

export const LECTURE_STORIES: readonly Preset[] = [
  preset(
    'basic',
    'Basic run',
    'One proposer, no failures. P1 sends prepare 1.1, collects promises from a majority (3 of 5, counting itself), asks the acceptors to accept its value 10, and once a majority has accepted, 10 is chosen and every learner decides it.',
    lecture(),
    [at(0, { type: 'propose', pid: 1, value: '10' })],
    [
      {
        step: 7,
        text: 'P1 has two promises, its own and P2’s; the next one makes a majority. Which value may P1 then propose?',
      },
      { step: 14, text: 'A majority has accepted ballot 1.1: 10 is chosen, though nobody knows it yet.' },
    ],
  ),
  preset(
    'failed-prepare',
    'Failed prepare',
    'P5 starts ballot 1.5 just before P1 starts 1.1. P5’s prepare reaches P2, P3 and P4 first, so when P1’s prepare 1.1 arrives they have already promised the higher ballot 1.5 and answer REJECT. With a majority of rejects P1’s prepare has failed; P1 sets a timer to retry with a higher ballot, but before it fires P5’s value B is decided and P1 learns it, so it never retries.',
    lecture(),
    [
      at(0, { type: 'propose', pid: 5, value: 'B' }),
      at(0, { type: 'propose', pid: 1, value: 'A' }),
      at(0, { type: 'delay', msgId: 1, ticks: 15 }),
    ],
    [
      {
        step: 16,
        text: 'P2, P3, P4 and P5 had already promised the higher ballot 1.5, so each rejected P1’s prepare 1.1. Two rejects have reached P1; the third makes a majority. What must P1 do then?',
      },
    ],
  ),
  preset(
    'racing-adopt',
    'Racing: P3 completes P1’s value',
    'P1 runs ballot 1.1 and gets its value 10 accepted by P2 (and itself), not yet a majority: its accept requests to P4 and P5 are slow. P3 starts the higher ballot 2.3; P4 and P5 promise it, so P1’s late accepts are rejected. P2 also promises 2.3, but reports the value 10 it accepted in ballot 1.1, and its promise is in P3’s first majority (P3, P2, P4). So P3 must propose 10, not its own 20: it completes the duty of the previous proposer, and 10 is decided.',
    lecture(),
    [
      at(0, { type: 'propose', pid: 1, value: '10' }),
      at(8, { type: 'delay', msgId: 14, ticks: 15 }),
      at(8, { type: 'delay', msgId: 15, ticks: 15 }),
      at(8, { type: 'propose', pid: 3, value: '20' }),
      // P3's prepare to P1 is slow too: P3's majority forms from P2 and P4, as on the slide.
      at(8, { type: 'delay', msgId: 16, ticks: 20 }),
    ],
    [
      {
        step: 8,
        text: 'P1 is sending accept 1.1 = 10, but its messages to P4 and P5 are slow. P3 now starts ballot 2.3 (its prepare to P1 is slow too).',
      },
      {
        step: 19,
        text: 'P3 rejected P1’s accept 1.1: it had already promised the higher ballot 2.3. P2, P4 and P5 promise 2.3; P2 reports the 10 it accepted.',
      },
      {
        step: 22,
        text: 'P3 has two promises, its own and P2’s, which reports (1.1, 10). When P4’s promise arrives P3 has a majority. Which value must P3 propose?',
      },
      {
        step: 23,
        text: 'P3 proposes 10, not its own 20: P2’s promise, one of its majority, reports 10 accepted in ballot 1.1. Do not race — complete the previous proposer’s duty.',
      },
      {
        step: 28,
        text: 'The late arrows: P1’s slow accepts 1.1 reach P4 and P5, which promised 2.3: rejected.',
      },
      {
        step: 38,
        text: 'P3 has heard accepted 2.3 = 10 from a majority (itself, P1, P2): it decides 10 and tells the others. 10 was chosen when P2 accepted; only now does P3 know it.',
      },
    ],
  ),
  preset(
    'dueling',
    'Dueling proposers (livelock)',
    'P1 and P3 propose at the same time and retry immediately whenever they see a higher ballot. Each new prepare wins phase 1 just before the other proposer’s accepts arrive, so each ballot’s accepts are rejected by every acceptor but the proposer’s own, and the ballots climb forever. Safety holds — no two values are ever chosen — but nothing is ever decided: liveness fails.',
    lecture({
      retry: { policy: 'fixed', delayTicks: 1, backoffBaseTicks: 40, backoffMaxTicks: 320 },
      maxSteps: 600,
    }),
    [at(0, { type: 'propose', pid: 1, value: 'A' }), at(0, { type: 'propose', pid: 3, value: 'B' })],
    [
      {
        step: 13,
        text: 'P3’s higher prepare 1.3 reached P1’s own acceptor, so P1 gave up ballot 1.1. It retries at once, with 2.1.',
      },
      {
        step: 30,
        text: 'Now P1’s 2.1 pre-empts P3’s 1.3, just before P3’s accepts reach the other acceptors. P3 gave up 1.3 and retries at once, with 3.3.',
      },
      { step: 40, text: 'Each proposer keeps pre-empting the other. Will this ever end?' },
      {
        step: 120,
        text: 'It can repeat forever: each ballot’s accepts are rejected by every acceptor but the proposer’s own, so nothing is chosen. Safety holds — but liveness fails.',
      },
    ],
  ),
  preset(
    'dueling-backoff',
    'Dueling broken by random backoff',
    'The same start as the dueling proposers, but each proposer waits a random, growing delay before retrying. Soon one proposer’s ballot gets through phases 1 and 2 undisturbed and its value is decided.',
    lecture({ retry: { policy: 'backoff', delayTicks: 1, backoffBaseTicks: 30, backoffMaxTicks: 240 } }),
    [at(0, { type: 'propose', pid: 1, value: 'A' }), at(0, { type: 'propose', pid: 3, value: 'B' })],
    [
      {
        step: 12,
        text: 'The same duel begins: P3’s ballot 1.3 pre-empts P1. But now each proposer waits a random, growing delay before it retries.',
      },
      {
        step: 46,
        text: 'P1 is pre-empted again, and its random wait has grown: it retries only at tick 63. Can P3’s ballot 3.3 finish in that gap?',
      },
      {
        step: 68,
        text: 'It can: P3’s ballot 3.3 got through both phases undisturbed, and B is chosen. Random backoff broke the livelock.',
      },
    ],
    2,
  ),
  preset(
    'minority-crash',
    'A minority of acceptors crashes',
    'P5 is down from the start and P4 crashes after promising. Two of five acceptors are gone, but P1, P2 and P3 still form a majority: P1’s ballot completes and 10 is decided. Paxos tolerates the failure of any minority. P1 keeps sending its decision to P4 and P5 while they are down; when they come back (P4 still holds its promise on stable storage), the next re-send reaches them and all five learn 10.',
    lecture(),
    [
      at(0, { type: 'crash', pid: 5 }),
      at(0, { type: 'propose', pid: 1, value: '10' }),
      at(6, { type: 'crash', pid: 4 }),
      at(26, { type: 'recover', pid: 4 }),
      at(26, { type: 'recover', pid: 5 }),
    ],
    [
      { step: 6, text: 'Two of five acceptors are down. Can P1 still succeed?' },
      {
        step: 24,
        text: 'P4 and P5 have not acknowledged 10, so P1 sends its decision again. It cannot tell a crashed process from a slow one: it keeps trying until they come back.',
      },
      {
        step: 26,
        text: 'P4 and P5 come back; P4 still promises 1.1, kept on stable storage. Neither knows the decision yet.',
      },
      {
        step: 31,
        text: 'P1 sent its decision again; P4 and P5 learned 10 and acknowledged it. All five know 10 now, so P1 stops re-sending and the run goes quiet.',
      },
    ],
  ),
  preset(
    'majority-crash',
    'A majority crashes: blocked, then recovers',
    'P3, P4 and P5 crash just after P1 starts. Without a majority no ballot can succeed: P1’s ballots 1.1 and 2.1 time out, safely making no progress. When P4 and P5 recover — they crashed before any prepare reached them, so their stable storage holds no promise — P1’s next retry gathers a quorum and 10 is decided. P3 is still down, so P1 keeps sending it the decision; when P3 recovers, the next re-send reaches it and P3 learns 10 as well.',
    lecture({
      proposerTimeoutTicks: 50,
      retry: { policy: 'fixed', delayTicks: 20, backoffBaseTicks: 40, backoffMaxTicks: 320 },
    }),
    [
      at(0, { type: 'propose', pid: 1, value: '10' }),
      at(1, { type: 'crash', pid: 3 }),
      at(1, { type: 'crash', pid: 4 }),
      at(1, { type: 'crash', pid: 5 }),
      at(12, { type: 'recover', pid: 4 }),
      at(12, { type: 'recover', pid: 5 }),
      at(42, { type: 'recover', pid: 3 }),
    ],
    [
      { step: 1, text: 'Three of five processes are down. What can P1 achieve now?' },
      {
        step: 12,
        text: 'P4 and P5 come back. They crashed before any prepare reached them: there is no promise to remember.',
      },
      {
        step: 41,
        text: 'P3 has not acknowledged 10, so P1 sends its decision again. It cannot tell a crashed process from a slow one: it keeps trying until P3 comes back.',
      },
      {
        step: 42,
        text: 'P3 comes back. It crashed before any prepare reached it, so it knows nothing of 10; P1’s next re-send reaches it.',
      },
      {
        step: 45,
        text: 'P3 learned 10 and acknowledged: all five know the decision, so P1 stops re-sending and the run goes quiet.',
      },
    ],
  ),
  preset(
    'message-loss',
    'Message loss and retries',
    'The network loses 35% of messages. P1’s ballot 1.1 fails: its prepare to P3 and two promises are lost, so it times out and retries higher. Ballot 2.1 gets 10 accepted by a majority — 10 is chosen — but two of the accepted replies are lost, so P1 cannot know it and times out again. Ballot 3.1 hears from its promises that 10 was accepted, proposes 10 again, and P1 decides 10; lost decisions are re-sent until every process has learned it. Loss costs time, never safety.',
    lecture({
      lossPercent: 35,
      latencyTicksMin: 8,
      latencyTicksMax: 12,
      proposerTimeoutTicks: 50,
      retry: { policy: 'backoff', delayTicks: 10, backoffBaseTicks: 20, backoffMaxTicks: 160 },
    }),
    [at(0, { type: 'propose', pid: 1, value: '10' })],
    [
      {
        step: 8,
        text: 'The network lost P1’s prepare to P3 and the promises of P4 and P5. Can P1 still gather a majority of promises?',
      },
      {
        step: 10,
        text: 'No: P1 times out on ballot 1.1 and will retry with a higher ballot. A lost message costs time, never safety.',
      },
      {
        step: 40,
        text: 'The promises of P1’s majority all report 10 accepted in ballot 2.1, so P1 proposes 10 again: it may already be chosen. It is: a majority accepted 2.1, but two of their replies were lost, so P1 could not know.',
      },
      {
        step: 57,
        text: 'The network lost P1’s decide to P2 and to P5, so neither has acknowledged. P1 sends its decision to them again, and keeps doing so until each acknowledges: every process learns 10.',
      },
    ],
    4,
  ),
  preset(
    'partition',
    'A network partition that heals',
    'The network splits into {P1, P2} and {P3, P4, P5}. P1 proposes A on the minority side and cannot gather a quorum; P5 proposes B on the majority side and B is decided there. When the partition heals, P1 retries, learns from the promises that B was accepted, and proposes B itself: the minority can delay, never contradict, the majority.',
    lecture({
      proposerTimeoutTicks: 50,
      retry: { policy: 'fixed', delayTicks: 40, backoffBaseTicks: 40, backoffMaxTicks: 320 },
    }),
    [
      at(0, {
        type: 'partition',
        groups: [
          [1, 2],
          [3, 4, 5],
        ],
      }),
      at(0, { type: 'propose', pid: 1, value: 'A' }),
      at(0, { type: 'propose', pid: 5, value: 'B' }),
      at(40, { type: 'heal' }),
    ],
    [{ step: 40, text: 'The partition heals. Which value will P1 end up proposing?' }],
  ),
  preset(
    'flexible-quorums',
    'Flexible quorums: choose with two accepts',
    'Flexible Paxos (Howard, Malkhi, Spiegelman): phase 1 and phase 2 may use different quorum sizes as long as every phase-1 quorum meets every phase-2 quorum, that is q1 + q2 > n. Here n = 5, q1 = 4 and q2 = 2. P1 gathers four promises, then a partition cuts it and P2 off: A is chosen with just two accepts, P1’s and P2’s. P5 proposes B on the other side but cannot gather four promises; once the network heals, its next ballot’s four promises must include P1’s or P2’s (here both), which report A, so P5 proposes A, not B.',
    lecture({ q1: 4, q2: 2 }),
    [
      at(0, { type: 'propose', pid: 1, value: 'A' }),
      at(PARTITION_STEP, {
        type: 'partition',
        groups: [
          [1, 2],
          [3, 4, 5],
        ],
      }),
      at(PARTITION_STEP, { type: 'propose', pid: 5, value: 'B' }),
      at(HEAL_STEP, { type: 'heal' }),
    ],
    [
      {
        step: PARTITION_STEP,
        text: 'P1 needed four promises (q1 = 4) and has sent its accepts. Now the network splits {P1, P2} | {P3, P4, P5}, and P5 proposes B.',
      },
      {
        step: 15,
        text: 'A is chosen with only two accepts: q2 = 2 is enough in phase 2. P3, P4 and P5 know nothing of it.',
      },
      {
        step: 25,
        text: 'P5 has three promises but needs four: a phase-1 quorum cannot form on the side without P1 and P2.',
      },
      {
        step: 41,
        text: 'Any four acceptors include P1 or P2, because 4 + 2 > 5. Both report A, so P5 must propose A, not B.',
      },
    ],
  ),
]
