/**
 * The protocol module's words (its `narration`): arrow labels and the sentences of the log for its
 * messages, events, timers and processes, and how telling each event is for a presenter's caption.
 * The kernel puts them together with its own network sentences (`narration.ts`). Types only; see
 * module.ts.
 */
import type { Counted, Message, ProcessId, Tick, Unreachable, ViolationEvent } from './types.ts'
import type { TimerCountdown } from './appFace.ts'
import type { ProtocolTypes } from './module.ts'

/** Every sentence of the log comes from here or from the kernel's network sentences. */
export interface ModuleNarration<T extends ProtocolTypes> {
  /** The short label drawn on an arrow (`promise 2.3 (1.1, 10)`). */
  label(msg: T['Msg']): string
  /**
   * Optional: the label in words, for sentences and panels, when the drawn one uses a symbol a
   * screen reader would say by its name (Multi-Paxos's `♥ 2.2 c6` is "black heart suit 2.2 c6";
   * said: `heartbeat 2.2, commit point 6`). Default: `label`.
   */
  spokenLabel?(msg: T['Msg']): string
  /** The sentence for sending `msg` (`P1 sends prepare 1.1 to P2, asking it to …`), without the final period. */
  send(msg: Message<T['Msg']>): string
  /** The suffix for a delivery that counted or was ignored (` (2 of 3 needed)`), or ''. */
  counted(msg: Message<T['Msg']>, counted: Counted | null): string
  /** A protocol event or violation. */
  event(e: T['Event'] | ViolationEvent, config: T['Config']): string
  /**
   * How telling a protocol event is when a presenter's caption sums up a moment in two
   * sentences: 0 is never told, 4 an acceptor's answer, 8 a choice (the kernel rates its own
   * facts: a violation 9, a crash or partition 7, a lost message 4, a delivery 2).
   */
  salience(e: T['Event']): number
  timerSet(pid: ProcessId, key: T['TimerKey'], fireAt: Tick, config: T['Config']): string
  /** Without "Out of turn: ", which the kernel puts before a firing the user forced. */
  timerFire(pid: ProcessId, key: T['TimerKey'], config: T['Config']): string
  /** Optional: a pending timer due at `fireAt` is cancelled (default: the kernel's plain sentence). */
  timerCancel?(pid: ProcessId, key: T['TimerKey'], fireAt: Tick, config: T['Config']): string
  /**
   * Optional: what a pending timer means while it counts down, for the diagram's countdown on its
   * lane: a short name (`backoff`, `election timeout`) and a sentence (`P3 backs off until
   * t=57`). Null leaves the timer undrawn (routine ticks such as a client's pacing). Without this
   * member no timer is drawn.
   */
  timerCountdown?(
    pid: ProcessId,
    key: T['TimerKey'],
    fireAt: Tick,
    config: T['Config'],
  ): TimerCountdown | null
  runStart(config: T['Config'], processCount: number): string
  crash(pid: ProcessId, config: T['Config']): string
  recover(pid: ProcessId, config: T['Config']): string
  /**
   * Optional: the run comes to rest with only retries toward `waitingOn` (down or cut off) left
   * (see the module's `restsOn`). Default: the kernel's plain sentence.
   */
  rests?(waitingOn: Unreachable, config: T['Config']): string
}
