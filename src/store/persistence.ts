import { parseScenario, scenarioToJson, type Scenario } from '../scenarios/scenario.ts'
import { hasIndexedDb, indexedRecord, type Backend } from './indexedDbText.ts'

/**
 * The user's current work, kept so a reload (or a closed tab) does not lose it.
 *
 * Work up to LOCAL_MAX_CHARS lives in localStorage: its writes are synchronous, so a change made
 * just before a reload is kept (an IndexedDB write started while the page unloads is aborted).
 * Larger work (valid scenarios reach a few MB) goes to IndexedDB, which has room for it, and
 * localStorage keeps a small synchronous marker with the cursor and the example id, so scrubbing
 * a large run and reloading still returns to the same step. Where localStorage is missing or
 * full, IndexedDB takes everything. Every failure to keep the work is reported to the caller,
 * which tells the user: work is never dropped silently.
 *
 * A second slot, the same way, keeps the work a link opened over (setAside.ts), so its offer
 * survives a reload too.
 */

export const WORK_KEY = 'synod.work.v1'
export const SET_ASIDE_KEY = 'synod.setAside.v1'
/** Work whose text is longer than this goes to IndexedDB (localStorage holds ~5M characters). */
export const LOCAL_MAX_CHARS = 1_000_000
const DB_RECORD = 'current'
const SET_ASIDE_RECORD = 'setAside'
/** How many runs can be set aside at once (setAside.ts's SET_ASIDE_MAX). */
export const SET_ASIDE_SLOTS = 4

export interface KeptWork {
  readonly scenario: Scenario
  readonly presetId: string | null
}

export type SaveOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string }

function localStore(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/** localStorage behind the same interface; its writes go through writeLocal (synchronous). */
const localKey = (key: string): Omit<Backend, 'write'> => ({
  read: async () => localStore()?.getItem(key) ?? null,
  remove: async () => localStore()?.removeItem(key),
})

/** Why a write failed, in words for the user. */
function reasonOf(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : ''
  return name === 'QuotaExceededError'
    ? "the browser's storage for this site is full"
    : 'storage is not available'
}

/** Same top-level fields (the same objects)? A scenario's fields are immutable. Pure. */
function sameFields(a: object, b: object): boolean {
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const keys = Object.keys(x)
  return keys.length === Object.keys(y).length && keys.every((k) => k in y && x[k] === y[k])
}

/**
 * The JSON of a scenario's inputs (the cursor is separate), computed again only when they change:
 * a cursor move copies the scenario with the very same fields, so the work's large part (its
 * interventions) is not serialised again at every step.
 */
let inputsMemo: { inputs: object; json: string } | null = null
function inputsJson(scenario: Scenario): string {
  const { cursor: _cursor, ...inputs } = scenario
  if (inputsMemo && sameFields(inputsMemo.inputs, inputs)) return inputsMemo.json
  const json = JSON.stringify(scenarioToJson(inputs))
  inputsMemo = { inputs, json }
  return json
}

/** The stored text: the same JSON shape older versions kept in localStorage. */
function workText(scenario: Scenario, presetId: string | null): string {
  const json = inputsJson(scenario)
  const cursor = scenario.cursor === undefined ? '' : `,"cursor":${scenario.cursor}`
  return `{"presetId":${JSON.stringify(presetId)},"scenario":${json.slice(0, -1)}${cursor}}}`
}

/** The marker left in localStorage when the work itself is in IndexedDB. */
interface Marker {
  readonly inIndexedDb: true
  readonly presetId: string | null
  readonly cursor: number | null
}

/** Parse kept text, validated like any untrusted scenario; null when unreadable. */
function parseWork(text: string | null): KeptWork | null {
  if (text === null) return null
  try {
    const raw = JSON.parse(text) as { presetId?: unknown; scenario?: unknown }
    const parsed = parseScenario(raw.scenario)
    if (!parsed.ok) return null
    return { scenario: parsed.scenario, presetId: typeof raw.presetId === 'string' ? raw.presetId : null }
  } catch {
    return null
  }
}

/** localStorage write; the reason when it fails. */
function writeLocal(key: string, text: string): string | null {
  const store = localStore()
  if (!store) return 'storage is not available'
  try {
    store.setItem(key, text)
    return null
  } catch (e) {
    return reasonOf(e)
  }
}

/** One kept run: its text in localStorage under `key`, or in IndexedDB's `record` with a marker. */
class KeptSlot {
  private readonly local: Omit<Backend, 'write'>
  private readonly indexed: Backend
  /** IndexedDB writes in order; only the newest pending text is written (older ones are stale). */
  private pending: string | null = null
  private writing: Promise<SaveOutcome> | null = null
  /** The scenario whose inputs IndexedDB holds (or is about to), so cursor moves do not rewrite it. */
  private inIndexedDb: Scenario | null = null

  constructor(
    private readonly key: string,
    record: string,
  ) {
    this.local = localKey(key)
    this.indexed = indexedRecord(record)
  }

  private async drain(): Promise<SaveOutcome> {
    let outcome: SaveOutcome = { ok: true }
    while (this.pending !== null) {
      const text = this.pending
      this.pending = null
      try {
        await this.indexed.write(text)
        outcome = { ok: true }
      } catch (e) {
        this.inIndexedDb = null
        outcome = { ok: false, reason: reasonOf(e) }
      }
    }
    return outcome
  }

  private writeIndexedDb(scenario: Scenario, text: string): Promise<SaveOutcome> {
    if (!hasIndexedDb()) return Promise.resolve({ ok: false, reason: 'storage is not available' })
    if (this.inIndexedDb !== scenario || this.pending !== null) {
      this.inIndexedDb = scenario
      this.pending = text
    }
    this.writing ??= this.drain().finally(() => {
      this.writing = null
    })
    return this.writing
  }

  /** Keep the run; resolves once stored (at once in localStorage, after the IndexedDB commit). */
  async save(scenario: Scenario, presetId: string | null): Promise<SaveOutcome> {
    const text = workText(scenario, presetId)
    if (text.length <= LOCAL_MAX_CHARS && writeLocal(this.key, text) === null) {
      this.inIndexedDb = null
      return { ok: true }
    }
    const marker: Marker = { inIndexedDb: true, presetId, cursor: scenario.cursor ?? null }
    const markerProblem = writeLocal(this.key, JSON.stringify(marker))
    const outcome = await this.writeIndexedDb(scenario, text)
    // Without the marker, IndexedDB alone still restores the work (at its last saved cursor).
    if (markerProblem !== null) await this.local.remove().catch(() => undefined)
    return outcome
  }

  /** The kept run; null when none or unreadable. Never rejects. */
  async load(): Promise<KeptWork | null> {
    let text: string | null = null
    try {
      text = await this.local.read()
    } catch {
      // No localStorage: IndexedDB may hold the work.
    }
    let marker: Partial<Marker> | null = null
    try {
      marker = text === null ? null : (JSON.parse(text) as Partial<Marker>)
    } catch {
      return null
    }
    if (marker !== null && marker.inIndexedDb !== true) return parseWork(text)
    let kept: KeptWork | null = null
    try {
      kept = hasIndexedDb() ? parseWork(await this.indexed.read()) : null
    } catch {
      return null
    }
    if (kept === null || marker === null) return kept
    const cursor = typeof marker.cursor === 'number' ? marker.cursor : kept.scenario.cursor
    return {
      scenario: { ...kept.scenario, ...(cursor !== undefined && { cursor }) },
      presetId: typeof marker.presetId === 'string' ? marker.presetId : null,
    }
  }

  /** Forget the kept run. Never rejects. */
  async clear(): Promise<void> {
    this.pending = null
    this.inIndexedDb = null
    await this.writing
    await Promise.all(
      [hasIndexedDb() ? this.indexed.remove() : null, this.local.remove()].map((p) =>
        p?.catch(() => undefined),
      ),
    )
  }
}

const work = new KeptSlot(WORK_KEY, DB_RECORD)
/**
 * The slots of the work set aside, newest first: the first keeps the key and record of the
 * single slot it used to be, so an offer kept before the list existed is still read back.
 */
const setAsideSlots = Array.from({ length: SET_ASIDE_SLOTS }, (_, i) =>
  i === 0
    ? new KeptSlot(SET_ASIDE_KEY, SET_ASIDE_RECORD)
    : new KeptSlot(`${SET_ASIDE_KEY}.${i}`, `${SET_ASIDE_RECORD}.${i}`),
)

/**
 * Keep the work; resolves with the outcome once it is stored (at once for localStorage; after
 * the IndexedDB transaction for large work).
 */
export const saveWork = (scenario: Scenario, presetId: string | null): Promise<SaveOutcome> =>
  work.save(scenario, presetId)
/** The kept work; null when none or unreadable. Never rejects. */
export const loadWork = (): Promise<KeptWork | null> => work.load()
/** Forget the kept work (Start fresh). Never rejects. */
export const clearWork = (): Promise<void> => work.clear()

/** Keep the `index`th work set aside (setAside.ts; 0 is the newest), beside the kept work. */
export const saveSetAsideWork = (kept: KeptWork, index: number): Promise<SaveOutcome> =>
  setAsideSlots[index]?.save(kept.scenario, kept.presetId) ??
  Promise.resolve({ ok: false, reason: 'no such slot' })
/** The work set aside before a reload, newest first (unreadable slots left out). Never rejects. */
export async function loadSetAsideWorks(): Promise<KeptWork[]> {
  const works = await Promise.all(setAsideSlots.map((slot) => slot.load()))
  return works.filter((w): w is KeptWork => w !== null)
}
/** Forget the `index`th work set aside (restored or dismissed, or the list got shorter). Never rejects. */
export const clearSetAsideWork = (index: number): Promise<void> =>
  setAsideSlots[index]?.clear() ?? Promise.resolve()
