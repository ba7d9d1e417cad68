import { useSyncExternalStore } from 'react'

/**
 * A view preference of the diagram (its colour scheme, whether routine messages are drawn): kept
 * in localStorage, read once, and shared by every component that uses it, which re-render when it
 * changes. Storage that is full or blocked only means the choice is not remembered.
 */
export interface ViewPreference<T> {
  get(): T
  set(value: T): void
  use(): T
}

export function viewPreference<T extends string>(
  key: string,
  parse: (stored: string | null) => T,
  onChange?: (value: T) => void,
): ViewPreference<T> {
  const listeners = new Set<() => void>()
  let current: T | null = null
  const fallback = parse(null)
  const get = (): T => {
    if (current !== null) return current
    let stored: string | null = null
    try {
      stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(key)
    } catch {
      stored = null // storage blocked: the default
    }
    current = parse(stored)
    onChange?.(current)
    return current
  }
  const set = (value: T): void => {
    current = value
    onChange?.(value)
    try {
      localStorage.setItem(key, value)
    } catch {
      // Not remembered (storage full or blocked); the switch itself still applies.
    }
    for (const l of listeners) l()
  }
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }
  return { get, set, use: () => useSyncExternalStore(subscribe, get, () => fallback) }
}
