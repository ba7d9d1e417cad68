/**
 * Regenerates the Multi-Paxos presets: each is scripted here (the first stories: steady state,
 * batching, the leader's crash), in scripts/mpLeaderPresets.ts (leader changes) and in
 * scripts/mpBugPresets.ts (broken variants) the way a lecturer would drive the app (wait for the
 * leader, crash it, drop these accepts, partition…), recorded through the simulator's `fork` as
 * plain interventions, and its narration beats, one of them a question with its answers, are placed
 * at the steps where the story happens (scripts/mpScript.ts). Each script's presets go to a file of
 * their own in src/engine/protocols/multipaxos/ (presets.stories.data.ts, presets.leaders.data.ts,
 * presets.bugs.data.ts), which presets.data.ts joins in the menu's order.
 * Run after a change that moves message ids or steps, or a beat's words:
 * `npx tsx scripts/mpPresets.ts`, then check the golden traces.
 */
import type { MpConfig } from '../src/engine/protocols/multipaxos/types.ts'
import { act, C, done, is, leaders, rep, until, writePresets, type Sim, type Spec } from './mpScript.ts'
import { BUG_SPECS } from './mpBugPresets.ts'
import { LEADER_SPECS } from './mpLeaderPresets.ts'

const THREE_CLIENTS: MpConfig['workload'] = [
  ['put', 'put', 'get'],
  ['put', 'get'],
  ['put', 'put'],
]

/** The failover story: slots 3 and 5 accepted by a majority but unknown, slot 4 only at P1, then P1 dies. */
function leaderCrash(sim: Sim): void {
  until(sim, (s) => leaders(s).length === 1)
  for (const n of [1, 2]) {
    act(sim, { type: 'propose', pid: C(sim, n), value: 'put' })
    until(sim, (s) => done(s, n))
  }
  for (const n of [1, 2, 3]) act(sim, { type: 'propose', pid: C(sim, n), value: 'put' })
  until(sim, (s) => rep(s, 1).nextSlot === 6)
  const keep: Record<number, number[]> = { 3: [1, 2, 3], 4: [1], 5: [1, 2, 3] }
  for (const m of [...sim.state.inFlight]) {
    const p = m.payload
    if (p.type === 'accept' && p.entries.some((e) => !keep[e.slot]?.includes(m.to)))
      act(sim, { type: 'drop', msgId: m.id })
  }
  until(sim, (s) => s.state.inFlight.every((m) => m.payload.type !== 'accept' || m.to === 1))
  act(sim, { type: 'crash', pid: 1 })
  // The new leader executes C1.2 (recovered in slot 3) and answers C1: that answer is lost, so
  // C1's retry reaches the new leader, which must recognise a command it already executed.
  const answer = (s: Sim) =>
    s.state.inFlight.find((m) => m.payload.type === 'reply' && m.payload.client === 1 && m.from !== 1)
  until(sim, (s) => answer(s) !== undefined)
  const lost = answer(sim)
  if (lost) act(sim, { type: 'drop', msgId: lost.id })
}

const STORY_SPECS: Spec[] = [
  {
    id: 'mp-steady',
    title: 'Multi-Paxos: steady state',
    description:
      'P1 runs phase 1 once, for every slot; then each client command costs one round trip (accept, accepted from a majority).',
    // The story ends once every replica has executed the last command, C1's get (step 135): after
    // that only heartbeats followed, and the clicker's last click jumped 120 ticks past the story.
    config: { workload: THREE_CLIENTS, maxSteps: 135 },
    beats: [
      {
        at: is('leader.campaign'),
        text: 'P1 runs phase 1 with ballot 1.1, for all slots from 1 on at once.',
      },
      {
        at: is('leader.elected'),
        text: 'P1 leads with ballot 1.1, and the clients are about to send their commands. How many round trips will each command cost before P1 knows it is chosen?',
        ask: {
          choices: [
            'Two: prepare/promise, then accept/accepted',
            'One: accept, then accepted',
            'None: the leader decides alone',
          ],
          answer: 1,
          why: 'P1’s phase 1 covered every slot from 1 on: while it stays leader, each command needs only phase 2, an accept to every replica and accepted back from a majority.',
        },
      },
      {
        at: is('slot.chosen'),
        text: (e) =>
          `Slot ${String(e.slot)} is chosen${e.slot === 1 ? '' : ' before slot 1'}: a majority accepted it. Nobody knows it yet, not even the leader.`,
      },
      {
        at: is('client.answer'),
        text: 'P1 learned slot 2 was chosen before slot 1, yet executed them in log order, 1 then 2, and answered: C1 has its answer.',
      },
      {
        at: is('client.answer', (e) => e.client === 1 && e.command === 3),
        text: 'C1 gets c2 for its get, the last of the 7 commands: one phase 1 for them all, then one accept round trip each.',
      },
    ],
  },
  {
    id: 'mp-batching',
    title: 'Multi-Paxos: batching',
    description:
      'The same workload as mp-steady, with accepts for up to three slots in one message: fewer messages.',
    // Ends once every replica has executed the last command (step 96), as mp-steady does.
    config: { workload: THREE_CLIENTS, maxSteps: 96, batchSize: 3 },
    beats: [
      {
        at: is('leader.elected'),
        text: 'P1 leads, and waits up to 6 ticks to fill a batch of 3 slots. This is mp-steady’s workload: will its commands cost fewer messages, and why?',
        ask: {
          choices: [
            'The same: one accept per slot',
            'Fewer: batched slots skip phase 2',
            'Fewer: a message carries up to 3 slots',
          ],
          answer: 2,
          why: 'Every slot still goes through phase 2, but a batch shares its messages: 15 accepts and 15 accepteds for the 7 commands, against 35 and 35 in mp-steady.',
        },
      },
      {
        at: is(
          'msg.send',
          (e) => (e.msg as { payload: { type: string; entries?: unknown[] } }).payload.entries?.length === 3,
        ),
        text: 'One accept carries three slots: 15 accept messages for the whole workload, against 35 in mp-steady.',
      },
      {
        at: is('client.answer', (e) => e.client === 1 && e.command === 3),
        text: 'C1 gets c2 for its get: all 7 commands are answered, every slot through phase 2, its accepts shared by up to 3 slots.',
      },
    ],
  },
  {
    id: 'mp-leader-crash',
    title: 'Multi-Paxos: the leader crashes',
    description:
      "P1 dies with slots 3 and 5 chosen but not committed and slot 4 only in its own log. Watch what the new leader P2 learns from phase 1 and what it puts in slots 3, 4 and 5. Its answer to C1 is lost, so C1 retries a command already in the log: is it executed twice? And what becomes of C2's command, which only P1 had?",
    seed: 2,
    // The story ends once every live replica has executed C2's retried command (step 167): after
    // that only heartbeats followed, and the clicker's last click jumped 200 ticks past the story.
    config: { workload: [[], [], []], maxSteps: 167 },
    script: leaderCrash,
    beats: [
      {
        at: is('proc.crash'),
        text: 'P1 crashes. Slots 3 and 5 were accepted by a majority, but nobody knows they are chosen; slot 4 reached only P1.',
      },
      {
        at: is('client.send', (e) => e.retry === true && e.client === 1),
        text: 'C1 has no answer: C1.2:put(a2) was chosen in slot 3, but P1 died before answering. C1 resends it.',
      },
      {
        at: is('leader.campaign', (e) => e.pid !== 1),
        text: (e) =>
          `P${String(e.pid)} hears no heartbeat and runs phase 1 from its first uncommitted slot, 3. Once a majority has promised, what will it propose in slot 3, and in slot 4?`,
        ask: {
          choices: [
            '3: C1.2:put(a2); 4: a no-op',
            '3: C1.2:put(a2); 4: C2.2:put(b2)',
            '3 and 4: the retried commands',
          ],
          answer: 0,
          why: 'A majority accepted C1.2:put(a2) in slot 3, so any majority of promises reports it: P2 must propose it again. Only the crashed P1 accepted slot 4, so no promise reports it: P2 fills the hole with a no-op.',
        },
      },
      {
        at: is('leader.elected', (e) => e.pid !== 1),
        text: 'Promises reported slots 3 and 5: the new leader re-proposes them. Nobody reported slot 4, so P2 proposes a no-op there: its accepts are on their way, and the hole fills as the replicas accept them.',
      },
      {
        at: is('msg.drop', (e) => (e.msg as { payload: { type: string } }).payload.type === 'reply'),
        text: 'P2 executes C1.2:put(a2) in slot 3 and answers C1, but the answer is lost (dropped by hand).',
      },
      {
        at: is('msg.deliver', (e) => {
          const p = (e.msg as { payload: { type: string; cmd?: { client: number } } }).payload
          const counted = e.counted as { ignored?: string } | null
          return p.type === 'request' && p.cmd?.client === 1 && /at-most-once/.test(counted?.ignored ?? '')
        }),
        text: "C1's retry reaches P2, which already executed it in slot 3: the at-most-once table answers, and nothing is proposed or executed again.",
      },
      {
        at: is('slot.propose', (e) => e.slot === 6),
        text: "C2.2:put(b2) was accepted only by P1, in slot 4, now a no-op: it was lost, so C2's retry is proposed anew, in slot 6.",
      },
      {
        at: is('client.answer', (e) => e.client === 1 && e.command === 2),
        text: 'C1 has its answer: C1.2:put(a2) was executed exactly once, in slot 3.',
      },
      {
        at: is('client.answer', (e) => e.client === 2 && e.command === 2),
        text: "C2 has its answer too: C2.2:put(b2), lost with slot 4, was executed once, in slot 6. The leader's next heartbeat carries commit point 6 to P3, P4 and P5.",
      },
    ],
  },
]

await writePresets(STORY_SPECS, 'presets.stories.data.ts', 'MP_STORY_PRESETS', 'mpPresets.ts')
await writePresets(LEADER_SPECS, 'presets.leaders.data.ts', 'MP_LEADER_PRESETS', 'mpLeaderPresets.ts')
await writePresets(BUG_SPECS, 'presets.bugs.data.ts', 'MP_BUG_PRESETS', 'mpBugPresets.ts')
