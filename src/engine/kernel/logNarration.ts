import type { ProtocolModule, ProtocolTypes, RunEvent } from './module.ts'
import { compactSentence, narrateEvent } from './narration.ts'
import { narrateTimerCancel } from './timerNarration.ts'
import type { KernelEvent } from './types.ts'

/**
 * Give each event of `events` from index `from` on its `text`, the last of its stamps: the
 * simulator narrates its log when the log is read (see `Simulator.log`). Pure but for writing the
 * events' `text`.
 */
export function narrateEvents<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  config: T['Config'],
  processCount: number,
  events: readonly RunEvent<T>[],
  from: number,
): void {
  for (let i = from; i < events.length; i++) {
    const e = events[i] as RunEvent<T> & { text: string }
    const text =
      e.kind === 'timer.cancel'
        ? narrateTimerCancel(module, config, e as Extract<KernelEvent, { kind: 'timer.cancel' }>)
        : narrateEvent(module, config, processCount, e)
    compactSentence(text, i)
    e.text = text
  }
}
