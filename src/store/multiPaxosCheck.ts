import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { MIB } from '../explorer/memoryBudget.ts'
import type { MultiPaxosConstants } from '../explorer/multipaxos/layout.ts'
import { createExplorerWorkerClient, type ExplorerClient } from '../worker/explorerClient.ts'
import type { ExplorerOutcome, ExplorerProgress } from '../worker/explorerProtocol.ts'

/**
 * The spec-mode model picker and the Multi-Paxos check: its form and its current run. Kept apart
 * from the explorer store (src/store/explorer.ts), with its own explorer worker, so a Multi-Paxos
 * check and a Paxos.tla check or schedule search never cancel each other.
 */

export type SpecModel = 'paxos' | 'multipaxos'

/** The model's constants and the check's bounds. */
export interface MultiPaxosForm extends MultiPaxosConstants {
  readonly maxStates: number
  /** Memory budget in MiB. */
  readonly maxMemory: number
}

export type MultiPaxosOutcome = Extract<ExplorerOutcome, { mode: 'multispec' }>

export interface MultiPaxosRun {
  readonly constants: MultiPaxosConstants
  readonly status: 'running' | 'done' | 'error'
  readonly progress: ExplorerProgress
  readonly outcome: MultiPaxosOutcome | null
  readonly error: string | null
  readonly cancelling: boolean
}

export interface MultiPaxosCheckState {
  /** The model the user picked, or null until they pick one: then it follows the loaded run (`specModelOf`). */
  readonly model: SpecModel | null
  readonly form: MultiPaxosForm
  readonly run: MultiPaxosRun | null
}

export const initialMultiPaxosCheck = (): MultiPaxosCheckState => ({
  model: null,
  form: {
    replicas: 3,
    writes: 1,
    reads: 1,
    maxBallot: 2,
    symmetry: true,
    bug: null,
    maxStates: 20_000_000,
    maxMemory: 512,
  },
  run: null,
})

export const multiPaxosCheckStore = createStore<MultiPaxosCheckState>()(initialMultiPaxosCheck)

export function useMultiPaxosCheck<T>(selector: (s: MultiPaxosCheckState) => T): T {
  return useStore(multiPaxosCheckStore, selector)
}

const get = () => multiPaxosCheckStore.getState()
const set = (patch: Partial<MultiPaxosCheckState>) => multiPaxosCheckStore.setState(patch)

let client: ExplorerClient | null = null

/** Use `c` for the checks (tests pass an in-thread client); the previous one is disposed. */
export function setMultiPaxosClient(c: ExplorerClient): void {
  client?.dispose()
  client = c
  c.listen((reply) => {
    const run = get().run
    if (!run) return
    if (reply.type === 'error')
      set({ run: { ...run, status: 'error', error: reply.message, cancelling: false } })
    else if (reply.type === 'progress') set({ run: { ...run, progress: reply.progress } })
    else if (reply.outcome.mode === 'multispec')
      set({
        run: { ...run, status: 'done', progress: reply.progress, outcome: reply.outcome, cancelling: false },
      })
  })
}

/**
 * The model spec mode checks: the user's pick, else the loaded run's protocol when it has a model
 * of its own (a Multi-Paxos run opens the Multi-Paxos model), else Paxos.tla. Pure.
 */
export function specModelOf(picked: SpecModel | null, protocolId: string): SpecModel {
  if (picked !== null) return picked
  return protocolId === 'multipaxos' ? 'multipaxos' : 'paxos'
}

export function setSpecModel(model: SpecModel): void {
  set({ model })
}

export function setMultiPaxosForm(patch: Partial<MultiPaxosForm>): void {
  set({ form: { ...get().form, ...patch } })
}

const ZERO: ExplorerProgress = {
  distinctStates: 0,
  depth: 0,
  completedDepth: -1,
  transitions: 0,
  elapsedMs: 0,
  statesPerSecond: 0,
}

/** The model's constants in a form (what the check and the TLC export both use). */
export const constantsOf = (f: MultiPaxosForm): MultiPaxosConstants => ({
  replicas: f.replicas,
  writes: f.writes,
  reads: f.reads,
  maxBallot: f.maxBallot,
  symmetry: f.symmetry,
  bug: f.bug,
})

/** Start checking the model with the form's constants (replacing a running check). */
export function startMultiPaxosCheck(): void {
  const f = get().form
  const constants = constantsOf(f)
  if (!client) setMultiPaxosClient(createExplorerWorkerClient())
  set({
    run: { constants, status: 'running', progress: ZERO, outcome: null, error: null, cancelling: false },
  })
  const bounds = { maxStates: f.maxStates, maxDepth: 1_000, maxBytes: f.maxMemory * MIB }
  client?.multiSpec(constants, bounds, checkWorkers(cores()))
}

/** The cores the browser reports (1 when it does not say). */
const cores = (): number =>
  typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1

/** At most this many shard workers: past it the coordinator's per-level exchange dominates. */
export const MAX_CHECK_WORKERS = 8

/**
 * How many workers split a Multi-Paxos check on a device with `cores` cores: one core is left to
 * the page (and to the explorer worker that coordinates), at most MAX_CHECK_WORKERS, at least 1
 * (one search, as on a 2-core machine). Pure.
 */
export const checkWorkers = (cores: number): number =>
  Math.max(1, Math.min(Math.floor(cores) - 1, MAX_CHECK_WORKERS))

export function cancelMultiPaxosCheck(): void {
  const run = get().run
  if (!run || run.status !== 'running') return
  set({ run: { ...run, cancelling: true } })
  client?.cancel()
}
