import { payloadText, processName } from '../store/protocol.ts'
import {
  formatBallot,
  type AcceptedPair,
  type Ballot,
  type Message,
  type ProposerPhase,
} from '../engine/index.ts'

/** Small, pure formatting helpers for the panels, in the lecture's words. */

/** A process's name in the loaded protocol's words (`P2`; Multi-Paxos's clients are `C1`…). */
export const P = (pid: number): string => processName(pid)

/** `text` with its first letter capitalised (`promise…` → `Promise…`). Pure. */
export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

export const ballot = (b: Ballot | null): string => (b ? formatBallot(b) : '—')

/**
 * `(1.1, 10)` — the lecture's (n_a, v_a) — or a dash for "nothing accepted". The space is a
 * no-break space: a narrow column wrapped "(1.1," and "10)" onto two lines, a pair read as two.
 */
export const pair = (a: AcceptedPair | null): string =>
  a ? `(${formatBallot(a.ballot)},\u00a0${a.value})` : '—'

/** `#7 P2→P1 promise 1.1`. */
export const messageLabel = (m: Message): string =>
  `#${m.id} ${P(m.from)}→${P(m.to)} ${payloadText(m.payload)}`

const PHASE_NAMES: Record<ProposerPhase, string> = {
  idle: 'idle',
  preparing: 'phase 1 · prepare',
  accepting: 'phase 2 · accept',
  waiting: 'waiting to retry',
  decided: 'done · decided',
  abandoned: 'gave up',
}

export const phaseName = (p: ProposerPhase): string => PHASE_NAMES[p]
