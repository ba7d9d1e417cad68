import type { Intervention, NetworkConfig } from '../engine/index.ts'

/**
 * What an action in the past does to the network's random draws, in words, or null when nothing
 * is drawn anew. The network draws each message's delay, loss and duplication from seeded streams
 * in send order (engine/kernel/world.ts): a copy made by hand takes the next delay, so every later
 * delay is drawn anew, and any change that sends more, fewer or other messages moves which later
 * messages the lossy network loses or copies. A student who duplicated one prepare in "Message
 * loss and retries" saw every later loss move and the retries vanish, with no word (tester5 #4).
 * `whose`: `the example's` or `the run's`. Pure.
 */
export function redrawNotice(
  config: Pick<NetworkConfig, 'latencyTicksMin' | 'latencyTicksMax' | 'lossPercent' | 'duplicatePercent'>,
  at: number,
  action: Intervention,
  whose: string,
): string | null {
  const after = `the run after step ${at} may differ from ${whose}`
  const randomDelays = config.latencyTicksMin < config.latencyTicksMax
  if (action.type === 'duplicate' && randomDelays)
    return `Your copy takes the network's next random delay, so every later message's delay is drawn anew: ${after}.`
  const faults = [
    config.lossPercent > 0 ? `loses ${config.lossPercent}%` : null,
    config.duplicatePercent > 0 ? `duplicates ${config.duplicatePercent}%` : null,
  ].filter((f) => f !== null)
  if (faults.length === 0) return null
  return `This network ${faults.join(' and ')} of messages at random, in send order, so after a change the later messages it loses or copies are drawn anew: ${after}.`
}
