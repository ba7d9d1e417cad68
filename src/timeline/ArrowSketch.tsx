import { memo, type CSSProperties } from 'react'
import type { ArrowGeom } from './arrows.ts'
import { ARROW_HEAD, BAR_HEAD, CROSS, SELF_LOOP } from './glyphs.ts'
import { BALLOT_HUE_COUNT, hueVars, PROPOSER_HUE_COUNT } from './palette.ts'

/**
 * The arrows while a scrub is moving: every arrow of one look (kind, state, hue, quietness) is a
 * segment of the same few `<path>`s, instead of a group of six elements of its own. A scrub frame
 * moves the cursor by dozens of steps, and as full arrows that meant creating, removing and
 * updating about 60 elements a frame and the style, layout and paint work that follows; sketched,
 * it is a few `d` attributes. Shafts, heads, tails and the dotted rest of a message in flight are
 * drawn exactly where the full arrows draw them, with the same CSS; badges, halos and hit areas
 * wait for the scrub to hold still (as the labels do), when the full arrows come back.
 * Self-messages are sketched too (their loop and dot), in looks of their own.
 *
 * The looks are drawn in the order of their keys, not of the arrows: as the view moves, arrows of
 * other looks come first, and following them would make React move the looks' groups (a removal
 * and an insertion each) on every frame.
 */

/**
 * A glyph path (absolute commands only, as in glyphs.ts) rotated by `deg`, scaled by `scale` and
 * moved to (x, y).
 */
export function placeGlyph(d: string, x: number, y: number, deg: number, scale = 1): string {
  const rad = (deg * Math.PI) / 180
  const cos = Math.cos(rad)
  const sin = Math.sin(rad)
  const { texts, points } = parsedGlyph(d)
  let out = texts[0] ?? ''
  for (let i = 0; i < points.length; i += 2) {
    const px = (points[i] ?? 0) * scale
    const py = (points[i + 1] ?? 0) * scale
    out += `${r1(x + px * cos - py * sin)} ${r1(y + px * sin + py * cos)}${texts[i / 2 + 1] ?? ''}`
  }
  return out
}

/** A glyph split once into its text between points and its points' coordinates (x, y, x, y…). */
interface ParsedGlyph {
  readonly texts: readonly string[]
  readonly points: readonly number[]
}

/** The few glyphs are parsed once, not for every arrow of every scrub frame. */
const PARSED = new Map<string, ParsedGlyph>()

function parsedGlyph(d: string): ParsedGlyph {
  const known = PARSED.get(d)
  if (known) return known
  const texts: string[] = []
  const points: number[] = []
  let last = 0
  for (const m of d.matchAll(/(-?\d*\.?\d+) (-?\d*\.?\d+)/g)) {
    texts.push(d.slice(last, m.index))
    points.push(Number(m[1]), Number(m[2]))
    last = m.index + m[0].length
  }
  texts.push(d.slice(last))
  const parsed = { texts, points }
  PARSED.set(d, parsed)
  return parsed
}

const r1 = (v: number): number => Math.round(v * 10) / 10

const dot = (x: number, y: number, r: number): string =>
  `M${r1(x - r)} ${r1(y)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`

interface Look {
  readonly key: string
  readonly className: string
  readonly style: CSSProperties
  /** Self-messages: a loop for a shaft and a dot (`tl-self-dot`) for a tail, nothing else. */
  readonly self: boolean
  shafts: string
  ghosts: string
  heads: string
  tails: string
  queued: string
}

function lookOf(a: ArrowGeom): Omit<Look, 'shafts' | 'ghosts' | 'heads' | 'tails' | 'queued'> {
  const classes = ['tl-sketch', 'tl-hue', `tl-${a.kind}`, `tl-${a.state}`]
  if (a.quiet) classes.push('tl-quiet')
  if (a.self) classes.push('tl-self')
  // Ballots and proposers past the palette's length reuse its colours: one look per colour, so a
  // look lives on while the scrub moves on to later ballots.
  const hue = a.hue === null ? null : a.hue % BALLOT_HUE_COUNT
  const slot = a.proposerSlot === null ? null : a.proposerSlot % PROPOSER_HUE_COUNT
  return {
    key: `${a.kind}|${a.state}|${a.quiet ? 1 : 0}|${a.self ? 1 : 0}|${hue}|${slot}`,
    self: a.self,
    className: classes.join(' '),
    style: hueVars(hue, slot) as CSSProperties,
  }
}

/** The looks of `arrows` with the path data of each. Pure. */
export function sketchLooks(arrows: readonly ArrowGeom[]): { looks: Look[]; crosses: string } {
  const byKey = new Map<string, Look>()
  let crosses = ''
  for (const a of arrows) {
    const k = lookOf(a)
    let look = byKey.get(k.key)
    if (!look) {
      look = { ...k, shafts: '', ghosts: '', heads: '', tails: '', queued: '' }
      byKey.set(k.key, look)
    }
    look.tails += dot(a.x1, a.y1, 3)
    if (a.self) {
      // As the full arrow's SelfArrow: the loop, the dot, and a small ✕ above a lost one.
      look.shafts += placeGlyph(SELF_LOOP, a.x1, a.y1, 0)
      if (a.state === 'dropped') crosses += placeGlyph(CROSS, a.x1, a.y1 - 12, 0, 0.6)
      continue
    }
    look.shafts += `M${r1(a.x1)} ${r1(a.y1)}L${r1(a.x2)} ${r1(a.y2)}`
    if (a.state !== 'delivered') look.ghosts += `M${r1(a.x2)} ${r1(a.y2)}L${r1(a.tx)} ${r1(a.ty)}`
    if (a.state === 'dropped') crosses += placeGlyph(CROSS, a.x2, a.y2, 0)
    else if (a.progress === 0) look.queued += dot(a.x2, a.y2, 4.5)
    else look.heads += placeGlyph(a.kind === 'reject' ? BAR_HEAD : ARROW_HEAD, a.x2, a.y2, a.angle)
  }
  const looks = [...byKey.values()].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0))
  return { looks, crosses }
}

export const ArrowSketch = memo(function ArrowSketch({ arrows }: { arrows: readonly ArrowGeom[] }) {
  const { looks, crosses } = sketchLooks(arrows)
  return (
    <g className="tl-sketches" aria-hidden="true">
      {looks.map((l) => (
        <g key={l.key} className={l.className} style={l.style}>
          {l.ghosts && <path className="tl-ghost" d={l.ghosts} />}
          <path className="tl-shaft" d={l.shafts} />
          <path className={l.self ? 'tl-self-dot' : 'tl-tail'} d={l.tails} />
          {l.heads && <path className="tl-head" d={l.heads} />}
          {l.queued && <path className="tl-queued" d={l.queued} />}
        </g>
      ))}
      {crosses && <path className="tl-cross" d={crosses} />}
    </g>
  )
})
