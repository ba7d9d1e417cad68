import type { ArrowGeom } from './arrows.ts'
import { BALLOT_HUE_COUNT, hueVars, PROPOSER_HUE_COUNT } from './palette.ts'

/**
 * The sketch's arrows (see ArrowSketch.tsx) grouped by look: kind, state, quietness, self or not,
 * and colour. Every arrow of one look is painted the same way, so the canvas sets its paint once
 * per look, and the look's classes (the same as a full arrow's) are what its paint is read from.
 * Ballots and proposers past the palette's length reuse its colours: one look per colour.
 */
export interface Look {
  readonly key: string
  /** The classes a full arrow of this look has (plus `tl-sketch`): its paint follows from them. */
  readonly className: string
  /** The look's colour variables (`--bh`, `--ph`; see palette.ts `hueVars`). */
  readonly style: Readonly<Record<string, string>>
  /** Self-messages: a loop for a shaft and a dot (`tl-self-dot`) for a tail, nothing else. */
  readonly self: boolean
  /** Background chatter: the whole look is faint (its group's opacity, not each piece's). */
  readonly quiet: boolean
  readonly arrows: SketchArrow[]
}

/** What drawing a look needs of it (a frame sent to the sketch worker carries only this). */
export type DrawnLook = Pick<Look, 'key' | 'quiet' | 'self' | 'arrows'>

/** What the sketch draws of an arrow: its geometry and what decides its pieces. */
export type SketchArrow = Pick<
  ArrowGeom,
  'x1' | 'y1' | 'x2' | 'y2' | 'tx' | 'ty' | 'angle' | 'progress' | 'state' | 'kind' | 'self'
>

/** A ✕ where a message was lost: its centre and size (self-messages have a smaller one). */
export interface Cross {
  readonly x: number
  readonly y: number
  readonly scale: number
}

function lookOf(a: ArrowGeom): Look {
  const classes = ['tl-sketch', 'tl-hue', `tl-${a.kind}`, `tl-${a.state}`]
  if (a.quiet) classes.push('tl-quiet')
  if (a.self) classes.push('tl-self')
  const hue = a.hue === null ? null : a.hue % BALLOT_HUE_COUNT
  const slot = a.proposerSlot === null ? null : a.proposerSlot % PROPOSER_HUE_COUNT
  return {
    key: `${a.kind}|${a.state}|${a.quiet ? 1 : 0}|${a.self ? 1 : 0}|${hue}|${slot}`,
    className: classes.join(' '),
    style: hueVars(hue, slot),
    self: a.self,
    quiet: a.quiet,
    arrows: [],
  }
}

/**
 * The looks of `arrows`, in the order of their keys (not of the arrows: which look is drawn over
 * which then does not change as the view moves), and the crosses of lost messages. Pure.
 */
export function sketchLooks(arrows: readonly ArrowGeom[]): { looks: Look[]; crosses: Cross[] } {
  const byKey = new Map<string, Look>()
  const crosses: Cross[] = []
  for (const a of arrows) {
    const k = lookOf(a)
    let look = byKey.get(k.key)
    if (!look) byKey.set(k.key, (look = k))
    look.arrows.push(a)
    // As the full arrows draw them: a lost message's ✕ at its end, a lost self-message's above it.
    if (a.state === 'dropped')
      crosses.push(a.self ? { x: a.x1, y: a.y1 - 12, scale: 0.6 } : { x: a.x2, y: a.y2, scale: 1 })
  }
  const looks = [...byKey.values()].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0))
  return { looks, crosses }
}

/** Where a canvas path goes: a 2D context's path methods (a window's or a worker's canvas). */
export interface PathSink {
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void
  closePath(): void
}

/** A glyph's drawing commands, parsed once: M, L and C with their points (x, y, x, y…), and Z. */
type GlyphOp = { readonly op: 'M' | 'L' | 'C' | 'Z'; readonly pts: readonly number[] }

const PARSED = new Map<string, readonly GlyphOp[]>()

/** The commands of a glyph path (absolute M, L, C and Z only, as in glyphs.ts). */
export function parseGlyph(d: string): readonly GlyphOp[] {
  const known = PARSED.get(d)
  if (known) return known
  const ops: GlyphOp[] = []
  for (const m of d.matchAll(/([MLCZ])([^MLCZ]*)/g)) {
    const op = m[1] as GlyphOp['op']
    const nums = (m[2] ?? '').match(/-?\d*\.?\d+/g)?.map(Number) ?? []
    const per = op === 'C' ? 6 : op === 'Z' ? 0 : 2
    if (per === 0) ops.push({ op, pts: [] })
    // Repeated coordinates continue the command (after M, as L: SVG's rule).
    for (let i = 0; per > 0 && i < nums.length; i += per)
      ops.push({ op: op === 'M' && i > 0 ? 'L' : op, pts: nums.slice(i, i + per) })
  }
  PARSED.set(d, ops)
  return ops
}

/**
 * Trace a glyph (glyphs.ts: drawn around its origin) into a canvas path, rotated by `deg` (SVG's
 * sense: clockwise), scaled by `scale` and moved to (x, y).
 */
export function traceGlyph(ctx: PathSink, d: string, x: number, y: number, deg: number, scale = 1): void {
  const rad = (deg * Math.PI) / 180
  const cos = Math.cos(rad) * scale
  const sin = Math.sin(rad) * scale
  const px = (p: readonly number[], i: number): number => x + (p[i] ?? 0) * cos - (p[i + 1] ?? 0) * sin
  const py = (p: readonly number[], i: number): number => y + (p[i] ?? 0) * sin + (p[i + 1] ?? 0) * cos
  for (const { op, pts } of parseGlyph(d)) {
    if (op === 'M') ctx.moveTo(px(pts, 0), py(pts, 0))
    else if (op === 'L') ctx.lineTo(px(pts, 0), py(pts, 0))
    else if (op === 'C')
      ctx.bezierCurveTo(px(pts, 0), py(pts, 0), px(pts, 2), py(pts, 2), px(pts, 4), py(pts, 4))
    else ctx.closePath()
  }
}
