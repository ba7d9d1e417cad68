/**
 * Ballot colours. Every message of one ballot shares a hue so a student can follow "ballot 2.3"
 * across the diagram. The hues are five of the eight Okabe–Ito colours (Okabe & Ito 2008, the
 * standard categorical palette designed to stay distinguishable under protanopia, deuteranopia
 * and tritanopia). The other three are kept out on purpose: vermillion is close to the REJECT red,
 * black is the ink colour, and yellow is unreadable on a white projector screen.
 *
 * The components never use these literals directly: they use `var(--tl-ballot-<i>)`, defined in
 * timeline.css with these values as light-theme defaults and lighter twins for dark themes, so a
 * theme can override them. The literals here serve exports (SVG/PNG) and other panels.
 */
export const BALLOT_HUES_LIGHT = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9'] as const

/** The number of distinct ballot hues before they repeat. */
export const BALLOT_HUE_COUNT = BALLOT_HUES_LIGHT.length

/** The CSS colour for ballot hue `index` (as assigned by the log index). Pure. */
export function ballotHueVar(index: number): string {
  return `var(--tl-ballot-${index % BALLOT_HUE_COUNT})`
}

/**
 * Lecture colours (the alternative scheme): ACK green and REJECT red as on the lecture's slides, and
 * one colour per proposer for the whole run (its ballots are in the labels). The proposer colours
 * are the Okabe–Ito hues that are neither the ACK green nor near the REJECT red (blue, orange,
 * reddish purple, sky blue) and a brown; shapes still carry every meaning (✓/✗ badges, the REJECT
 * bar head and dashes), so no distinction rests on red against green alone.
 */
export const PROPOSER_HUES_LIGHT = ['#0072B2', '#E69F00', '#CC79A7', '#56B4E9', '#8C5A2B'] as const
export const PROPOSER_HUE_COUNT = PROPOSER_HUES_LIGHT.length

/** The CSS colour of proposer slot `slot` (see `proposerSlots`). Pure. */
export function proposerHueVar(slot: number): string {
  return `var(--tl-proposer-${slot % PROPOSER_HUE_COUNT})`
}

/**
 * The colour variables of an item: `--bh` (its ballot's hue) and, when it belongs to a proposer,
 * `--ph` (that proposer's colour). The stylesheet picks one as `--hue` by the colour scheme, so
 * switching schemes restyles without a render. Pure.
 */
export function hueVars(
  ballotHue: number | null,
  proposerSlot: number | null = null,
): Record<string, string> {
  const out: Record<string, string> = {}
  if (ballotHue !== null) out['--bh'] = ballotHueVar(ballotHue)
  if (proposerSlot !== null) out['--ph'] = proposerHueVar(proposerSlot)
  return out
}

/**
 * What a message means to the reader, following the lecture's language (a module's message roles,
 * see `messageFace`): requests, ACK replies, REJECT replies, and notices drawn like `decide`.
 */
export type ArrowKind = 'request' | 'ack' | 'reject' | 'decide'
