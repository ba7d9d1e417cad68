/**
 * What the browser benchmark runs inside the page. Each function here is serialized by Playwright
 * (`addInitScript` / `evaluate`), so it must be self-contained: no imports, no closures.
 */

/** The page-side state the probes share (on `window.__bench`). */
export interface BenchWindow {
  __bench: {
    /** `performance.now()` when the diagram was first interactive (arrows drawn, run computed). */
    firstRender: number | null
    /** Longest main-thread task seen (PerformanceObserver `longtask`, ≥ 50 ms). */
    longTaskMaxMs: number
    longTasks: number
    /**
     * Per key press, in ms: [event time → the app's update committed, event time → the next frame
     * painted, of which idle waiting for that frame's start (vsync)].
     */
    steps: [number, number, number][]
    /**
     * Per animation frame while recording: [time since the previous frame, frame start → painted,
     * 1 if the frame handled an `input` event (a scrubber move) else 0].
     */
    frames: [number, number, number][]
    recording: boolean
    inputSeen: boolean
  }
}

/**
 * Records, for each key press, the latency to the commit (microtasks queued behind the one in
 * which React renders the update), to the painted frame (next animation frame, then a task after
 * it), and how long the page sat idle between the commit and that frame's start (the animation
 * frame's timestamp is the frame's vsync time).
 */
export function probeKeys(): void {
  const b = (window as unknown as BenchWindow).__bench
  window.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp
    let committedAt = 0
    // React renders a key's update in a microtask queued by the app's listener. This listener may
    // run before or after the app's (registration order), so it waits two microtask hops: its
    // second hop is queued behind React's render either way.
    queueMicrotask(() =>
      queueMicrotask(() => {
        committedAt = performance.now()
      }),
    )
    requestAnimationFrame((frameStart) => {
      const done = (): void => {
        const idleBeforeFrame = Math.max(0, frameStart - committedAt)
        b.steps.push([committedAt - t0, performance.now() - t0, idleBeforeFrame])
      }
      const s = (globalThis as { scheduler?: { postTask?: (f: () => void, o: object) => unknown } }).scheduler
      if (s?.postTask) s.postTask(done, { priority: 'user-blocking' })
      else setTimeout(done, 0)
    })
  })
}

/**
 * Installed before the app loads. Records the first interactive render, long tasks, and key
 * latencies (`probeKeys`, registered on `load`, after the app's own keydown listener).
 */
export function installProbes(): void {
  const w = window as unknown as BenchWindow
  w.__bench = {
    firstRender: null,
    longTaskMaxMs: 0,
    longTasks: 0,
    steps: [],
    frames: [],
    recording: false,
    inputSeen: false,
  }
  const b = w.__bench
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      b.longTasks++
      b.longTaskMaxMs = Math.max(b.longTaskMaxMs, e.duration)
    }
  }).observe({ type: 'longtask', buffered: true })
  const afterPaint = (fn: () => void): void => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel()
      ch.port1.onmessage = () => fn()
      ch.port2.postMessage(0)
    })
  }
  const ready = (): boolean => {
    const pos = document.querySelector('.position')
    return (
      document.querySelector('.tl-lane-header') !== null && !!pos && !/computing/.test(pos.textContent ?? '')
    )
  }
  const observer = new MutationObserver(() => {
    if (b.firstRender !== null || !ready()) return
    b.firstRender = -1
    observer.disconnect()
    afterPaint(() => {
      b.firstRender = performance.now()
    })
  })
  observer.observe(document, { subtree: true, childList: true, characterData: true })
  // Registered after the app's own listener (the app mounts first), so it runs after it. A
  // serialized function cannot call another by name: the page gets `probeKeys` as a global.
  window.addEventListener('load', () => (window as unknown as { __probeKeys: () => void }).__probeKeys())
}

/**
 * Record every animation frame until `stopFrames` (no frame loop runs otherwise: idle stays idle):
 * the interval since the previous frame, and the frame's own cost — its start (vsync time, which
 * pointer input handled in the frame comes after) → its paint done (a task queued in the frame).
 */
export function startFrames(): void {
  const b = (window as unknown as BenchWindow).__bench
  b.frames = []
  b.recording = true
  b.inputSeen = false
  // Pointer input is handled at the start of a frame, before its animation-frame callbacks.
  document.addEventListener('input', () => (b.inputSeen = true), { capture: true })
  let last = 0
  const loop = (t: number): void => {
    if (!b.recording) return
    const interval = last > 0 ? t - last : 0
    const hadInput = b.inputSeen ? 1 : 0
    b.inputSeen = false
    last = t
    const ch = new MessageChannel()
    ch.port1.onmessage = () => {
      if (interval > 0) b.frames.push([interval, performance.now() - t, hadInput])
    }
    ch.port2.postMessage(0)
    requestAnimationFrame(loop)
  }
  requestAnimationFrame(loop)
}

export function stopFrames(): [number, number, number][] {
  const b = (window as unknown as BenchWindow).__bench
  b.recording = false
  return b.frames
}
