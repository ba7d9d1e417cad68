/** Greedy label placement: first come, first placed; later labels avoid earlier ones or stay hidden. */

export interface Point {
  readonly x: number
  readonly y: number
}

export interface Box {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

/** A label that would like to be drawn at one of `anchors` (box centres, best first). */
export interface LabelRequest {
  readonly key: string
  /** The arrow (message id) or mark (its key) the label belongs to. */
  readonly owner: number | string
  readonly text: string
  readonly anchors: readonly Point[]
  /** Always drawn (the hovered or selected arrow), even where it overlaps. */
  readonly force: boolean
  readonly hue: number | null
  /** Lecture colours: the proposer colour slot, and whether the label is an ACK's (green). */
  readonly proposerSlot?: number | null
  readonly ack?: boolean
  readonly tone: 'arrow' | 'reject' | 'mark' | 'chosen' | 'alarm' | 'timer'
}

/** A placed label: `x`, `y` is the centre of its box. */
export interface LabelGeom extends Box {
  readonly key: string
  readonly owner: number | string
  readonly text: string
  readonly cx: number
  readonly cy: number
  readonly force: boolean
  readonly hue: number | null
  readonly proposerSlot: number | null
  readonly ack: boolean
  readonly tone: LabelRequest['tone']
}

const CELL_PX = 64
/** Identical labels closer than this are shown once (a broadcast's fan, converging replies). */
const DEDUPE_DX_PX = 140

/**
 * Estimated width of semi-bold UI sans text, per character class (in em): capitals and wide
 * symbols are wider than lower case, spaces and punctuation narrower. Pure and DOM-free so that
 * layout stays testable; it errs on the wide side so labels do not overflow their boxes.
 */
export function textWidthPx(text: string, fontPx: number): number {
  let em = 0
  for (const ch of text) {
    if (ch === ' ') em += 0.3
    else if ('.,:;()|!ilj'.includes(ch)) em += 0.34
    else if ('★⚠'.includes(ch)) em += 1
    else if (/[A-Z]/.test(ch) || '✓×=mw'.includes(ch)) em += 0.74
    else if (/[0-9]/.test(ch)) em += 0.6
    else em += 0.58
  }
  return Math.ceil(em * fontPx)
}

const overlaps = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap

/** A uniform grid of boxes for O(1) average collision checks. */
class BoxGrid {
  private cells = new Map<string, Box[]>()

  private keys(b: Box): string[] {
    const out: string[] = []
    for (let cx = Math.floor(b.x / CELL_PX); cx <= Math.floor((b.x + b.w) / CELL_PX); cx++) {
      for (let cy = Math.floor(b.y / CELL_PX); cy <= Math.floor((b.y + b.h) / CELL_PX); cy++) {
        out.push(`${cx},${cy}`)
      }
    }
    return out
  }

  hits(b: Box): boolean {
    return this.keys(b).some((k) => this.cells.get(k)?.some((o) => overlaps(o, b, 2)) ?? false)
  }

  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k)
      if (list) list.push(b)
      else this.cells.set(k, [b])
    }
  }
}

const round1 = (v: number): number => Math.round(v * 10) / 10

/**
 * Place labels in request order inside `bounds`, avoiding each other and `obstacles`. Forced
 * labels are always placed (at their first anchor, pulled inside the bounds). `measure` gives a
 * text's width in pixels (a real font measurement in the browser, an estimate by default). Pure
 * when `measure` is.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: Box,
  fontPx: number,
  obstacles: readonly Box[] = [],
  measure: (text: string) => number = (t) => textWidthPx(t, fontPx),
): LabelGeom[] {
  const grid = new BoxGrid()
  for (const o of obstacles) {
    const clipped = clipX(o, bounds)
    if (clipped) grid.add(clipped)
  }
  const seen = new Map<string, number[]>()
  const placed: LabelGeom[] = []
  const h = fontPx + 8
  for (const r of requests) {
    const w = Math.ceil(measure(r.text)) + 14
    const near = seen.get(r.text)
    // Countdowns on different lanes may read alike ("timeout → t80"): each belongs to its lane.
    if (
      !r.force &&
      r.tone !== 'timer' &&
      near?.some((x) => Math.abs(x - (r.anchors[0]?.x ?? 0)) < DEDUPE_DX_PX)
    )
      continue
    let box: Box | null = null
    for (const a of r.anchors) {
      const b = { x: a.x - w / 2, y: a.y - h / 2, w, h }
      if (!inside(b, bounds)) continue
      if (r.force || !grid.hits(b)) {
        box = b
        break
      }
    }
    if (!box && r.force && r.anchors[0]) box = clampInside(r.anchors[0], w, h, bounds)
    if (!box) continue
    grid.add(box)
    seen.set(r.text, [...(near ?? []), box.x + w / 2])
    placed.push({
      key: r.key,
      owner: r.owner,
      text: r.text,
      x: round1(box.x),
      y: round1(box.y),
      w,
      h,
      cx: round1(box.x + w / 2),
      cy: round1(box.y + h / 2),
      force: r.force,
      hue: r.hue,
      proposerSlot: r.proposerSlot ?? null,
      ack: r.ack ?? false,
      tone: r.tone,
    })
  }
  return placed
}

/** How far outside the bounds an obstacle still counts: more than `overlaps`' gap. */
const CLIP_MARGIN_PX = 4

/**
 * `o` cut to the horizontal extent of `bounds` (plus a margin), or null when nothing of it is
 * there. Every placed label lies inside `bounds`, so the cut box collides with exactly the labels
 * the whole one would; but the grid files a box under every cell it spans, and a countdown's bar
 * to a timeout far in the future spans thousands of them (most of the label placement's time on a
 * step, when the diagram is zoomed in to follow the cursor).
 */
function clipX(o: Box, bounds: Box): Box | null {
  const x0 = Math.max(o.x, bounds.x - CLIP_MARGIN_PX)
  const x1 = Math.min(o.x + o.w, bounds.x + bounds.w + CLIP_MARGIN_PX)
  return x1 < x0 ? null : { x: x0, y: o.y, w: x1 - x0, h: o.h }
}

const inside = (b: Box, o: Box): boolean =>
  b.x >= o.x && b.y >= o.y && b.x + b.w <= o.x + o.w && b.y + b.h <= o.y + o.h

function clampInside(a: Point, w: number, h: number, o: Box): Box {
  const x = Math.min(Math.max(a.x - w / 2, o.x), o.x + o.w - w)
  const y = Math.min(Math.max(a.y - h / 2, o.y), o.y + o.h - h)
  return { x, y, w, h }
}
