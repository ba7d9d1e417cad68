import type { ProtocolGuide } from '../../kernel/module.ts'

/** Multi-Paxos as the help dialog teaches it: election, the steady state, commit and execution. */
export const MP_GUIDE: ProtocolGuide = {
  points: [
    {
      title: 'Leader election (phase 1, once for every slot).',
      text:
        'A replica that hears no heartbeat before its election timeout picks a higher ballot like 2.3 ' +
        '(round 2, replica 3) and asks every replica to promise, for all slots from its first uncommitted ' +
        'one. Each promise reports, per slot, the command accepted with the highest ballot; the new leader ' +
        'proposes those again and fills the holes with no-ops.',
    },
    {
      title: 'Steady state (phase 2 for each command).',
      text:
        'A client sends a put or get to the leader (any other replica redirects it). The leader puts it ' +
        'in the next free slot and asks the replicas to accept it; a replica that promised a higher ' +
        'ballot refuses and names that ballot, and the leader steps down.',
    },
    {
      title: 'Chosen, committed, executed.',
      text:
        'A slot is chosen once a majority accepts its command. The leader commits it, tells the others ' +
        'with its heartbeats, and every replica executes committed slots in order; the leader answers ' +
        'the client. A retried command runs at most once.',
    },
  ],
  tryClick: 'Click a client (C1…) to send it a put or get; click a replica to crash or recover it.',
  round: 'a slot is chosen, or a new ballot starts phase 1',
  processActions: 'a client sends a command, a replica crashes…',
}
