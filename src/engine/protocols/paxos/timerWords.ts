import type { TimerCountdown } from '../../kernel/module.ts'
import type { ProcessId, Tick } from '../../kernel/types.ts'
import type { TimerPurpose } from './types.ts'

/**
 * What the proposer's and the decider's timers mean while they count down, and when one is
 * cancelled: the words behind the countdowns on the lanes ("P3 backs off until t=57").
 */

const P = (n: number): string => `P${n}`

/**
 * Only the handlers cancel: a proposer's timeout when its ballot fails by rejection, succeeds or
 * is overtaken by a decision; its backoff when it learns a decision while waiting; the decider's
 * re-send timer once every process has acknowledged.
 */
export function timerCancelText(pid: ProcessId, key: TimerPurpose, fireAt: Tick): string {
  if (key === 'inform')
    return `${P(pid)} stops re-sending its decision (next due at tick ${fireAt}): every process has acknowledged it.`
  return key === 'timeout'
    ? `${P(pid)} cancels its timeout (due at tick ${fireAt}): its ballot is over.`
    : `${P(pid)} stops backing off (its retry was due at tick ${fireAt}).`
}

export function timerCountdown(pid: ProcessId, key: TimerPurpose, fireAt: Tick): TimerCountdown {
  switch (key) {
    case 'retry':
      return {
        label: 'backoff',
        text: `${P(pid)} backs off until t=${fireAt}, then retries with a higher ballot`,
        quiet: false,
      }
    case 'timeout':
      return {
        label: 'timeout',
        text: `${P(pid)} gives up on its ballot at t=${fireAt} unless it succeeds first`,
        quiet: false,
      }
    case 'inform':
      return {
        label: 're-send',
        text: `${P(pid)} re-sends its decision at t=${fireAt} to every process that has not acknowledged it`,
        quiet: true,
      }
  }
}
