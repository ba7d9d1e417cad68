import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { moduleFor, tagLogProtocol, type SimEvent } from '../engine/index.ts'
import type { EngineClient } from '../worker/client.ts'
import type { ClientReply } from '../worker/protocol.ts'
import { initialState, type SynodState } from './state.ts'

/** The one store. Components read it through `useSynod` with narrow selectors. */
export const synodStore = createStore<SynodState>()(() => initialState())

/** Subscribe a component to one slice of the store (narrow selectors keep re-renders rare). */
export function useSynod<T>(selector: (s: SynodState) => T): T {
  return useStore(synodStore, selector)
}

let engine: EngineClient | null = null
/** A reset waits for the first batch after it, so the log never flashes half-truncated. */
let pendingKeep: number | null = null
/** The step the user just acted at, until the events of the action have arrived. */
let actedAt: number | null = null
/** "Jump to end" was asked for while the run was still being computed. */
let endWanted = false

/** A run was opened (`loadScenario`): count it once the worker has computed it (`opened`). */
let openPending = false

/** Count the run being loaded as opened once the worker has finished computing it. */
export function wantOpened(): void {
  openPending = true
}

/** Ask for the end of the run: now, and again once the worker has finished computing it. */
export function wantEnd(computing: boolean): void {
  endWanted = computing
}

/**
 * Follow the user's action: a delivery or timer firing made by hand is itself the next step, so
 * when its events land on the step after the cursor, the cursor moves there to show them.
 */
export function followAction(step: number): void {
  actedAt = step
}

function cursorAfterAction(events: readonly SimEvent[], cursor: number): number {
  const at = actedAt
  if (at === null || cursor !== at) return cursor
  const next = events.some((e) => e.byUser && e.step === at + 1)
  if (next || events.some((e) => e.step > at + 1)) actedAt = null
  return next ? at + 1 : cursor
}

/** The engine client in use; throws when none was connected. */
export function engineClient(): EngineClient {
  if (!engine) throw new Error('Synod: no engine connected (call connectEngine first)')
  return engine
}

/** Connect the engine (the worker in the app, the in-thread client in tests). */
export function connectEngine(client: EngineClient): void {
  engine?.dispose()
  engine = client
  pendingKeep = null
  actedAt = null
  endWanted = false
  openPending = false
  client.listen(onReply)
}

function withPending(log: readonly SimEvent[]): readonly SimEvent[] {
  if (pendingKeep === null) return log
  const keep = pendingKeep
  pendingKeep = null
  return keep >= log.length ? log : log.slice(0, keep)
}

/** Replace the engine and rerun the current inputs (the "Restart" button after it stopped). */
export function restartEngine(): void {
  synodStore.setState({ computing: true, error: null, engineStatus: 'ok', engineReason: null })
  pendingKeep = null
  engineClient().restart()
}

/** Apply one worker reply: exactly one setState per batch. */
function onReply(r: ClientReply): void {
  switch (r.type) {
    case 'restarted':
      // The same inputs run again in a new engine; the log, cursor and selection stay.
      pendingKeep = null
      synodStore.setState({ computing: true, error: null, engineStatus: 'restarted', engineReason: r.reason })
      return
    case 'stopped':
      pendingKeep = null
      synodStore.setState({
        computing: false,
        playing: false,
        engineStatus: 'stopped',
        engineReason: r.reason,
      })
      return
    case 'reset':
      pendingKeep = r.logLength
      return
    case 'events': {
      const s = synodStore.getState()
      const base = withPending(s.log)
      const log = base.length === r.from ? base.concat(r.events) : [...base.slice(0, r.from), ...r.events]
      // The lane count follows the scenario (set when it is loaded), not the log: every protocol
      // counts its processes its own way.
      const cursor = cursorAfterAction(r.events, s.cursor)
      // The diagram asks the run's protocol module for its words (labels, colours, marks).
      if (log[0]) tagLogProtocol(log[0], moduleFor(s.scenario.protocol))
      synodStore.setState({ log, cursor })
      return
    }
    case 'done': {
      actedAt = null
      const s = synodStore.getState()
      const base = withPending(s.log)
      const log = base.length > r.logLength ? base.slice(0, r.logLength) : base
      // A shorter run (after a fork) must not leave the cursor beyond its end.
      const end = log[log.length - 1]?.step ?? 0
      const cursor = endWanted ? end : Math.min(s.cursor, end)
      endWanted = false
      const opened = openPending ? s.opened + 1 : s.opened
      openPending = false
      synodStore.setState({ log, halted: r.halted, computing: false, error: null, cursor, opened })
      return
    }
    case 'error':
      pendingKeep = null
      synodStore.setState({ computing: false, playing: false, error: r.message })
  }
}
