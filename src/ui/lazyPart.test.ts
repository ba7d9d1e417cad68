import { afterEach, describe, expect, it, vi } from 'vitest'
import { chunkFailedMessage, lazyPart, preloadWhenIdle } from './lazyPart.tsx'

const View = () => null
const failed = () => null

describe('lazyPart', () => {
  it('fetches its chunk once, however often it is preloaded', async () => {
    const load = vi.fn(() => Promise.resolve({ View }))
    const part = lazyPart('test part', load, (m) => m.View, null, failed)
    await Promise.all([part.preload(), part.preload()])
    await part.preload()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('forgets a failed fetch, so the next attempt fetches again (offline, then back online)', async () => {
    const load = vi
      .fn<() => Promise<{ View: typeof View }>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue({ View })
    const part = lazyPart('test part', load, (m) => m.View, null, failed)
    await expect(part.preload()).rejects.toThrow('Failed to fetch')
    await expect(part.preload()).resolves.toBe(View)
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('names the part and says what to do in its failure message', () => {
    const text = chunkFailedMessage('explorer')
    expect(text).toContain('could not load the explorer')
    expect(text).toContain('offline')
    expect(text).toContain('reload the page')
  })
})

describe('preloadWhenIdle', () => {
  afterEach(() => vi.unstubAllGlobals())

  /** A window whose frames and idle periods run when the test says so. */
  function fakeWindow() {
    const frames: (() => void)[] = []
    const idles: (() => void)[] = []
    vi.stubGlobal('window', {
      requestAnimationFrame: (f: () => void) => frames.push(f),
      cancelAnimationFrame: () => undefined,
      requestIdleCallback: (f: () => void) => idles.push(f),
      cancelIdleCallback: () => undefined,
    })
    const flush = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) await Promise.resolve()
    }
    return { frames, idles, flush }
  }

  it('waits for a painted frame, then fetches one part per idle period, past failures', async () => {
    const w = fakeWindow()
    const order: string[] = []
    const a = vi.fn(() => (order.push('a'), Promise.reject(new Error('offline'))))
    const b = vi.fn(() => (order.push('b'), Promise.resolve()))
    preloadWhenIdle([a, b])
    expect(w.idles).toHaveLength(0)
    w.frames.shift()?.()
    expect(order).toEqual([])
    w.idles.shift()?.()
    expect(order).toEqual(['a'])
    await w.flush()
    // The failure of `a` does not stop `b`, which waits for its own idle period.
    expect(order).toEqual(['a'])
    w.idles.shift()?.()
    expect(order).toEqual(['a', 'b'])
  })

  it('stops when cancelled', async () => {
    const w = fakeWindow()
    const a = vi.fn(() => Promise.resolve())
    const b = vi.fn(() => Promise.resolve())
    const cancel = preloadWhenIdle([a, b])
    w.frames.shift()?.()
    w.idles.shift()?.()
    await w.flush()
    cancel()
    w.idles.shift()?.()
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).not.toHaveBeenCalled()
  })
})
