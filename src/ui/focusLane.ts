/** Put the keyboard focus on process `pid`'s lane header (after its menu closes). */
export function focusLane(pid: number): void {
  document.querySelector<HTMLElement>(`.tl-lane-header[data-pid="${pid}"]`)?.focus()
}
