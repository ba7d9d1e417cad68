import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react'

/**
 * Parts of the app that the first screen never shows (the explorer, the dialogs, presenter mode)
 * are separate chunks, so the JS that index.html loads up front stays small (docs/PERFORMANCE.md,
 * `bundleGzipKB`). Each is fetched when the browser is idle after the first render
 * (`preloadWhenIdle`), so by the time a user opens one it is already here and renders at once,
 * without a fallback; opened sooner, its fallback holds the place until the chunk arrives. A chunk
 * that cannot be loaded (offline before the service worker cached it, or a deployment that
 * replaced the files this page came with) shows what happened and how to get it back.
 */

/** What a part shows when its chunk could not be loaded: the message, a retry and a reload. */
export type FailedView = (props: { message: string; retry: () => void }) => ReactNode

export interface LazyPart<P> {
  /** The part: drop-in for the component it wraps (same props, same markup once loaded). */
  readonly Part: ComponentType<P>
  /** Fetch the chunk now (once; a failed fetch may be tried again). */
  readonly preload: () => Promise<unknown>
}

/** The words for a chunk that did not load, the same for every part. */
export function chunkFailedMessage(what: string): string {
  return (
    `Synod could not load the ${what}. You may be offline (a first visit needs the network ` +
    'once), or a new version of Synod was published since this page was opened: reload the page.'
  )
}

interface BoundaryProps {
  failed: () => ReactNode
  /** Called once the failure is on screen (not during render, which React may repeat). */
  onFailed: () => void
  children: ReactNode
}

/** Keeps a failed chunk load from taking the whole app down; renders `failed` instead. */
class ChunkBoundary extends Component<BoundaryProps, { error: boolean }> {
  override state = { error: false }
  static getDerivedStateFromError(): { error: boolean } {
    return { error: true }
  }
  override componentDidCatch(): void {
    this.props.onFailed()
  }
  override render(): ReactNode {
    return this.state.error ? this.props.failed() : this.props.children
  }
}

/**
 * `load` is the part's `import()`, `pick` takes the component from the module; `fallback` is shown
 * while the chunk loads (it should take the part's place and size), `Failed` when it cannot.
 */
export function lazyPart<M, P extends object>(
  what: string,
  load: () => Promise<M>,
  pick: (m: M) => ComponentType<P>,
  fallback: ReactNode,
  Failed: FailedView,
): LazyPart<P> {
  let loaded: ComponentType<P> | null = null
  let pending: Promise<ComponentType<P>> | null = null
  const preload = (): Promise<ComponentType<P>> => {
    pending ??= load().then(
      (m) => (loaded = pick(m)),
      (error: unknown) => {
        // Forget the failure, so the next attempt fetches again instead of repeating it.
        pending = null
        throw error
      },
    )
    return pending
  }
  const makeLazy = () => lazy(async () => ({ default: await preload() }))
  // React.lazy keeps a rejection for good: a failed one is replaced once its failure is shown, so
  // the next opening (or Try again) fetches anew. Never during render: React may render a failing
  // tree twice, and a fresh lazy each time would fetch in a loop.
  let Lazy = makeLazy()
  const renew = (): void => {
    if (loaded === null) Lazy = makeLazy()
  }

  /**
   * Once the chunk is in, the component itself, rendered synchronously (no Suspense round); before,
   * the lazy wrapper. Chosen once per mount, so an instance never swaps types (and loses state).
   */
  function Loaded(props: P) {
    const [View] = useState<ComponentType<P>>(() => loaded ?? Lazy)
    return <View {...props} />
  }

  function Part(props: P) {
    const [attempt, setAttempt] = useState(0)
    return (
      <ChunkBoundary
        key={attempt}
        onFailed={renew}
        failed={() => <Failed message={chunkFailedMessage(what)} retry={() => setAttempt((a) => a + 1)} />}
      >
        <Suspense fallback={fallback}>
          <Loaded {...props} />
        </Suspense>
      </ChunkBoundary>
    )
  }
  Part.displayName = `Lazy(${what})`
  return { Part, preload }
}

/**
 * Run `preloads` one after the other in idle time (never all in one task), ignoring failures. The
 * first waits for the next frame to be painted, so the screen that is up now is never delayed.
 */
export function preloadWhenIdle(preloads: readonly (() => Promise<unknown>)[]): () => void {
  const idle = typeof window.requestIdleCallback === 'function'
  let handle = 0
  let stopped = false
  let next = 0
  const run = (): void => {
    const preload = preloads[next++]
    if (stopped || !preload) return
    // A failure is not shown here: the part says so if the user opens it.
    void preload()
      .catch(() => undefined)
      .then(schedule)
  }
  const schedule = (): void => {
    if (stopped) return
    handle = idle ? window.requestIdleCallback(run, { timeout: 4000 }) : window.setTimeout(run, 200)
  }
  const frame = window.requestAnimationFrame(schedule)
  return () => {
    stopped = true
    window.cancelAnimationFrame(frame)
    if (idle) window.cancelIdleCallback(handle)
    else window.clearTimeout(handle)
  }
}
