import {
  type Intervention,
  type ProtocolRunInput,
  type ScheduledIntervention,
  type SimConfig,
  type SimEvent,
} from '../engine/index.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import { laneCount } from '../scenarios/protocolConfig.ts'
import { toRunInput, type Scenario } from '../scenarios/scenario.ts'
import { valueTextProblem } from '../scenarios/userText.ts'
import { forkMomentRun } from '../worker/stateAt.ts'
import * as nav from './navigation.ts'
import { runInSlices } from './inSlices.ts'
import { redrawNotice } from './redrawNotice.ts'
import { actInThePastInSlices, laterActionsNotice, type LaterActions, type Owner } from './laterActions.ts'
import { messageStatus } from './messageStatus.ts'
import { panelCursorOf } from './moment.ts'
import { panelsLag, schedulePanelCatchUp } from './panelsFollow.ts'
import { endSentence } from './protocol.ts'
import { eventsBefore, eventsThrough } from './runIndex.ts'
import { PANEL_GROUPS, type DialogName, type SynodState, type Theme } from './state.ts'
import { engineClient, followAction, synodStore, wantEnd, wantOpened } from './store.ts'

/** Module-level actions: the only code that writes the store (besides the worker replies). */

const get = (): SynodState => synodStore.getState()
const set = (patch: Partial<SynodState>): void => synodStore.setState(patch)

/** The number of lanes (processes) of a scenario's run. Pure. */
export const lanesOf = (s: Pick<Scenario, 'protocol' | 'config'>): number =>
  laneCount(s.protocol ?? 'paxos', s.config)

/** Replace the run with `scenario`; the cursor goes to its saved cursor or 0. */
export function loadScenario(scenario: Scenario, presetId: string | null = null): void {
  set({
    scenario,
    presetId,
    branch: null,
    halted: null,
    computing: true,
    error: null,
    processCount: lanesOf(scenario),
    cursor: scenario.cursor ?? 0,
    selectedMsgId: null,
    selectedPid: null,
    playing: false,
    touched: false,
    // A notice about the run it replaces (an action's later actions, a refused action) is not about this one.
    notice: null,
  })
  wantOpened()
  engineClient().load(toRunInput(scenario))
}

/** Load a lecture preset by id; false when there is none. */
export function loadPreset(id: string): boolean {
  const preset = anyPresetById(id)
  if (!preset) return false
  loadScenario(preset.scenario, id)
  return true
}

/** Does an intervention still make sense with `n` processes? */
function fitsProcesses(a: Intervention, n: number): boolean {
  if ('pid' in a) return a.pid <= n
  if (a.type === 'partition') return a.groups.flat().every((p) => p <= n)
  return true
}

/** New settings: rerun the current scenario's interventions under `config` and `seed`. */
export function applyConfig(config: SimConfig, seed: number): void {
  const s = get()
  const lanes = lanesOf({ protocol: s.scenario.protocol, config })
  const interventions = s.scenario.interventions.filter((iv) => fitsProcesses(iv.action, lanes))
  // A lecture's beats describe the original run; new settings make a different run.
  const { beats: _beats, ...rest } = s.scenario
  const scenario: Scenario = { ...rest, config, seed, interventions }
  set({
    scenario,
    presetId: null,
    branch: null,
    computing: true,
    halted: null,
    dialog: null,
    processCount: lanes,
  })
  set({
    selectedMsgId: null,
    selectedPid: s.selectedPid && s.selectedPid <= lanes ? s.selectedPid : null,
  })
  engineClient().load(toRunInput(scenario))
}

/**
 * Why `action` on a message cannot happen at the cursor (the message is not in flight there), or
 * null. A shortcut must do only what the message card offers: recorded anyway, the engine would
 * ignore it, yet the run would fork and lose its future. Pure.
 */
export function notInFlight(s: Pick<SynodState, 'log' | 'cursor'>, action: Intervention): string | null {
  if (!('msgId' in action) || nav.lastStep(s.log) < s.cursor) return null
  const status = messageStatus(s.log, eventsThrough(s.log, s.cursor), action.msgId)
  if (status.state === 'in-flight') return null
  const where =
    status.state === 'unsent'
      ? 'not sent yet'
      : `${status.state === 'delivered' ? 'delivered' : 'lost'} at step ${status.step}`
  return `Message #${action.msgId} is ${where}, not in flight at step ${s.cursor}: there is nothing to ${action.type}. The run is unchanged.`
}

/**
 * Why a proposed value cannot be recorded, or null: a direction control or an invisible character
 * would make it look like another value, and the link it is shared by would be refused (the
 * schema's rule, in its words). Pure.
 */
export function unsafeValue(action: Intervention): string | null {
  const problem = action.type === 'propose' ? valueTextProblem(action.value) : null
  return problem === null ? null : `Not proposed: a value ${problem}. The run is unchanged.`
}

/**
 * Whose a recorded action is, in a run of the example `presetId`: the example's own (one of its
 * scripted actions, at the same step) or the user's; `run` when the run is not an example's.
 */
function ownerIn(presetId: string | null): (iv: ScheduledIntervention) => Owner {
  const script = presetId === null ? undefined : anyPresetById(presetId)?.scenario.interventions
  if (script === undefined) return () => 'run'
  // Key order may differ between the example's literal and a decoded link: sort the keys.
  const key = (iv: ScheduledIntervention): string =>
    `${iv.step}:${JSON.stringify(iv.action, Object.keys(iv.action).sort())}`
  const scripted = new Set(script.map(key))
  return (iv) => (scripted.has(key(iv)) ? 'example' : 'yours')
}

/** Counts intervene calls: a long run's check of later actions still running is the newest's, or dropped. */
let interventionCount = 0

/**
 * Act at the cursor. When the cursor is behind the end of the run this forks (the old run is kept
 * as a branch to return to) and the action is recorded at the cursor's step. The interventions
 * recorded after the cursor are kept while they mean the same, else removed (`actInThePast`), and
 * a notice names both; in a long run that check goes on in slices (the run shows `computing`
 * meanwhile), and is dropped if the user acts again or opens another run first. An action on a
 * message that is not in flight there is refused with a notice (see `notInFlight`).
 */
export function intervene(action: Intervention): void {
  const s = get()
  const refused = notInFlight(s, action) ?? unsafeValue(action)
  if (refused !== null) {
    set({ notice: refused, announcement: refused })
    return
  }
  const at = s.cursor
  const input = toRunInput(s.scenario)
  const count = ++interventionCount
  const wanted = (): boolean => count === interventionCount && get().scenario === s.scenario
  const apply = (result: LaterActions): void => recordIntervention(input, at, action, result)
  const done = runInSlices(actInThePastInSlices(input, s.log, at, action), apply, wanted)
  if (done !== null) apply(done.value)
  else set({ computing: true, playing: false })
}

/** Record `action` at step `at` of the run on screen (whose inputs are `input`) with the later actions `result` kept. */
function recordIntervention(
  input: ProtocolRunInput,
  at: number,
  action: Intervention,
  result: LaterActions,
): void {
  const s = get()
  const { interventions } = result
  const inThePast = at < nav.lastStep(s.log)
  const dropsFuture = inThePast || interventions.length <= s.scenario.interventions.length
  // Beats after the fork point describe a future that no longer happens.
  const beats = s.scenario.beats?.filter((b) => b.step <= at)
  const scenario: Scenario = { ...s.scenario, interventions, ...(beats && { beats }) }
  const later = laterActionsNotice(input, at, action, result, ownerIn(s.presetId))
  const whose = s.presetId !== null ? "the example's" : 'the run before'
  const redraw = inThePast ? redrawNotice(input.config, at, action, whose) : null
  const notice = [later, redraw].filter((n) => n !== null).join(' ') || null
  set({
    scenario,
    branch: dropsFuture ? { scenario: s.scenario, cursor: at, changed: false } : s.branch,
    computing: true,
    halted: null,
    touched: true,
    playing: false,
    ...(notice !== null && { notice, announcement: notice }),
  })
  followAction(at)
  if (result.kept.length > 0) {
    // Later actions stay: the run is the new inputs, computed afresh (the worker keeps the events
    // the two runs share); the panels' engine starts its own run of them.
    engineClient().load(toRunInput(scenario))
    return
  }
  // The panels' engine forks too (the worker's does the same), rather than rerunning from the start.
  forkMomentRun(s.scenario, scenario, at, action)
  engineClient().fork(at, action)
}

/** Swap the current run with the branch it was forked from (so the user can swap back). */
export function returnToBranch(): void {
  const s = get()
  if (!s.branch) return
  const back = s.branch
  set({
    scenario: back.scenario,
    branch: { scenario: s.scenario, cursor: s.cursor, changed: !back.changed },
    processCount: lanesOf(back.scenario),
    cursor: back.cursor,
    computing: true,
    halted: null,
    selectedMsgId: null,
    // The notice about the action that made the branch speaks of the other run.
    notice: null,
  })
  engineClient().load(toRunInput(back.scenario))
}

/** The narration of one step, for the live region: the sentences that matter. */
export function stepNarration(log: readonly SimEvent[], step: number): string {
  const from = eventsBefore(log, step)
  const to = eventsThrough(log, step)
  const texts: string[] = []
  for (let i = from; i < to; i++) {
    const e = log[i] as SimEvent
    if (e.kind !== 'timer.set' && e.kind !== 'run.start') texts.push(endSentence(e.text))
  }
  return `Step ${step}. ${texts.slice(0, 6).join(' ')}`
}

/** Move the cursor (clamped into the run); `announce` reads the new step to screen readers. */
export function setCursor(step: number, announce = false): void {
  const s = get()
  const cursor = nav.clampCursor(s.log, step)
  const patch: Partial<SynodState> = { cursor, touched: true }
  if (announce) patch.announcement = stepNarration(s.log, cursor)
  // The panels stay where they are until the diagram's frame has painted (a scrub has its own pace).
  const behind = !s.scrubbing && cursor !== s.cursor && panelsLag()
  if (behind) {
    const shown = PANEL_GROUPS.map((g) => panelCursorOf(s, g))
    Object.assign(patch, { panelCursors: shown, panelsBehind: true })
  }
  set(patch)
  if (behind) schedulePanelCatchUp()
}

type Move = (log: readonly SimEvent[], cursor: number) => number
const move = (f: Move) => (): void => {
  const s = get()
  setCursor(f(s.log, s.cursor), true)
}

export const stepForward = move(nav.stepForward)
export const stepBack = move(nav.stepBack)
export const phaseForward = move(nav.phaseForward)
export const phaseBack = move(nav.phaseBack)
export const roundForward = move(nav.roundForward)
export const roundBack = move(nav.roundBack)
export const runUntilDecided = move(nav.untilDecided)
export const jumpToStart = move(() => 0)
export function jumpToEnd(): void {
  const s = get()
  wantEnd(s.computing)
  setCursor(nav.lastStep(s.log), true)
}

export function selectMessage(id: number | null): void {
  set({ selectedMsgId: id, touched: true })
}

export function selectProcess(pid: number | null): void {
  set({ selectedPid: pid, touched: true })
}

export function openDialog(dialog: DialogName | null): void {
  set({ dialog })
}

export function setTheme(theme: Theme): void {
  set({ theme })
}

export function announce(text: string): void {
  set({ announcement: text })
}

export function setNotice(notice: string | null): void {
  set({ notice })
}
