/**
 * How scripts/mpPresets.ts drives a Multi-Paxos run the way a lecturer would, and how it turns a
 * scripted run into a preset (plain interventions plus narration beats at the steps where the
 * story happens).
 */
import { writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'
import type { PresetAsk } from '../src/engine/kernel/module.ts'
import { summarize } from '../src/engine/kernel/trace.ts'
import { Simulator } from '../src/engine/kernel/simulator.ts'
import type { Intervention, LogEvent } from '../src/engine/kernel/types.ts'
import { multipaxos } from '../src/engine/protocols/multipaxos/module.ts'
import type { ClientState, ReplicaState } from '../src/engine/protocols/multipaxos/state.ts'
import type { MpBugs, MpConfig, MpEvent, MpTypes } from '../src/engine/protocols/multipaxos/types.ts'

export type Sim = Simulator<MpTypes>
export type Ev = LogEvent<MpEvent | { kind: string }> & Record<string, unknown>

export const rep = (sim: Sim, p: number): ReplicaState => sim.state.procs[p - 1]?.local as ReplicaState
export const cli = (sim: Sim, n: number): ClientState =>
  sim.state.procs[sim.state.config.replicaCount + n - 1]?.local as ClientState
export const C = (sim: Sim, n: number): number => sim.state.config.replicaCount + n
export const until = (sim: Sim, done: (s: Sim) => boolean, max = 5_000): void => {
  for (let i = 0; i < max && !done(sim); i++) if (!sim.step()) return
}
export const act = (sim: Sim, a: Intervention): void => sim.fork(sim.state.step, a)
export const leaders = (sim: Sim): number[] =>
  sim.state.procs
    .filter((p) => p.up && p.local.role === 'replica' && p.local.status === 'leader')
    .map((p) => p.pid)
export const done = (sim: Sim, n: number): boolean =>
  cli(sim, n).pending === null && cli(sim, n).history.size > 0

export interface Spec {
  id: string
  title: string
  description: string
  seed?: number
  config: Partial<Omit<MpConfig, 'bugs'>> & { bugs?: Partial<MpBugs> }
  script?: (sim: Sim) => void
  /**
   * Beats: the first event matching `at` gets `text`. A question (text ending in "?") carries its
   * answers in `ask`, placed before the run reveals them; src/scenarios/predictions.test.ts checks
   * each answer against the run.
   */
  beats: { at: (e: Ev) => boolean; text: string | ((e: Ev) => string); ask?: PresetAsk }[]
}

export const is =
  (kind: string, more: (e: Ev) => boolean = () => true) =>
  (e: Ev): boolean =>
    e.kind === kind && more(e)

/**
 * The split-brain stories: once a leader is elected, `side` (with client C1) is cut off from the
 * rest, and the run goes on until `served` holds.
 */
export function commitOnOneSide(sim: Sim, side: readonly number[], served: (s: Sim) => boolean): void {
  until(sim, (s) => leaders(s).length === 1)
  act(sim, { type: 'partition', groups: [[...side, C(sim, 1)]] })
  until(sim, served)
}

/** The leader P1 crashes and P`pid` campaigns to take over. */
export function takeOver(sim: Sim, pid: number): void {
  act(sim, { type: 'crash', pid: 1 })
  act(sim, { type: 'propose', pid, value: 'campaign' })
}

/** The old-leader stories: after C1's first write, P1 is cut off with client C2. */
export function isolateOldLeader(sim: Sim): void {
  until(sim, (s) => cli(s, 1).history.size === 1 && done(s, 1))
  act(sim, { type: 'partition', groups: [[1, C(sim, 2)]] })
}

/** Runs a spec's script, replays what it recorded, and places its beats: the preset. */
export function build(spec: Spec) {
  const base = multipaxos.config.defaults()
  const config: MpConfig = { ...base, ...spec.config, bugs: { ...base.bugs, ...spec.config.bugs } }
  const seed = spec.seed ?? 1
  const sim = new Simulator(multipaxos, { seed, config, interventions: [] })
  spec.script?.(sim)
  const replay = new Simulator(multipaxos, { seed, config, interventions: sim.recorded })
  replay.run()
  const log = replay.log as unknown as Ev[]
  const beats = spec.beats.map((b) => {
    const e = log.find(b.at)
    if (!e)
      throw new Error(
        `${spec.id}: no event for beat "${String(b.text)}"\n${log
          .filter((x) => !String(x.kind).startsWith('msg.') && !String(x.kind).startsWith('timer.'))
          .map((x) => `s${x.step} ${x.text}`)
          .join('\n')}`,
      )
    const text = typeof b.text === 'string' ? b.text : b.text(e)
    return { step: e.step, text, ...(b.ask && { ask: b.ask }) }
  })
  beats.sort((a, b) => a.step - b.step)
  // The app shows one beat per step: a second one there would never be seen.
  const twice = beats.find((b, i) => i > 0 && beats[i - 1]?.step === b.step)
  if (twice) throw new Error(`${spec.id}: two beats at step ${twice.step}; merge them`)
  if (process.argv.includes('--show')) {
    console.log(`== ${spec.id}: ${summarize(multipaxos, replay.state).line}`)
    const quiet = /^(msg|timer)\.|acceptor\.|slot\.execute/
    for (const e of log) if (!quiet.test(String(e.kind))) console.log(`  s${e.step} ${e.text}`)
  }
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    seed,
    config,
    interventions: sim.recorded,
    beats,
  }
}

/**
 * Builds `specs` and writes them, formatted, to src/engine/protocols/multipaxos/`file` as the
 * constant `name`; prints each preset's interventions and beat steps.
 */
export async function writePresets(specs: readonly Spec[], file: string, name: string, script: string) {
  const presets = specs.map(build)
  const base = multipaxos.config.defaults()
  // Each preset's config is written as the defaults of the day it was generated (presets.base.data.ts,
  // frozen there so a later change of the defaults never changes a preset) plus what it changes.
  const configs = presets.map(({ config }) => configSource(base, config))
  const marked = presets.map((p, i) => ({ ...p, config: `@@config${i}@@` }))
  const list = JSON.stringify(marked).replace(
    /"@@config(\d+)@@"/g,
    (_, i: string) => configs[Number(i)] ?? '',
  )
  const header = `// Generated by scripts/${script} (run scripts/mpPresets.ts): edit the script, not this file.\nimport type { ProtocolPreset } from '../../kernel/module.ts'\nimport { MP_PRESET_BASE } from './presets.base.data.ts'\nimport type { MpTypes } from './types.ts'\n\n`
  await writeSource(file, `${header}export const ${name}: readonly ProtocolPreset<MpTypes>[] = ${list}\n`)
  await writeSource(
    'presets.base.data.ts',
    `// Generated by scripts/mpScript.ts (run scripts/mpPresets.ts): the defaults every Multi-Paxos preset's config starts from.\nimport type { MpConfig } from './types.ts'\n\nexport const MP_PRESET_BASE: MpConfig = ${JSON.stringify(base)}\n`,
  )
  for (const p of presets)
    console.log(p.id, p.interventions.length, 'interventions,', p.beats.map((b) => b.step).join(' '))
}

/** `{ ...MP_PRESET_BASE, <what differs> }`, the bugs merged the same way. */
function configSource(base: MpConfig, config: MpConfig): string {
  const differs = <T extends object>(a: T, b: T) =>
    Object.entries(b).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(a[k as keyof T]))
  const own = differs(base, config).filter(([k]) => k !== 'bugs')
  const bugs = differs(base.bugs, config.bugs)
  const fields = own.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
  if (bugs.length > 0)
    fields.push(`bugs: { ...MP_PRESET_BASE.bugs, ${JSON.stringify(Object.fromEntries(bugs)).slice(1, -1)} }`)
  return `{ ...MP_PRESET_BASE${fields.map((f) => `, ${f}`).join('')} }`
}

async function writeSource(file: string, source: string): Promise<void> {
  const target = new URL(`../src/engine/protocols/multipaxos/${file}`, import.meta.url)
  const options = { ...(await resolveConfig(target.pathname)), filepath: target.pathname }
  writeFileSync(target, await format(source, options))
}
