import { at, lecture, preset } from './lecturePresetKit.ts'
import type { Preset, PresetExplore } from './presets.ts'

/** The broken variants of single-decree Paxos, each with a run that shows its violation. */

const firstProposal = [at(0, { type: 'propose', pid: 1, value: 'A' })]

/** Explorer defaults for the broken variants, each checked to find agreement broken in seconds. */
const EXPLORE: Record<string, PresetExplore> = {
  'bug-ignore-prior': { interventions: firstProposal, budgets: { proposals: 1 } },
  'bug-accept-below-promise': {
    interventions: [...firstProposal, at(0, { type: 'propose', pid: 3, value: 'B' })],
    budgets: { drops: 1 },
  },
  'bug-amnesia': { interventions: firstProposal, budgets: { crashes: 2, recoveries: 1, proposals: 1 } },
  'bug-small-quorum': {
    interventions: [
      at(0, {
        type: 'partition',
        groups: [
          [1, 2],
          [3, 4, 5],
        ],
      }),
      ...firstProposal,
    ],
    budgets: { proposals: 1 },
  },
  'bug-duplicate-ballots': { interventions: firstProposal, budgets: { proposals: 1 } },
}

const withExplore = (p: Preset): Preset => (EXPLORE[p.id] ? { ...p, explore: EXPLORE[p.id] } : p)

export const LECTURE_BUGS: readonly Preset[] = [
  preset(
    'bug-ignore-prior',
    'Bug: the proposer ignores prior values',
    'With this bug a proposer always proposes its own value, ignoring the values reported in promises. P1 gets A chosen in ballot 1.1; meanwhile P3 runs ballot 2.3, hears from its promises that A was accepted, proposes its own B anyway — and B is chosen too. Agreement is broken: this is why phase 2 must adopt the highest accepted value.',
    lecture({ bugs: { ...lecture().bugs, ignorePriorValues: true } }),
    [at(0, { type: 'propose', pid: 1, value: 'A' }), at(13, { type: 'propose', pid: 3, value: 'B' })],
    [
      {
        step: 16,
        text: 'All five acceptors have accepted A in ballot 1.1: A is chosen. Meanwhile P3 has started ballot 2.3 for its own value B.',
      },
      {
        step: 23,
        text: 'Every promise for ballot 2.3 reports A, accepted in ballot 1.1. Which value must P3 propose — and which will this buggy P3 propose?',
      },
    ],
  ),
  preset(
    'bug-accept-below-promise',
    'Bug: acceptors accept below their promise',
    'With this bug an acceptor accepts accept(n, v) even after promising a higher ballot. P3’s higher ballot 1.3 should fence off P1’s ballot 1.1, but the acceptors still accept P1’s value A after promising 1.3 — so both A and B end up chosen. The promise is what makes phase 1 protect phase 2.',
    lecture({ bugs: { ...lecture().bugs, acceptBelowPromise: true } }),
    [
      at(0, { type: 'propose', pid: 1, value: 'A' }),
      at(0, { type: 'propose', pid: 3, value: 'B' }),
      at(7, { type: 'drop', msgId: 6 }),
    ],
    [
      {
        step: 22,
        text: 'P1 asks for A in ballot 1.1, P3 for B in the higher 1.3. An acceptor that promised 1.3 must refuse 1.1. What does this buggy acceptor do?',
      },
    ],
  ),
  preset(
    'bug-amnesia',
    'Bug: acceptors forget on crash',
    'With this bug acceptors keep promised and accepted in memory only (three processes, quorum 2). P1 gets A accepted by itself and P3: A is chosen. Then P1 restarts with an empty memory and P3 crashes. P2, which never accepted A, runs a new ballot; the only other acceptor it can reach is P1, which remembers nothing, so P2 proposes its own X — and X is chosen as well. When P3 comes back, it too has forgotten that it accepted A, and it learns X from P2’s re-sent decision. Acceptor state must survive crashes on stable storage.',
    lecture({ processCount: 3, bugs: { ...lecture().bugs, amnesiaOnCrash: true } }),
    [
      at(0, { type: 'propose', pid: 1, value: 'A' }),
      at(8, { type: 'propose', pid: 2, value: 'X' }),
      at(12, { type: 'crash', pid: 1 }),
      at(12, { type: 'recover', pid: 1 }),
      at(12, { type: 'crash', pid: 3 }),
      at(27, { type: 'recover', pid: 3 }),
    ],
    [
      { step: 12, text: 'A is chosen. Now P1 restarts with an empty memory, and P3 crashes.' },
      {
        step: 27,
        text: 'X is chosen too, and P1 and P2 decided X. P3 comes back with an empty memory: it has forgotten its promise and that it accepted A.',
      },
      {
        step: 30,
        text: 'P2 sent its decision again and P3 learned X. Every process decided X, although A was chosen first.',
      },
    ],
  ),
  preset(
    'bug-small-quorum',
    'Bug: quorums too small to intersect',
    'With quorums of 2 out of 5, two quorums need not share an acceptor. A partition splits {P1, P2} from {P3, P4, P5}; each side gathers its own “quorum”, and A is chosen on one side while B is chosen on the other. When the partition heals, each side’s decider re-sends its decision across, but every process has already decided and keeps its value: the disagreement is permanent. Majorities work because any two of them intersect.',
    // The q1 + q2 ≤ n case of Flexible Paxos: 2 + 2 ≤ 5, allowed only as the broken variant.
    lecture({ q1: 2, q2: 2, bugs: { ...lecture().bugs, smallQuorum: true } }),
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
      at(41, { type: 'heal' }),
    ],
    [
      {
        step: 15,
        text: 'With quorums of 2, each side of the partition has its own “quorum” of promises. Can both sides get a value chosen?',
      },
      {
        step: 20,
        text: 'A is chosen by P1 and P2 alone. On the other side P5 has accepted B, and its accepts to P3 and P4 are on their way.',
      },
      {
        step: 41,
        text: 'P1 and P2 decided A; P3, P4 and P5 decided B. Now the partition heals.',
      },
      {
        step: 53,
        text: 'Each decider’s re-sent decision reached the other side, but every process keeps the value it decided: P1 and P2 hold A, P3, P4 and P5 hold B.',
      },
    ],
  ),
  preset(
    'bug-duplicate-ballots',
    'Bug: two proposers use the same ballot',
    'With this bug ballots are bare round numbers, so P1 and P4 both run ballot 1. Each acceptor treats the second prepare 1 as a repeat of the first and promises again, both proposers gather a quorum, and A and B are both chosen in “ballot 1”. Ballots must be unique, which is why they carry the proposer id.',
    lecture({ bugs: { ...lecture().bugs, duplicateBallots: true } }),
    [at(0, { type: 'propose', pid: 1, value: 'A' }), at(0, { type: 'propose', pid: 4, value: 'B' })],
    [
      {
        step: 12,
        text: 'P2, P3 and P5 promise “ballot 1” to both P1 and P4: each takes the second prepare 1 for a repeat of the first. What can now be chosen?',
      },
    ],
  ),
].map(withExplore)
