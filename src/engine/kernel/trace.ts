import type { ProtocolModule, ProtocolTypes, RunEvent } from './module.ts'
import type { KernelState } from './state.ts'
import { pidName, type ProcessNamer } from './narration.ts'
import type { LogEvent, Message } from './types.ts'

/** The compact subject of an event (`#17 P2→P3 promise 1.1`), or '' when the text says it all. Pure. */
function subject<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  e: LogEvent<RunEvent<T>>,
  P: ProcessNamer,
): string {
  switch (e.kind) {
    case 'msg.send':
    case 'msg.deliver':
    case 'msg.drop':
    case 'msg.delay': {
      const m = (e as unknown as { msg: Message<T['Msg']> }).msg
      return `#${m.id} ${P(m.from)}→${P(m.to)} ${module.narration.label(m.payload)}`
    }
    default:
      return ''
  }
}

/**
 * One stable, human-readable line per event: `s12 t34 msg.send #17 P2→P3 promise 1.1 · <narration>`.
 * `names` names processes as the run's module does (`processNamer(module, config)`; Multi-Paxos
 * clients are `C1`…); a module without its own names needs none. Pure.
 */
export function traceLine<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  e: LogEvent<RunEvent<T>>,
  names: ProcessNamer = pidName,
): string {
  const subj = subject(module, e, names)
  return `s${e.step} t${e.tick} ${e.kind}${subj ? ` ${subj}` : ''} · ${e.text}`
}

/** The whole text trace. Pure. */
export function textTrace<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  log: readonly LogEvent<RunEvent<T>>[],
  names: ProcessNamer = pidName,
): string {
  return log.map((e) => traceLine(module, e, names)).join('\n')
}

/** The outcome of a run: the protocol's fields, then violations and steps. */
export type RunSummary = Readonly<Record<string, string | number | null>> & {
  readonly violations: number
  readonly steps: number
}

/** A run's outcome: its fields (for `--json`) and its one line. Pure. */
export function summarize<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  state: KernelState<T>,
): { readonly summary: RunSummary; readonly line: string } {
  const pairs = module.summary(state.ghost, state.procs)
  const fields = module.summaryFields?.(state.ghost, state.procs) ?? Object.fromEntries(pairs)
  const line = pairs.map(([k, v]) => `${k}=${v}`).join(' ')
  return {
    summary: { ...fields, violations: state.violations, steps: state.step },
    line: `summary ${line} violations=${state.violations} steps=${state.step}`,
  }
}

/** FNV-1a over the JSON of the log: equal logs give equal hashes. Pure. */
export function logHash(log: readonly object[]): string {
  return logHashText(logHashOver(LOG_HASH_START, log, 0, log.length))
}

/** The FNV-1a state before any event. */
export const LOG_HASH_START = 0x811c9dc5

/**
 * `logHash`'s state after events `from`..`to` of `log`, from the state `h` before them: a long
 * log can be hashed a slice at a time (the app does, in idle time). Pure.
 */
export function logHashOver(h: number, log: readonly object[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const json = JSON.stringify(log[k])
    for (let i = 0; i < json.length; i++) {
      h ^= json.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
  }
  return h
}

/** The text of a `logHashOver` state. */
export const logHashText = (h: number): string => (h >>> 0).toString(16).padStart(8, '0')
