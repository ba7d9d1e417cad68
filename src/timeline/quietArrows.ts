import { viewPreference } from './viewPreference.ts'

/**
 * Whether the diagram hides a protocol's routine messages (the types its module draws quietly,
 * Multi-Paxos's heartbeats): a view preference, remembered. Hidden arrows still run and can still
 * be picked from the messages in flight; a hidden arrow that is selected, hovered or focused is
 * drawn.
 */
const quiet = viewPreference<'shown' | 'hidden'>('synod.quietMessages', (stored) =>
  stored === 'hidden' ? 'hidden' : 'shown',
)

export const setHideQuiet = (hide: boolean): void => quiet.set(hide ? 'hidden' : 'shown')

/** Routine messages hidden or shown again (the H key). */
export const toggleHideQuiet = (): void => quiet.set(quiet.get() === 'hidden' ? 'shown' : 'hidden')

/** True while routine messages are hidden; components re-render when it changes. */
export const useHideQuiet = (): boolean => quiet.use() === 'hidden'
