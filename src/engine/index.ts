/**
 * The public face of the engine: pure, deterministic, no DOM. The app, the worker and the CLI
 * use only this file. Runs are single-decree Paxos today (the types below are its
 * instantiation of the kernel's); the kernel and the protocol registry are exported too.
 */
import { interventionProblem as kernelInterventionProblem } from './kernel/interventions.ts'
import type { RunInput as KernelRunInput } from './kernel/runInput.ts'
import { Simulator as KernelSimulator } from './kernel/simulator.ts'
import type { SimulatorOptions } from './kernel/snapshots.ts'
import { processNamer } from './kernel/narration.ts'
import type { KernelState, ProcRecord } from './kernel/state.ts'
import {
  summarize as kernelSummarize,
  textTrace as kernelTextTrace,
  traceLine as kernelTraceLine,
} from './kernel/trace.ts'
import type { Intervention, KernelEvent, LogEvent, Message as KernelMessage } from './kernel/types.ts'
import { paxos } from './protocols/paxos/index.ts'
import { PROTOCOLS as PROTOCOL_LIST } from './protocols/registry.ts'
import type { AnyProtocol, ProtocolPreset } from './kernel/module.ts'
import type { PaxosEvent, PaxosTypes, Payload, SimConfig } from './protocols/paxos/types.ts'

export type {
  Counted,
  DropReason,
  Intervention,
  LimitName,
  MsgId,
  NetworkConfig,
  PayloadBase,
  ProcessId,
  ScheduledIntervention,
  Tick,
  Timer,
  Unnarrated,
} from './kernel/types.ts'
export { msgId, pid, tick } from './kernel/types.ts'
export { partitionGroups } from './kernel/interventions.ts'
export type * from './protocols/paxos/types.ts'
export type {
  ProtocolModule,
  RequestForm,
  ProtocolTypes,
  ProcessView,
  LaneStatus,
  MessageMeaning,
  Property,
  AnyProtocol,
  AppFace,
  ConfigForm,
  QuorumForm,
  Decisions,
  ForgottenCommit,
  LaneNote,
  LegendWords,
  MessageWords,
  ScrubMark,
  LogGridCell,
  LogGridModel,
  LogGridRow,
  MomentMark,
  ProcSlot,
  ProtocolGuide,
  PresetAsk,
  ProtocolPreset,
  TimerCountdown,
} from './kernel/module.ts'
export { ENGINE_VERSION, LIMITS, networkProblems } from './kernel/limits.ts'
export { logHash, logHashOver, logHashText, LOG_HASH_START, type RunSummary } from './kernel/trace.ts'
export type { SimulatorOptions } from './kernel/snapshots.ts'
export { forkInterventions, forkRunInput } from './kernel/runInput.ts'
export { PROTOCOLS, protocolById } from './protocols/registry.ts'
export { paxos } from './protocols/paxos/index.ts'
export {
  configProblems,
  defaultConfig,
  implicitQuorum,
  quorumSize,
  quorumSizes,
  quorumsIntersect,
} from './protocols/paxos/config.ts'
export { ballotKey, compareBallots, compareMaybe, formatBallot } from './protocols/paxos/ballot.ts'
export { payloadLabel } from './protocols/paxos/narration.ts'
export { invariantTitle } from './protocols/paxos/properties.ts'
export {
  changedFields as paxosChangedFields,
  paxosCard,
  type CardField,
  type PaxosCard,
} from './protocols/paxos/view.ts'
export type { GridCell } from './protocols/multipaxos/logGrid.ts'

/** A message of a Paxos run. */
export type Message = KernelMessage<Payload>
/** The body of any event of a Paxos run, discriminated by `kind` (`domain.verb`). */
export type EventBody = KernelEvent<Payload, SimConfig> | PaxosEvent
export type EventKind = EventBody['kind']
/** One entry of the event log: the single source of truth for everything on screen. */
export type SimEvent = LogEvent<EventBody>
export type EventOf<K extends EventKind> = Extract<SimEvent, { kind: K }>
/** The whole state of a Paxos run. */
export type SimState = KernelState<PaxosTypes>
export type ProcState = ProcRecord<PaxosTypes>
/** The inputs that fully determine a run. */
export type RunInput = KernelRunInput<SimConfig>

/** A deterministic Paxos run (see the kernel's `Simulator`). */
export class Simulator extends KernelSimulator<PaxosTypes> {
  // Paxos's violations always name their ballots: its log is exactly the app's event type.
  override get log(): SimEvent[] {
    return super.log as SimEvent[]
  }

  constructor(input: RunInput, options: SimulatorOptions = {}) {
    super(paxos, input, options)
  }
}

/** Run a whole scenario to its end (quiet, or a limit). Pure: same input, same log. */
export function runToEnd(input: RunInput): Simulator {
  const sim = new Simulator(input)
  sim.run()
  return sim
}

/** Why an intervention cannot apply now, or null when it can. Pure. */
export const interventionProblem = (s: SimState, a: Intervention): string | null =>
  kernelInterventionProblem(paxos.requestProblem, s, a)

/** One stable, human-readable line per event. Pure. */
export const traceLine = (e: SimEvent): string => kernelTraceLine(paxos, e)
/** The whole text trace. Pure. */
export const textTrace = (log: readonly SimEvent[]): string => kernelTextTrace(paxos, log)
/** The outcome of a run in a few named numbers (`--json`). Pure. */
export const summarize = (state: SimState) => kernelSummarize(paxos, state).summary
/** `summary chosen=10 ballot=2.3 decided=5/5 violations=0 steps=42`. Pure. */
export const summaryLine = (state: SimState): string => kernelSummarize(paxos, state).line

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPreset = ProtocolPreset<any>

/** A preset shipped by a protocol module other than the built-in Paxos list, with its module. */
export function protocolPreset(
  id: string,
): { readonly module: AnyProtocol; readonly preset: AnyPreset } | null {
  for (const module of PROTOCOL_LIST) {
    const preset = (module.presets as readonly AnyPreset[]).find((p) => p.id === id)
    if (preset) return { module, preset }
  }
  return null
}

/** Every protocol preset id, in registry order. Pure. */
export const protocolPresetIds = (): string[] =>
  PROTOCOL_LIST.flatMap((m) => (m.presets as readonly AnyPreset[]).map((p) => p.id))

/**
 * Run a protocol preset to its end: its text trace, its one summary line and its summary fields
 * (the CLI's `trace --preset` for a protocol module's preset). Pure: same preset, same output.
 */
export function runProtocolPreset(module: AnyProtocol, preset: AnyPreset) {
  return runOnModule(module, {
    seed: preset.seed,
    config: preset.config,
    interventions: preset.interventions,
  })
}

/**
 * Run any protocol's scenario to its end on its module: its log, text trace (processes named as
 * the module names them), one summary line and summary fields. Pure: same input, same output.
 */
export function runOnModule(module: AnyProtocol, input: RunInput | KernelRunInput<unknown>) {
  const sim = new KernelSimulator(module, input)
  sim.run()
  const { summary, line } = kernelSummarize(module, sim.state)
  return { log: sim.log, text: textTraceOf(module, input.config, sim.log), line, summary }
}

/**
 * The text trace of a run of any protocol, its processes named as `module` names them with
 * `config` (Multi-Paxos clients are `C1`…, never their pid). Pure.
 */
export function textTraceOf(
  module: AnyProtocol,
  config: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  log: readonly LogEvent<any>[],
): string {
  return kernelTextTrace(module, log, processNamer(module, config))
}

/** The inputs of a run of any registered protocol (`protocol` absent: single-decree Paxos). */
export type ProtocolRunInput = RunInput & { readonly protocol?: string }

/** The registered module with this id (absent: Paxos); throws for an unknown id. Pure. */
/**
 * The lecture title of `module`'s invariant `rule` (an `invariant.violated` event's rule id),
 * never the raw id: an id no property names shows as "an unnamed invariant". Pure.
 */
export function ruleTitle(module: AnyProtocol, rule: string): string {
  const p = module.properties.find((q) => q.kind === 'always' && q.id === rule)
  return p ? p.title : 'an unnamed invariant'
}

/**
 * Which protocol module wrote a log, so the diagram, the stepping and the panels ask that module
 * for its words and marks instead of knowing any protocol. A log crosses the worker boundary as
 * plain data, so whoever receives a run tags its first event (the store, as each run arrives); an
 * untagged log (tests, previews) is single-decree Paxos.
 */
const logTags = new WeakMap<SimEvent, AnyProtocol>()

/** Say which module wrote the run that starts with `first`. */
export function tagLogProtocol(first: SimEvent, module: AnyProtocol): void {
  logTags.set(first, module)
}

/** The module of a log (Paxos when untagged). Pure to callers. */
export function logProtocol(log: readonly SimEvent[]): AnyProtocol {
  const first = log[0]
  return (first && logTags.get(first)) ?? paxos
}

export function moduleFor(protocol: string | undefined): AnyProtocol {
  const module = PROTOCOL_LIST.find((m) => m.id === (protocol ?? 'paxos'))
  if (!module) throw new Error(`unknown protocol "${protocol}"`)
  return module
}

/**
 * A deterministic run of the scenario's protocol: the Paxos `Simulator` for Paxos (exactly as
 * before modules), the kernel's simulator with the registered module otherwise.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function simulatorFor(input: ProtocolRunInput, options: SimulatorOptions = {}): KernelSimulator<any> {
  const module = moduleFor(input.protocol)
  if (module === paxos) return new Simulator(input, options)
  const { protocol: _protocol, ...run } = input
  return new KernelSimulator(module, run, options)
}
