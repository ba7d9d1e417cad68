import type { ForgottenCommit, LogGridRow, RunEvent } from '../../kernel/module.ts'
import { reasonIndex } from './logGridIndex.ts'
import type { MpTypes } from './types.ts'

type Ev = RunEvent<MpTypes> & { readonly step?: number }

/**
 * A crash keeps only a replica's accepted votes (`onCrash`): its commit point goes with it. When
 * the replicas that had committed furthest all crashed, the state left knows less than was
 * committed — and a client may already hold its answer. The top bar must not then say "nothing
 * committed yet": this tells what was committed before the crashes and by whom. Reads only the
 * crashes' and the commits' positions (logGridIndex), so a long run costs little. Pure.
 */
export function forgottenCommit(events: readonly Ev[], rows: readonly LogGridRow[]): ForgottenCommit | null {
  const index = reasonIndex(events)
  const known = Math.max(0, ...rows.map((r) => r.commit))
  let best = 0
  let who: number[] = []
  for (const [pid, crashes] of index.crashes) {
    let since = -1
    for (const crash of crashes) {
      if (crash >= events.length) break
      const reached = commitPointBetween(events, index.cells, pid, since, crash)
      if (reached > best) [best, who] = [reached, [pid]]
      else if (reached === best && reached > 0 && !who.includes(pid)) who.push(pid)
      since = crash
    }
  }
  if (best <= known) return null
  who.sort((a, b) => a - b)
  const names = who.map((pid) => `P${pid}`)
  const slots = best === 1 ? 'slot 1' : `slots 1 to ${best}`
  const now =
    known === 0
      ? 'so no replica knows a commit now'
      : `so the replicas now know the commits only up to slot ${known}`
  return {
    commit: best,
    who: names,
    text: `${names.join(' and ')} committed ${slots}, then crashed: a crash keeps only a replica's accepted votes, ${now}.`,
  }
}

/** The commit point `pid` had reached between positions `after` and `before`: its contiguous committed slots from 1. */
function commitPointBetween(
  events: readonly Ev[],
  cells: ReadonlyMap<string, readonly number[]>,
  pid: number,
  after: number,
  before: number,
): number {
  const committed = (slot: number) =>
    (cells.get(`${pid}|${slot}`) ?? []).some(
      (i) => i > after && i < before && events[i]?.kind === 'slot.commit',
    )
  let point = 0
  while (committed(point + 1)) point++
  return point
}
