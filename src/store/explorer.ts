import { useStore } from 'zustand'
import { paxos, protocolById, type AnyProtocol, type BugToggles } from '../engine/index.ts'
import { createStore } from 'zustand/vanilla'
import { defaultGoal, goalFor, goalOptions, type SimGoal } from '../explorer/goals.ts'
import { NO_BUDGETS } from '../explorer/simSearch.ts'
import { bugSearchOf } from '../explorer/bugSearch.ts'
import { anyPresetById, type PresetExplore } from '../scenarios/presets.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import {
  createExplorerWorkerClient,
  type ExplorerClient,
  type ExplorerListener,
} from '../worker/explorerClient.ts'
import type { ExplorerProgress } from '../worker/explorerProtocol.ts'
import { loadScenario, setCursor } from './actions.ts'
import { pause, play } from './playback.ts'
import { panelSearchStart, searchedOf, type Searched } from './searched.ts'
import { synodStore } from './store.ts'
import {
  initialExplorerState,
  type BudgetName,
  type ExplorerMode,
  type ExplorerRun,
  type ExplorerState,
  type OneClickSearch,
  type SimForm,
  type SpecConstantsForm,
  type SpecForm,
} from './explorerState.ts'

export { exampleStageOf, panelSearchStart, stageOf, type Searched } from './searched.ts'
export * from './explorerState.ts'

/**
 * The explorer's own small store: the panel's forms and the state of the current search. It talks
 * to the explorer worker and, when a counterexample is loaded, to the main store's actions.
 */

export const explorerStore = createStore<ExplorerState>()(initialExplorerState)

export function useExplorer<T>(selector: (s: ExplorerState) => T): T {
  return useStore(explorerStore, selector)
}

const get = (): ExplorerState => explorerStore.getState()
const set = (patch: Partial<ExplorerState>): void => explorerStore.setState(patch)

let client: ExplorerClient | null = null
function explorer(): ExplorerClient {
  if (!client) setExplorerClient(createExplorerWorkerClient())
  return client as ExplorerClient
}

const onReply: ExplorerListener = (reply) => {
  const run = get().run
  if (!run) return
  if (reply.type === 'error') {
    set({ run: { ...run, status: 'error', error: reply.message, cancelling: false } })
  } else if (reply.type === 'progress') {
    set({ run: { ...run, progress: reply.progress } })
  } else {
    set({
      run: { ...run, status: 'done', progress: reply.progress, outcome: reply.outcome, cancelling: false },
    })
    if (run.autoLoad && reply.outcome.mode === 'sim' && reply.outcome.found) loadFound()
  }
}

/** Use `c` for the searches (tests pass an in-thread client); the previous one is disposed. */
export function setExplorerClient(c: ExplorerClient): void {
  client?.dispose()
  client = c
  c.listen(onReply)
}

/**
 * The one-click "Find a violation" of the run on the diagram: its preset's, when it is a broken
 * variant's lecture; else, when the user switched a broken variant on, the protocol's search for it.
 */
export function currentExplore(): OneClickSearch | null {
  const { presetId, scenario } = synodStore.getState()
  // The run the one-click search found, on the diagram: the button still means that search (its
  // goal, this run's lesson), not the broken variant's search of whatever run is loaded, which
  // would say it looks for another goal beside the result of this one.
  const run = get().run
  const outcome = run?.outcome
  if (run?.oneClick && outcome?.mode === 'sim' && outcome.found && foundIsLoaded(outcome.found))
    return run.oneClick
  const preset = presetId === null ? undefined : anyPresetById(presetId)
  if (preset?.explore) return { scenario: preset.scenario, explore: preset.explore }
  const bug = bugSearchOf(currentProtocol(), scenario)
  return bug ? { scenario, explore: bug } : null
}

/** The explorer defaults of the run on the diagram (see `currentExplore`), if any. */
export const currentPresetExplore = (): PresetExplore | undefined => currentExplore()?.explore

/** The protocol of the scenario on the diagram (its goals are the explorer's). */
export function currentProtocol(): AnyProtocol {
  return protocolById(synodStore.getState().scenario.protocol ?? 'paxos') ?? paxos
}

/**
 * Open or close the panel; opening prefills the budgets from the current preset's defaults, and
 * its goal too unless the user picked one (the picker then shows what the one-click searches for).
 */
export function openExplorer(open: boolean): void {
  const explore = currentPresetExplore()
  const sim = get().sim
  if (open && explore && get().run?.status !== 'running') {
    const goal = sim.goalPicked ? sim.goal : (explore.goal ?? null)
    set({ sim: { ...sim, goal, budgets: { ...NO_BUDGETS, ...explore.budgets } } })
  }
  set({ open })
}

/** The user picks a goal in the picker: every search uses it from now on, the one-click one too. */
export function pickSimGoal(id: string): void {
  set({ sim: { ...get().sim, goal: id, goalPicked: true } })
}

/** The E key and the top bar's Explore button. */
export function toggleExplorer(): void {
  openExplorer(!get().open)
}

export function setExplorerMode(mode: ExplorerMode): void {
  set({ mode })
}

export function setSimForm(patch: Partial<SimForm>): void {
  set({ sim: { ...get().sim, ...patch } })
}

export function setBudget(name: BudgetName, value: number): void {
  const s = get().sim
  set({ sim: { ...s, budgets: { ...s.budgets, [name]: value } } })
}

export function setSpecForm(patch: Partial<SpecForm>): void {
  set({ spec: { ...get().spec, ...patch } })
}

const ZERO_PROGRESS: ExplorerProgress = {
  distinctStates: 1,
  depth: 0,
  completedDepth: -1,
  transitions: 0,
  elapsedMs: 0,
  statesPerSecond: 0,
}

/** The broken-variant toggles switched on in the scenario on the diagram. */
function scenarioBugs(): (keyof BugToggles)[] {
  const bugs = synodStore.getState().scenario.config.bugs
  return (Object.keys(bugs) as (keyof BugToggles)[]).filter((k) => bugs[k] === true)
}

function begin(
  mode: ExplorerMode,
  bounds: ExplorerRun['bounds'],
  autoLoad: boolean,
  checked: SpecConstantsForm | null = null,
  goal: SimGoal | null = null,
): void {
  const run = { mode, status: 'running', bounds, autoLoad, cancelling: false, checked, goal } as const
  set({ run: { ...run, progress: ZERO_PROGRESS, outcome: null, error: null, scenarioBugs: scenarioBugs() } })
}

/** Note where the running schedule search started and what it left out (`searchedOf`). */
function setSearched(searched: Searched): void {
  const run = get().run
  if (run) set({ run: { ...run, searched } })
}

/** The search goal of the form, for `module`'s run (its default for a goal it lacks). Pure. */
export const goalOf = (form: SimForm, module: AnyProtocol): SimGoal => goalFor(module, form.goal, form.params)

export function setGoalParam(id: string, value: number | string): void {
  const s = get().sim
  set({ sim: { ...s, params: { ...s.params, [id]: value } } })
}

/**
 * Search the current scenario's schedules from the cursor (or from the example's stage, see
 * `panelSearchStart`), with the form's goal and budgets.
 */
export function startScheduleSearch(): void {
  const { sim } = get()
  const own = synodStore.getState().scenario
  const bounds = { maxStates: sim.maxStates, maxDepth: sim.maxDepth }
  const goal = goalOf(sim, currentProtocol())
  begin('sim', bounds, false, null, goal)
  const start = panelSearchStart()
  setSearched(searchedOf(own, start, sim.budgets, goal, synodStore.getState().log))
  explorer().sim({ scenario: start.scenario, fromStep: start.fromStep, goal, budgets: sim.budgets, bounds })
}

/** Model-check Paxos.tla with the form's constants (spec mode). */
export function startSpecCheck(): void {
  const { spec } = get()
  const bounds = { maxStates: spec.maxStates, maxDepth: spec.maxDepth }
  const { acceptors, values, maxBallot, quorumSize } = spec
  begin('spec', bounds, false, { acceptors, values, maxBallot, quorumSize })
  explorer().spec({ acceptors, values, maxBallot, quorumSize }, bounds)
}

/**
 * The goal the one-click "Find a violation" searches for, and whether the user picked it: the goal
 * picked in the picker (when the run's protocol has it), else the run's lesson (its preset's or
 * broken variant's goal, else the protocol's default, Paxos's "agreement is violated"). Null when
 * the run has no one-click search.
 */
export function oneClickGoal(): { goal: SimGoal; picked: boolean } | null {
  const current = currentExplore()
  if (!current) return null
  const module = protocolById(current.scenario.protocol ?? 'paxos') ?? paxos
  const sim = get().sim
  const picked = sim.goalPicked && goalOptions(module).some((g) => g.id === sim.goal)
  const id = picked ? sim.goal : (current.explore.goal ?? defaultGoal(module).id)
  return { goal: goalFor(module, id, sim.params), picked }
}

/**
 * The one-click "Find a violation" (`currentExplore`): where the search starts, its budgets, its
 * goal (`oneClickGoal`); the shortest counterexample is loaded onto the diagram when found.
 */
export function findViolation(): boolean {
  const current = currentExplore()
  const target = oneClickGoal()
  if (!current || !target) return false
  const { explore } = current
  const module = protocolById(current.scenario.protocol ?? 'paxos') ?? paxos
  const budgets = { ...NO_BUDGETS, ...explore.budgets }
  const bounds = { maxStates: 300_000, maxDepth: 300 }
  const goal = target.goal.id
  set({ open: true, mode: 'sim', sim: { ...get().sim, goal, budgets, ...bounds } })
  const simGoal = goalOf(get().sim, module)
  begin('sim', bounds, true, null, simGoal)
  set({ run: { ...(get().run as ExplorerRun), oneClick: current } })
  const scenario: Scenario = { ...current.scenario, interventions: explore.interventions }
  const fromStep = explore.fromStep ?? 0
  // The one-click run is the example's own, not necessarily the diagram's: no log to compare.
  setSearched(searchedOf(current.scenario, { scenario, fromStep, staged: true }, budgets, simGoal, []))
  explorer().sim({ scenario, fromStep, goal: simGoal, budgets, bounds })
  return true
}

export function cancelExplorer(): void {
  const run = get().run
  if (run?.status !== 'running') return
  set({ run: { ...run, cancelling: true } })
  explorer().cancel()
}

/**
 * Load the counterexample onto the diagram like any other scenario, opened AT the step where the
 * goal is reached (the violation is what the student came for; "Play from the start" is beside the
 * result), with a beat there that pauses playback and says what happened.
 */
export function loadFound(): void {
  loadFoundAt(null)
}

/** Load the counterexample with its cursor at `step` (null: where the goal is reached). */
function loadFoundAt(step: number | null): void {
  const outcome = get().run?.outcome
  if (outcome?.mode !== 'sim' || !outcome.found) return
  const found = outcome.found
  const end = found.cursor ?? outcome.fromStep
  // The goals' words are phrases or sentences; the beat is read as a sentence either way.
  const said = outcome.foundText?.trim() || 'See the diagram.'
  const what = /[.!?…]$/.test(said) ? said : `${said}.`
  const text = `The explorer's goal is reached here. ${what}`.slice(0, 500)
  loadScenario({ ...found, cursor: step ?? end, beats: [{ step: end, text }] }, null)
}

/** Is the diagram showing this counterexample (the same interventions, not edited since)? */
const foundIsLoaded = (found: Scenario): boolean =>
  synodStore.getState().scenario.interventions === found.interventions

/** Replay the loaded counterexample from where the explorer's schedule starts. */
export function playFoundFromStart(): void {
  const outcome = get().run?.outcome
  if (outcome?.mode !== 'sim' || !outcome.found) return
  if (foundIsLoaded(outcome.found)) setCursor(outcome.fromStep, true)
  else loadFoundAt(outcome.fromStep)
  play()
}

/**
 * Show the step where one of the explorer's changes happens (a click on the list of changes). The
 * counterexample is loaded first when the diagram shows another run.
 */
export function showChange(step: number): void {
  const outcome = get().run?.outcome
  if (outcome?.mode !== 'sim' || !outcome.found) return
  pause()
  if (!foundIsLoaded(outcome.found)) {
    loadFoundAt(step)
    return
  }
  setCursor(step, true)
}
