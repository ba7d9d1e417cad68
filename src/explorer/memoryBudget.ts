/**
 * A memory budget for a search: every search (spec mode, the schedule search) keeps its states in
 * arrays that grow by doubling, and a doubling briefly holds the old and the new array. Before
 * each growth the search asks `fits(bytesAfter)`; when the answer is no it stops cleanly and says
 * so with `memoryStopMessage`, instead of letting the tab or the process run out of memory.
 *
 * The budget counts the bytes a search can account for (its typed arrays, or an estimate per
 * state for searches that hold JavaScript objects) and leaves the rest of the heap to the app.
 *
 * Pure: no DOM, no clocks, no randomness.
 */

export const MIB = 1024 * 1024

/** Default: enough for tens of millions of compact states, well under a browser tab's limit. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 512 * MIB
/** The most a user may ask for: a 64-bit tab or Node process holds this without risk. */
export const MAX_MEMORY_BUDGET_BYTES = 2048 * MIB
export const MIN_MEMORY_BUDGET_BYTES = 1 * MIB

export interface MemoryBudget {
  readonly maxBytes: number
}

export function memoryBudget(maxBytes: number = DEFAULT_MEMORY_BUDGET_BYTES): MemoryBudget {
  if (!(maxBytes >= MIN_MEMORY_BUDGET_BYTES) || !(maxBytes <= MAX_MEMORY_BUDGET_BYTES))
    throw new RangeError(
      `the memory budget must be ${MIN_MEMORY_BUDGET_BYTES / MIB}..${MAX_MEMORY_BUDGET_BYTES / MIB} MiB`,
    )
  return { maxBytes }
}

/** Whether the search may grow to `bytesAfter` (peak bytes while growing, old arrays included). */
export function fits(budget: MemoryBudget, bytesAfter: number): boolean {
  return bytesAfter <= budget.maxBytes
}

/** Bytes per state so far, to one decimal (0 before the first state). */
export function bytesPerState(bytes: number, states: number): number {
  return states > 0 ? Math.round((bytes / states) * 10) / 10 : 0
}

/** How many states a budget holds at the measured bytes per state (for progress displays). */
export function statesWithin(budget: MemoryBudget, bytes: number, states: number): number {
  const per = states > 0 ? bytes / states : 0
  return per > 0 ? Math.floor(budget.maxBytes / per) : Number.POSITIVE_INFINITY
}

const mib = (bytes: number): string => `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`

/** The message a search prints when the budget stopped it. */
export function memoryStopMessage(
  budget: MemoryBudget,
  states: number,
  bytesNow: number,
  bytesWanted: number,
): string {
  return (
    `stopped at ${states.toLocaleString('en-US')} states to stay within the memory budget of ` +
    `${mib(budget.maxBytes)}: they use ${mib(bytesNow)} (${bytesPerState(bytesNow, states)} bytes/state) ` +
    `and the next step needs ${mib(bytesWanted)}`
  )
}
