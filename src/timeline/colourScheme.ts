import { useSyncExternalStore } from 'react'

/**
 * The diagram's colour scheme: `ballot` (each ballot its own hue, the default) or `lecture` (ACK
 * green, REJECT red, one colour per proposer, as on the lecture's slides). It is a view preference:
 * kept in localStorage, and set as `data-colours` on the document root so the diagram, the legend
 * and exports (which copy computed styles) all follow it through CSS, without a render.
 */
export type ColourScheme = 'ballot' | 'lecture'

const KEY = 'synod.diagramColours'
const listeners = new Set<() => void>()
let current: ColourScheme | null = null

function read(): ColourScheme {
  if (current) return current
  let stored: string | null = null
  try {
    stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY)
  } catch {
    stored = null // storage blocked: the default scheme
  }
  current = stored === 'lecture' ? 'lecture' : 'ballot'
  apply(current)
  return current
}

function apply(scheme: ColourScheme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.colours = scheme
}

/** Switch the scheme everywhere (and remember it). */
export function setColourScheme(scheme: ColourScheme): void {
  current = scheme
  apply(scheme)
  try {
    localStorage.setItem(KEY, scheme)
  } catch {
    // Not remembered (storage full or blocked); the switch itself still applies.
  }
  for (const l of listeners) l()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The current colour scheme; components re-render when it changes. */
export function useColourScheme(): ColourScheme {
  return useSyncExternalStore(subscribe, read, () => 'ballot')
}
