/**
 * The leader-change stories of scripts/mpPresets.ts: two candidates dueling (with and without
 * backoff), a leader cut off by a partition, and a replica that comes back and catches up. Each
 * asks its question where the run is about to answer it.
 */
import { act, C, cli, done, is, isolateOldLeader, leaders, until, type Sim, type Spec } from './mpScript.ts'

/** The duel: no leader yet, equal latencies, and P1 and P2 campaign at once. */
const DUEL = {
  workload: [['put']],
  initialLeader: null,
  latencyTicksMin: 10,
  latencyTicksMax: 10,
} satisfies Spec['config']
function campaignTogether(sim: Sim): void {
  act(sim, { type: 'propose', pid: 1, value: 'campaign' })
  act(sim, { type: 'propose', pid: 2, value: 'campaign' })
}

export const LEADER_SPECS: Spec[] = [
  {
    id: 'mp-dueling-leaders',
    title: 'Multi-Paxos: dueling leaders (ping-pong)',
    description:
      'P1 and P2 campaign at once. Without backoff, each retries after a fixed delay: each leads in turn but is preempted before it can commit anything; safe, never live.',
    config: { ...DUEL, backoff: false, maxSteps: 400 },
    script: campaignTogether,
    beats: [
      {
        at: is('leader.preempted'),
        // Names who was preempted, by whom, and for how long (a bare "it" left the room guessing).
        text: (e) => {
          const by = e.higher as { round: number; pid: number } | null
          const who = by ? ` by P${String(by.pid)}’s ballot ${String(by.round)}.${String(by.pid)}` : ''
          return `P${String(e.pid)} is preempted${who}: without backoff it waits the same fixed ${String(e.retryTicks)} ticks before it may campaign again…`
        },
      },
      {
        at: is('leader.preempted', (e) => e.pid === 2),
        text: 'P2 is preempted in turn by P1’s ballot 2.1. Each waits the same fixed 15 ticks before it may campaign again. Will this duel end with C1’s command committed?',
        ask: {
          choices: [
            'Yes: one leader soon commits it',
            'Yes, with two commands in slot 1',
            'Not necessarily: it can go on forever',
          ],
          answer: 2,
          why: 'Equal fixed waits let each new phase 1 preempt the leader before it learns a slot is chosen: in 400 steps nothing is committed. Safe, but not live; random backoff breaks the tie (mp-backoff).',
        },
      },
      {
        at: is('leader.elected', (e) => (e.ballot as { round: number }).round === 3),
        text: 'P2 leads again, with ballot 3.2, and re-proposes the command P1 had proposed (safe). Each new leader does the same, but none lives long enough to commit it.',
      },
    ],
  },
  {
    id: 'mp-backoff',
    title: 'Multi-Paxos: randomized backoff ends the duel',
    description:
      'The same duel as mp-dueling-leaders with randomized, growing backoff: one replica gets through and leads.',
    config: { ...DUEL, backoff: true, maxSteps: 300 },
    script: campaignTogether,
    beats: [
      {
        at: is('leader.preempted'),
        text: (e) =>
          `P${String(e.pid)} is preempted and waits a random ${String(e.retryTicks)} ticks before it may campaign again (the span doubles after each failure). Will the duel end this time?`,
        ask: {
          choices: [
            'No: they duel as before',
            'Yes: P2 gets through while P1 waits',
            'Only if the client stops sending',
          ],
          answer: 1,
          why: 'The random wait breaks the symmetry: P2 finishes phase 1 while P1 waits, and when the wait ends P1 has heard P2’s heartbeats, so it follows. A stable leader commits the command.',
        },
      },
      {
        at: is('leader.elected'),
        text: 'One candidate finishes phase 1 before the other retries: a stable leader.',
      },
      { at: is('slot.chosen'), text: 'The client command is chosen.' },
    ],
  },
  {
    id: 'mp-partitioned-leader',
    title: 'Multi-Paxos: a partitioned leader',
    description:
      'P1 is cut off with client C2. It still believes it leads but cannot commit; the majority side elects a new leader and C1 moves to it. After the heal P1 learns the higher ballot and steps down.',
    // Ends with C2's answer (step 283, tick 499): after it only heartbeats followed, and the
    // clicker's last click jumped 600 ticks past it. (Ending when every replica has executed slot
    // 4, at tick 524, would leave the answer outside the presenter's view at 1024 px.)
    config: { workload: [['put', 'put', 'put'], []], maxSteps: 283 },
    script: (sim) => {
      isolateOldLeader(sim)
      act(sim, { type: 'propose', pid: C(sim, 2), value: 'put' })
      until(sim, (s) => done(s, 1) && cli(s, 1).history.size === 3)
      act(sim, { type: 'heal' })
    },
    beats: [
      { at: is('net.partition'), text: 'P1 and C2 are cut off from the majority.' },
      {
        at: is('slot.propose', (e) => e.pid === 1 && e.slot === 2),
        text: 'P1 still believes it leads, and proposes C2.1:put(b1) for slot 2. Can it commit it?',
        ask: {
          choices: [
            'No: its accepts cannot reach a majority',
            'Yes: it still leads, with ballot 1.1',
            'Yes, once C2 retries',
          ],
          answer: 0,
          why: 'Cut off, only P1 itself can accept, and a slot is committed only once a majority accepted it. The majority side elects P5, which commits C2.1:put(b1) after the heal, in slot 4.',
        },
      },
      {
        at: is('leader.elected', (e) => e.pid !== 1),
        text: 'The majority side elects a new leader with a higher ballot.',
      },
      {
        at: is('leader.preempted', (e) => e.pid === 1),
        text: 'After the heal, P1 meets the higher ballot and steps down.',
      },
      {
        at: is('client.answer', (e) => e.client === 2 && e.command === 1),
        text: "C2 has its answer at last: C2.1:put(b1), which the cut-off P1 could not commit, was committed by the new leader P5 in slot 4. The others learn it from P5's next heartbeat.",
      },
    ],
  },
  {
    id: 'mp-catch-up',
    title: 'Multi-Paxos: a replica catches up',
    description:
      'P5 is down while four commands commit. It recovers with only its acceptor state, learns the commit point from a heartbeat and asks for the slots it missed.',
    // Ends when P5 has caught up (step 105): after that only heartbeats followed, and the clicker's
    // last click jumped 700 ticks past the catch-up.
    config: { workload: [['put', 'put', 'put', 'get']], maxSteps: 105 },
    script: (sim) => {
      until(sim, (s) => leaders(s).length === 1)
      act(sim, { type: 'crash', pid: 5 })
      until(sim, (s) => done(s, 1) && cli(s, 1).history.size === 4)
      act(sim, { type: 'recover', pid: 5 })
    },
    beats: [
      { at: is('proc.crash'), text: 'P5 goes down; the other four still form a majority.' },
      {
        at: is('proc.recover'),
        text: 'P5 is back with its promise from stable storage; it accepted nothing while down and knows no commit point. How will it learn slots 1 to 4?',
        ask: {
          choices: [
            'The leader redoes phase 2 for them',
            'It runs phase 1 itself',
            'A heartbeat, then a catch-up request',
          ],
          answer: 2,
          why: 'Heartbeats carry the commit point, 4: P5 sees that it lags and asks the leader, which sends the committed slots; P5 executes them in order. Nothing is proposed or voted on again.',
        },
      },
      {
        at: is(
          'msg.send',
          (e) => (e.msg as { payload: { type: string } }).payload.type === 'catchup-request',
        ),
        text: 'The heartbeat says the commit point is 4; P5 asks the leader for what it missed.',
      },
      {
        at: is('slot.commit', (e) => e.pid === 5 && e.via === 'catch-up'),
        text: 'P5 learns the chosen slots by catch-up and executes them in order.',
      },
    ],
  },
]
