import type { ArrowGeom } from './arrows.ts'
import {
  placeLabels,
  textWidthPx,
  type Box,
  type LabelGeom,
  type LabelRequest,
  type Point,
} from './labels.ts'
import type { BandGeom, MarkGeom } from './marks.ts'
import { TIMER_BAR, type TimerGeom } from './timers.ts'

/** Where the diagram's labels go: which arrows and marks get one, and their candidate anchors. */

/** The label settings layout passes in. */
export interface LabelLayoutOptions {
  readonly fontPx: number
  /** Arrows shorter than this (horizontally) get a label only when hovered or selected. */
  readonly minLabelledArrowPx: number
  /** Marks are drawn this much larger (the type scale): their labels keep clear of them. */
  readonly markScale?: number
  readonly forceLabelIds?: readonly number[]
  readonly arrowLabels?: boolean
  readonly measureText?: (text: string) => number
  /** Countdowns on the lanes: a pending one is labelled (`backoff → t57`) where there is room. */
  readonly timers?: readonly TimerGeom[]
  /** Boxes drawn over the plot (the view buttons), in content pixels: no label is placed under them. */
  readonly keepOut?: readonly Box[]
}

/** Candidate label centres for a pending countdown: under its bar, from "now" on, then before it. */
function timerAnchors(t: TimerGeom, w: number, h: number, s: number): Point[] {
  const y = t.y + TIMER_BAR.half * s + 3 + h / 2
  const right = t.xNow + w / 2
  return [
    { x: right, y },
    { x: Math.max(t.x1 + w / 2, t.x2 - w / 2), y },
    { x: t.xNow - w / 2, y },
    { x: right, y: y + h + 2 },
  ]
}

const ARROW_ANCHOR_FRACTIONS = [0.5, 0.62, 0.38, 0.74, 0.26]

function arrowAnchors(a: ArrowGeom): Point[] {
  const ex = a.state === 'dropped' ? a.x2 : a.tx
  const ey = a.state === 'dropped' ? a.y2 : a.ty
  if (a.self) return [{ x: a.x1, y: a.y1 - 30 }]
  return ARROW_ANCHOR_FRACTIONS.map((f) => ({ x: a.x1 + (ex - a.x1) * f, y: a.y1 + (ey - a.y1) * f }))
}

/** Candidate label centres around a lane mark: above right first, then below, then to the left. */
function markAnchors(m: MarkGeom, w: number, s: number, visibleX: readonly [number, number]): Point[] {
  const dx = w / 2 + 12 * s
  // Global marks (chosen, violation) label the band above the lanes, then stack down the plot.
  // A label too long for either side (a violation's title) crosses its line, kept inside the view.
  if (m.pid === null) {
    const across = Math.min(Math.max(m.x, visibleX[0] + w / 2 + 4), visibleX[1] - w / 2 - 4)
    return [m.y - 20 * s, m.y + 14 * s, m.y + 40 * s, m.y + 66 * s].flatMap((y) => [
      { x: m.x + dx, y },
      { x: m.x - dx, y },
      { x: across, y },
    ])
  }
  const dy = 17 * s
  return [
    { x: m.x + dx, y: m.y - dy },
    { x: m.x + dx, y: m.y + dy },
    { x: m.x - dx, y: m.y - dy },
    { x: m.x - dx, y: m.y + dy },
  ]
}

const arrowPriority = (a: ArrowGeom): number => (a.state === 'in-flight' ? 2 : a.kind === 'reject' ? 1 : 0)

/** Labels for the hovered/selected arrows, the marks, then other arrows where there is room. */
export function layoutLabels(
  frame: { readonly plotBottom: number },
  visibleX: readonly [number, number],
  arrows: readonly ArrowGeom[],
  marks: readonly MarkGeom[],
  bands: readonly BandGeom[],
  options: LabelLayoutOptions,
): LabelGeom[] {
  const font = options.fontPx
  // `measureText` measures at the base size (14px); labels scale with the type scale.
  const base = options.measureText
  const measure = base ? (t: string) => (base(t) * font) / 14 : (t: string) => textWidthPx(t, font)
  const forced = new Set(options.forceLabelIds ?? [])
  const markScale = options.markScale ?? 1
  const arrowRequest = (a: ArrowGeom, force: boolean): LabelRequest => ({
    key: `msg-${a.id}`,
    owner: a.id,
    text: a.label,
    anchors: arrowAnchors(a),
    force,
    hue: a.hue,
    proposerSlot: a.proposerSlot,
    ack: a.kind === 'ack',
    tone: a.kind === 'reject' ? 'reject' : 'arrow',
  })
  const requests: LabelRequest[] = arrows.filter((a) => forced.has(a.id)).map((a) => arrowRequest(a, true))
  // Global marks first: they are few and decisive; a violation before "chosen", since it is what
  // a counterexample is about. One violation of a rule says it all: its repeats stay unlabelled.
  const rank = (m: MarkGeom): number => (m.pid !== null ? 2 : m.kind === 'violation' ? 0 : 1)
  const byImportance = [...marks].sort((a, b) => rank(a) - rank(b))
  const saidViolations = new Set<string>()
  for (const m of byImportance) {
    if (m.kind === 'violation') {
      if (saidViolations.has(m.label)) continue
      saidViolations.add(m.label)
    }
    const w = measure(m.label) + 14
    const tone = m.kind === 'violation' ? 'alarm' : m.kind === 'chosen' ? 'chosen' : 'mark'
    requests.push({
      key: m.key,
      owner: m.key,
      text: m.label,
      anchors: markAnchors(m, w, markScale, visibleX),
      force: false,
      hue: m.hue,
      proposerSlot: m.proposerSlot,
      tone,
    })
  }
  // Like arrow labels, countdown labels wait while a scrub moves (re-placed every frame, unreadable).
  for (const t of options.arrowLabels === false ? [] : (options.timers ?? [])) {
    if (!t.pending || t.quiet) continue
    const w = measure(t.label) + 14
    const anchors = timerAnchors(t, w, font + 8, markScale)
    requests.push({
      key: `timer-${t.key}`,
      owner: t.key,
      text: t.label,
      anchors,
      force: false,
      hue: null,
      tone: 'timer',
    })
  }
  if (options.arrowLabels !== false) {
    const rest = arrows.filter(
      (a) => !forced.has(a.id) && !a.self && !a.quiet && Math.abs(a.tx - a.x1) >= options.minLabelledArrowPx,
    )
    rest.sort((a, b) => arrowPriority(b) - arrowPriority(a) || b.id - a.id)
    for (const a of rest) requests.push(arrowRequest(a, false))
  }
  const bounds: Box = { x: visibleX[0], y: 0, w: visibleX[1] - visibleX[0], h: frame.plotBottom }
  // Keep labels off mark glyphs and ✓/✗ badges, so a label never hides what it might explain.
  const glyphs: Box[] = [...(options.keepOut ?? [])]
  for (const g of marks
    .filter((m) => m.pid !== null)
    .map((m) => ({ x: m.x - 9 * markScale, y: m.y - 9 * markScale, w: 18 * markScale, h: 18 * markScale })))
    glyphs.push(g)
  for (const a of arrows) if (a.badge) glyphs.push({ x: a.badge.x - 8, y: a.badge.y - 8, w: 16, h: 16 })
  // A countdown still running is what the lane is doing now: labels keep off its bar.
  for (const t of options.timers ?? []) {
    if (!t.pending || t.quiet) continue
    const half = TIMER_BAR.half * markScale
    glyphs.push({ x: t.x1, y: t.y - half, w: t.x2 - t.x1, h: 2 * half })
  }
  for (const b of bands) {
    if (b.kind === 'partition') glyphs.push({ x: b.labelX, y: b.y1, w: measure(b.label), h: 20 })
  }
  return placeLabels(requests, bounds, font, glyphs, measure)
}
