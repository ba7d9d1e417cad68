import type { ProtocolModule, ProtocolTypes } from './module.ts'
import { processNamer } from './narration.ts'
import type { KernelEvent } from './types.ts'

type TimerCancel = Extract<KernelEvent, { kind: 'timer.cancel' }>

/**
 * The sentence for a cancelled timer: the module's words, or the kernel's plain sentence. Pure.
 * (Kept beside `narrateEvent`, which the simulator asks for every other event.)
 */
export function narrateTimerCancel<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  config: T['Config'],
  e: TimerCancel,
): string {
  const words = module.narration.timerCancel
  const key = e.key as T['TimerKey']
  return words
    ? words(e.pid, key, e.fireAt, config)
    : `${processNamer(module, config)(e.pid)} cancels its ${e.key} timer (due at tick ${e.fireAt}).`
}
