import type { ProtocolModule, ProtocolTypes } from './module.ts'
import { intBetween, type Rng } from './prng.ts'
import { initialKernelState, type KernelState } from './state.ts'
import type { Tick } from './types.ts'
import type { World } from './world.ts'

/** How a run begins: the processes' initial states, then their `onStart` effects. */

/** A fresh run's state: every process starts from the protocol's `init`. Pure apart from `init`. */
export function startState<T extends ProtocolTypes>(
  module: ProtocolModule<T>,
  config: T['Config'],
  seed: number,
): KernelState<T> {
  const processCount = module.lanes(config).length
  return initialKernelState(module, config, seed, (s, self) =>
    module.init({
      self,
      now: 0 as Tick,
      config,
      processCount,
      draw: (stream, min, max) => intBetween(s.rng[stream] as Rng, min, max),
    }),
  )
}

/** Every process's `onStart`, in pid order, at time 0 (after `run.start` is logged). */
export function startProcesses<T extends ProtocolTypes>(w: World<T>): void {
  if (!w.module.onStart) return
  for (const p of w.state.procs) {
    const r = w.module.onStart(p.local, { ctx: w.context(p.pid) })
    p.local = r.state
    w.perform(p, r.outbox, null)
  }
}
