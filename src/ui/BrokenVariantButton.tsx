import type { AnyProtocol } from '../engine/index.ts'
import { openDialog } from '../store/actions.ts'
import { protocolOf } from '../store/protocol.ts'
import { useSynod } from '../store/store.ts'

const valueAt = (config: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], config)

/**
 * The broken variants switched on in `config`, by the labels their protocol gives them (a module
 * declares each as a `bugs.*` bool field). "Bug: " is left off: the button says so. Pure.
 */
export function brokenVariants(module: AnyProtocol, config: unknown): string[] {
  return module.config.fields
    .filter((f) => f.kind === 'bool' && f.path.startsWith('bugs.') && valueAt(config, f.path) === true)
    .map((f) => f.label.replace(/^Bug: /, ''))
}

/**
 * While a deliberately broken variant is on, the top bar's status says so beside the safety badge:
 * a run that violates safety must never look like Paxos misbehaving. Opens the settings.
 */
export function BrokenVariantButton() {
  // A string selector: the button re-renders when the variants change, not on every step.
  const names = useSynod((s) => brokenVariants(protocolOf(s.scenario), s.scenario.config).join('; '))
  if (names === '') return null
  const what = `Broken variant on: ${names}. The protocol is deliberately wrong in this run.`
  return (
    <button
      type="button"
      onClick={() => openDialog('config')}
      className="badge badge-warn"
      aria-label={`${what} Open the settings to change it.`}
      title={`${what} Click to change it in the settings.`}
    >
      <span aria-hidden="true">⚠</span> <span className="chip-full">Broken variant</span>
      <span className="chip-short" aria-hidden="true" data-short="Broken" />
    </button>
  )
}
