/**
 * Run `work` just after the next frame is painted (the start of a frame's time, the furthest from
 * the next one), or once the browser is idle if that comes first; at the latest after `timeout`
 * ms (a hidden page paints no frames). Returns a cancel. An animating page (a message travelling,
 * the diagram gliding) is never idle, so waiting for idle time alone would always time out.
 */
export function whenQuiet(work: () => void, timeout: number): () => void {
  const handles: (() => void)[] = []
  let done = false
  const once = (): void => {
    if (done) return
    done = true
    for (const cancel of handles) cancel()
    work()
  }
  const fallback = setTimeout(once, timeout)
  handles.push(() => clearTimeout(fallback))
  if (typeof window.requestAnimationFrame === 'function') {
    let afterPaint: ReturnType<typeof setTimeout> | undefined
    const frame = window.requestAnimationFrame(() => {
      afterPaint = setTimeout(once, 0)
    })
    handles.push(() => {
      window.cancelAnimationFrame(frame)
      clearTimeout(afterPaint)
    })
  }
  if (typeof window.requestIdleCallback === 'function') {
    const idle = window.requestIdleCallback(once)
    handles.push(() => window.cancelIdleCallback(idle))
  }
  return () => {
    done = true
    for (const cancel of handles) cancel()
  }
}
