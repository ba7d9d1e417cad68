import { viewPreference } from './viewPreference.ts'

/**
 * The diagram's colour scheme: `ballot` (each ballot its own hue, the default) or `lecture` (ACK
 * green, REJECT red, one colour per proposer, as on the lecture's slides). It is a view preference:
 * kept in localStorage, and set as `data-colours` on the document root so the diagram, the legend
 * and exports (which copy computed styles) all follow it through CSS, without a render.
 */
export type ColourScheme = 'ballot' | 'lecture'

const scheme = viewPreference<ColourScheme>(
  'synod.diagramColours',
  (stored) => (stored === 'lecture' ? 'lecture' : 'ballot'),
  (value) => {
    if (typeof document !== 'undefined') document.documentElement.dataset.colours = value
  },
)

/** Switch the scheme everywhere (and remember it). */
export const setColourScheme = (value: ColourScheme): void => scheme.set(value)

/** Lecture colours on or off (the C key). */
export const toggleColourScheme = (): void => scheme.set(scheme.get() === 'lecture' ? 'ballot' : 'lecture')

/** The current colour scheme; components re-render when it changes. */
export const useColourScheme = (): ColourScheme => scheme.use()
