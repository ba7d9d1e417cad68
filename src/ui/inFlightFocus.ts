import { intervene, selectMessage } from '../store/actions.ts'
import { synodStore } from '../store/store.ts'

/**
 * Where the focus goes when the selected message leaves the wire by a shortcut (N delivers it,
 * Delete drops it): its In-flight row, or the inspector, was the focus and is gone, and the focus
 * fell to the page. It goes to the row that takes the message's place once the list has caught up.
 */
let pending: { readonly goneId: number; readonly index: number; readonly since: number } | null = null

/** A recompute on this busy machine takes seconds at most: a focus this late would surprise. */
const PENDING_MS_MAX = 10_000

/** The In-flight list's rows, in their order on screen. */
export const inFlightRows = (root: ParentNode = document): HTMLElement[] => [
  ...root.querySelectorAll<HTMLElement>('.inflight-item'),
]

/**
 * N / Delete: deliver or drop the selected message, clear the selection (a lost message left
 * selected made the next N a refusal) and send the focus to the next In-flight row.
 */
export function actOnSelectedMessage(type: 'deliver' | 'drop'): void {
  const id = synodStore.getState().selectedMsgId
  if (id === null) return
  const before = synodStore.getState().scenario
  intervene({ type, msgId: id })
  // Refused (not in flight at the cursor): the notice says why, and the selection stays.
  if (synodStore.getState().scenario === before) return
  const index = inFlightRows().findIndex((row) => row.dataset.msgId === String(id))
  pending = { goneId: id, index: Math.max(index, 0), since: performance.now() }
  selectMessage(null)
}

/**
 * Called by the In-flight panel `panel` after it renders the messages `ids`: once the acted-on message is off the list,
 * focus the row now at its place (the last row, or the list's title when the wire is empty), but
 * only if the focus is lost; the user who moved on elsewhere keeps it.
 */
export function restoreInFlightFocus(panel: HTMLElement, ids: readonly number[]): void {
  if (pending === null || ids.includes(pending.goneId)) return
  const { index, since } = pending
  pending = null
  const active = document.activeElement
  if ((active !== null && active !== document.body) || performance.now() - since > PENDING_MS_MAX) return
  const rows = inFlightRows(panel)
  const target = rows[Math.min(index, rows.length - 1)] ?? panel.querySelector<HTMLElement>('#inflight-title')
  target?.focus()
}
