import type {
  AnyProtocol,
  LaneStatus,
  LogGridModel,
  Message,
  ProcessView,
  ProcSlot,
  RequestForm,
} from '../engine/index.ts'
import { toRunInput, type Scenario } from '../scenarios/scenario.ts'
import { engineMomentAt, warmEngineRun } from '../worker/stateAt.ts'
import { nameOf, protocolOf } from './protocol.ts'
import { useShallow } from 'zustand/react/shallow'
import { PANEL_GROUPS, type PanelGroup, type SynodState } from './state.ts'
import { useSynod } from './store.ts'

/**
 * What the panels show of a run at the cursor, from the engine's real state (see
 * worker/stateAt.ts): each process's state and card (`view`), its lane status (`laneStatus`), its
 * name, its timers, the messages on the wire and, for a protocol that keeps a replicated log, the
 * log grid. Every protocol goes this one way; nothing here knows a protocol.
 */
export interface ModuleMoment {
  readonly module: AnyProtocol
  readonly step: number
  /** The processes' real states, in pid order (a module's own card reads them). */
  readonly procs: readonly ProcSlot<never>[]
  /** One per process, in pid order. */
  readonly names: readonly string[]
  readonly ups: readonly boolean[]
  readonly views: readonly ProcessView[]
  readonly lanes: readonly LaneStatus[]
  readonly grid: LogGridModel | null
  /** Per process, why it cannot take a request now (the module's words), or null. */
  readonly requestProblems: readonly (string | null)[]
  /** Per process, what a request means there (the module's `requestForm`, else a value box). */
  readonly requestForms: readonly RequestForm[]
  /** Pending timers, in firing order. */
  readonly timers: readonly { readonly pid: number; readonly key: string; readonly fireAt: number }[]
  /** Messages on the wire, the next to arrive first. */
  readonly inFlight: readonly Message[]
}

/** A module that does not say what a request means takes any value. */
const VALUE_BOX: RequestForm = { kind: 'text', label: 'Request', placeholder: 'a value', help: '' }

/** The moment at step `cursor` of `scenario`'s run (uncached). */
export function momentOf(scenario: Scenario, cursor: number): ModuleMoment {
  const module = protocolOf(scenario)
  const config = scenario.config
  const at = engineMomentAt(scenario, () => toRunInput(scenario), cursor)
  const procs = at.procs
  // The module's words are computed when a panel first reads them (each step of a run pays only
  // for what is shown), and kept: the moment is immutable.
  let views: readonly ProcessView[] | null = null
  let lanes: readonly LaneStatus[] | null = null
  let problems: readonly (string | null)[] | null = null
  let forms: readonly RequestForm[] | null = null
  // The log grid is built when a panel reads it, but from the events up to the cursor copied now
  // (the simulator moves on); a cell's reason is read from them only when that cell is explained.
  const logGrid = module.app.logGrid
  const events = logGrid ? at.events() : null
  let grid: LogGridModel | null | undefined
  return {
    module,
    step: at.step,
    procs,
    names: procs.map((p) => nameOf(module, config, p.pid)),
    ups: procs.map((p) => p.up),
    get views() {
      return (views ??= procs.map((p) => module.view(p.local, p.up, config, p.pid)))
    },
    get lanes() {
      return (lanes ??= procs.map((p) => module.laneStatus(p.local, p.up)))
    },
    get grid() {
      if (grid === undefined) grid = logGrid && events ? logGrid(config, procs, events) : null
      return grid
    },
    get requestProblems() {
      return (problems ??= procs.map((p) => (p.up ? module.requestProblem(p.local) : 'it is down')))
    },
    get requestForms() {
      return (forms ??= procs.map((p) => module.requestForm?.(p.local) ?? VALUE_BOX))
    },
    timers: at.timers,
    inFlight: at.inFlight,
  }
}

/**
 * The last few moments: right after a step the diagram's lane faces read the new cursor's while
 * the panel groups still read the previous one, and while steps come faster than a catch-up the
 * groups may show two or three steps (`panelsFollow.ts`); none may evict another (a seek back and
 * forth on every render).
 */
const MEMO_SIZE = 4
let memo: readonly { scenario: Scenario; cursor: number; value: ModuleMoment }[] = []

/** `momentOf` with a small cache, so every panel shares one seek per cursor move. */
export function momentCached(scenario: Scenario, cursor: number): ModuleMoment {
  const hit = memo.find((m) => m.scenario === scenario && m.cursor === cursor)
  if (hit) return hit.value
  const value = momentOf(scenario, cursor)
  memo = [{ scenario, cursor, value }, ...memo.slice(0, MEMO_SIZE - 1)]
  return value
}

/**
 * The cursor a group of side panels shows: the live one, or while scrubbing or catching up the
 * group's own (`panelCursors`; during a drag `panelsFollow.ts` moves one group a frame). Pure.
 */
export const panelCursorOf = (
  s: Pick<SynodState, 'scrubbing' | 'panelsBehind' | 'panelCursors' | 'cursor'>,
  group: PanelGroup,
): number =>
  s.scrubbing || s.panelsBehind ? (s.panelCursors[PANEL_GROUPS.indexOf(group)] ?? s.cursor) : s.cursor

/** The moment a group of panels shows. */
export function useMoment(group: PanelGroup): ModuleMoment {
  const scenario = useSynod((s) => s.scenario)
  const cursor = useSynod((s) => panelCursorOf(s, group))
  return momentCached(scenario, cursor)
}

/** `select` of the moment a group of panels shows, for `useMomentSelect`. Pure but for the cache. */
export const momentSelector =
  <T>(group: PanelGroup, select: (m: ModuleMoment, s: SynodState) => T) =>
  (s: SynodState): T =>
    select(momentCached(s.scenario, panelCursorOf(s, group)), s)

/**
 * Part of the moment a group of panels shows, for a panel that shows only a little of it: the
 * panel re-renders when what `select` returns changes (compared shallowly: a primitive, or an
 * object or array of primitives), not at every step. `select` must not depend on anything but its
 * arguments.
 */
export function useMomentSelect<T>(group: PanelGroup, select: (m: ModuleMoment, s: SynodState) => T): T {
  return useSynod(useShallow(momentSelector(group, select)))
}

/**
 * Compute the panels' run of `scenario` ahead to `step` (see `warmEngineRun`); false when that
 * run is not the one the panels hold. For idle time, a slice at a time.
 */
export function warmMoment(scenario: Scenario, step: number): boolean {
  return warmEngineRun(scenario, step)
}
