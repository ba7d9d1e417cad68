import type { BeatAsk } from './scenario.ts'

/**
 * The answers to the examples' "Think" questions, so a student can predict before the run
 * reveals it. Keyed by preset id, then by the question's exact text: a question that is reworded
 * loses its answers (and the test in predictions.test.ts says so) instead of keeping stale ones.
 */
export const PREDICTIONS: Readonly<Record<string, Readonly<Record<string, BeatAsk>>>> = {
  basic: {
    'P1 has two promises, its own and P2’s; the next one makes a majority. Which value may P1 then propose?':
      {
        choices: ['Its own value, 10', 'Only a value one of the promises reports', 'None: it needs all five'],
        answer: 0,
        why: 'No promise reports an accepted value, so nothing can have been chosen yet and P1 is free to propose its own 10.',
      },
  },
  'failed-prepare': {
    'P2, P3, P4 and P5 had already promised the higher ballot 1.5, so each rejected P1’s prepare 1.1. Two rejects have reached P1; the third makes a majority. What must P1 do then?':
      {
        choices: [
          'Send its accepts for 1.1 anyway',
          'Retry later with a higher ballot',
          'Wait for P5 to crash',
        ],
        answer: 1,
        why: 'A majority refused ballot 1.1, so no quorum of promises can form for it: its prepare has failed, and only a higher ballot can succeed.',
      },
  },
  'racing-adopt': {
    'P3 has two promises, its own and P2’s, which reports (1.1, 10). When P4’s promise arrives P3 has a majority. Which value must P3 propose?':
      {
        choices: ['20, its own value', '10, the value P2 reports', 'Either: both are safe'],
        answer: 1,
        why: 'P2’s promise, one of its majority, reports 10 accepted in ballot 1.1, the highest ballot reported. 10 may already be chosen, so P3 must propose 10, not 20.',
      },
  },
  dueling: {
    'Each proposer keeps pre-empting the other. Will this ever end?': {
      choices: [
        'Yes, one of them must win soon',
        'Not necessarily: it can repeat forever',
        'Yes, with both values chosen',
      ],
      answer: 1,
      why: 'Each immediate retry pre-empts the other’s accepts. Paxos guarantees safety, not progress: without random backoff or a leader the duel can last forever.',
    },
  },
  'dueling-backoff': {
    'P1 is pre-empted again, and its random wait has grown: it retries only at tick 63. Can P3’s ballot 3.3 finish in that gap?':
      {
        choices: ['Yes', 'No'],
        answer: 0,
        why: 'P1 stays silent until tick 63, long enough for P3’s prepare and accept round trips: ballot 3.3 gets through undisturbed and B is chosen.',
      },
  },
  'minority-crash': {
    'Two of five acceptors are down. Can P1 still succeed?': {
      choices: ['Yes: P1, P2 and P3 are a majority', 'No: it needs all five', 'Only once P4 recovers'],
      answer: 0,
      why: 'A quorum is any 3 of 5. P1, P2 and P3 are up, so both phases can complete: Paxos tolerates the failure of any minority.',
    },
  },
  'majority-crash': {
    'Three of five processes are down. What can P1 achieve now?': {
      choices: [
        'It gets 10 chosen with P1 and P2',
        'Nothing until a majority is back, and nothing unsafe either',
        'It decides 10 on its own',
      ],
      answer: 1,
      why: 'Every quorum needs 3 of 5 and only 2 are up: each ballot times out, P1 retries, and no value can be chosen until enough processes recover.',
    },
  },
  'message-loss': {
    'The network lost P1’s prepare to P3 and the promises of P4 and P5. Can P1 still gather a majority of promises?':
      {
        choices: ['Yes', 'No'],
        answer: 1,
        why: 'Only its own and P2’s promises can arrive: 2 of the 3 it needs. P1 times out and retries with a higher ballot; lost messages cost time, never safety.',
      },
  },
  partition: {
    'The partition heals. Which value will P1 end up proposing?': {
      choices: ['A, its own value', 'B, the majority side’s value'],
      answer: 1,
      why: 'A majority accepted B on the other side. Any majority P1 now reaches includes one of them, whose promise reports B, so P1 must propose B.',
    },
  },
  'bug-ignore-prior': {
    'Every promise for ballot 2.3 reports A, accepted in ballot 1.1. Which value must P3 propose — and which will this buggy P3 propose?':
      {
        choices: [
          'Must propose A; the buggy P3 proposes B',
          'Must propose B; the buggy P3 proposes B',
          'Must propose A; the buggy P3 proposes A too',
        ],
        answer: 0,
        why: 'Correct Paxos adopts the highest accepted value reported, A. This bug ignores it and proposes its own B, so B is chosen after A: agreement breaks.',
      },
  },
  'bug-accept-below-promise': {
    'P1 asks for A in ballot 1.1, P3 for B in the higher 1.3. An acceptor that promised 1.3 must refuse 1.1. What does this buggy acceptor do?':
      {
        choices: ['It refuses accept 1.1', 'It accepts A in ballot 1.1 anyway'],
        answer: 1,
        why: 'The bug ignores its promise and accepts 1.1 = A. Once a majority does, A is chosen, and P3’s ballot 1.3 gets B chosen too.',
      },
  },
  'bug-small-quorum': {
    'With quorums of 2, each side of the partition has its own “quorum” of promises. Can both sides get a value chosen?':
      {
        choices: ['Yes: A on one side and B on the other', 'No: two quorums always share an acceptor'],
        answer: 0,
        why: 'Two quorums of 2 out of 5 need not intersect: {P1, P2} choose A while {P3, P4, P5} choose B. Majorities work because any two of them share an acceptor.',
      },
  },
  'bug-duplicate-ballots': {
    'P2, P3 and P5 promise “ballot 1” to both P1 and P4: each takes the second prepare 1 for a repeat of the first. What can now be chosen?':
      {
        choices: ['Only A', 'Only B', 'Both A and B'],
        answer: 2,
        why: 'Both proposers hold a quorum of promises for the same “ballot 1”, so both get their value accepted by a majority: A and B are both chosen.',
      },
  },
}
