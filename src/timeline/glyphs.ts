/**
 * SVG path data for the diagram's glyphs, drawn around the origin so a `transform` places them.
 * Shared by the diagram and the legend so the legend always shows exactly what the diagram draws.
 */

/** A filled arrowhead pointing along +x with its tip at the origin. */
export const ARROW_HEAD = 'M0 0 L-13 -6 L-10 0 L-13 6 Z'

/** The REJECT head: a bar across the line (⊣), so a reject reads differently even in greyscale. */
export const BAR_HEAD = 'M-1 -8 L-1 8'

/** The ✕ where a message was lost. */
export const CROSS = 'M-6 -6 L6 6 M-6 6 L6 -6'

/** A check mark (ACK), sized for a badge of radius 8. */
export const CHECK = 'M-4 0.5 L-1.2 3.5 L4.2 -3'

/** A small ✗ (REJECT), sized for a badge of radius 8. */
export const SMALL_CROSS = 'M-3.2 -3.2 L3.2 3.2 M-3.2 3.2 L3.2 -3.2'

/** A five-pointed star of outer radius 9 (the chosen value). */
export const STAR = ((): string => {
  const pts: string[] = []
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 9 : 3.9
    const a = (Math.PI / 5) * i - Math.PI / 2
    pts.push(`${(r * Math.cos(a)).toFixed(2)} ${(r * Math.sin(a)).toFixed(2)}`)
  }
  return `M${pts.join(' L')} Z`
})()

/** A flag on a short pole: a proposer starts a ballot here. The pole's foot is the origin. */
export const FLAG = 'M0 0 L0 -20 L12 -15 L0 -10'

/** A lightning bolt: the process crashes here. */
export const BOLT = 'M2 -11 L-4 1 L0 1 L-2 11 L5 -2 L1 -2 Z'

/** An upward chevron over a bar: the process recovers here. */
export const RECOVER = 'M-6 3 L0 -4 L6 3 M-6 8 L6 8'

/** A warning triangle (safety violated). */
export const WARNING = 'M0 -10 L10 8 L-10 8 Z'

/** A self-message: a small loop above the lane that starts and ends at the origin. */
export const SELF_LOOP = 'M0 0 C -11 -19, 11 -19, 0 0'

/** The adopted-value mark: a ring with a dot, "this value came from an earlier ballot". */
export const ADOPT_RING_R = 7
