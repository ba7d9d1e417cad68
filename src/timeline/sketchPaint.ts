import type { LookPaint, PiecePaint } from './sketchDraw.ts'
import type { Look } from './sketchLooks.ts'

/**
 * The sketch's paint, read from the stylesheet: for each look, hidden SVG elements with the
 * classes and colour variables a full arrow of that look has (`display: none`, so they are never
 * laid out or painted) give their computed fill, stroke, width, dashes, caps and opacity. The
 * canvas then paints what the CSS says, in every theme (light, dark, projector, high contrast),
 * both colour schemes and whatever a theme overrides, with no second copy of the rules here.
 * A look is read once per drag (the sketch is mounted for a drag); the page's theme and colour
 * scheme are part of the cache key, so switching them mid-drag reads again.
 */

const SVG_NS = 'http://www.w3.org/2000/svg'

/** What a computed style is asked for (a plain object in the tests). */
export type StyleSource = Pick<CSSStyleDeclaration, 'getPropertyValue'>

const num = (s: StyleSource, prop: string, fallback: number): number => {
  const v = Number.parseFloat(s.getPropertyValue(prop))
  return Number.isFinite(v) ? v : fallback
}

const paint = (v: string): string | null => {
  const t = v.trim()
  return t === '' || t === 'none' || t === 'transparent' || t === 'rgba(0, 0, 0, 0)' ? null : t
}

const CAPS: readonly CanvasLineCap[] = ['butt', 'round', 'square']
const JOINS: readonly CanvasLineJoin[] = ['miter', 'round', 'bevel']

/** A piece's paint from its computed style (SVG's defaults where a property is empty). Pure. */
export function piecePaintOf(s: StyleSource): PiecePaint {
  const dashes = s.getPropertyValue('stroke-dasharray').trim()
  const dash =
    dashes === '' || dashes === 'none' ? [] : dashes.split(/[\s,]+/).map((d) => Number.parseFloat(d))
  const cap = s.getPropertyValue('stroke-linecap').trim() as CanvasLineCap
  const join = s.getPropertyValue('stroke-linejoin').trim() as CanvasLineJoin
  const opacity = num(s, 'opacity', 1)
  return {
    fill: paint(s.getPropertyValue('fill') || 'black'),
    stroke: paint(s.getPropertyValue('stroke')),
    width: num(s, 'stroke-width', 1),
    dash: dash.every((d) => Number.isFinite(d) && d >= 0) && dash.some((d) => d > 0) ? dash : [],
    cap: CAPS.includes(cap) ? cap : 'butt',
    join: JOINS.includes(join) ? join : 'miter',
    miterLimit: num(s, 'stroke-miterlimit', 4),
    fillAlpha: opacity * num(s, 'fill-opacity', 1),
    strokeAlpha: opacity * num(s, 'stroke-opacity', 1),
  }
}

/** The piece classes of a look's probe, in LookPaint's order. */
const PIECES = ['ghost', 'shaft', 'tail', 'head', 'queued'] as const

function probeOf(look: Look): SVGGElement {
  const g = document.createElementNS(SVG_NS, 'g')
  g.setAttribute('class', look.className)
  for (const [k, v] of Object.entries(look.style)) g.style.setProperty(k, v)
  for (const piece of PIECES) {
    const path = document.createElementNS(SVG_NS, 'path')
    const cls = piece === 'tail' && look.self ? 'tl-self-dot' : `tl-${piece}`
    path.setAttribute('class', cls)
    g.append(path)
  }
  return g
}

function readProbe(g: SVGGElement): LookPaint {
  const [ghost, shaft, tail, head, queued] = [...g.children].map((c) => piecePaintOf(getComputedStyle(c)))
  return {
    opacity: num(getComputedStyle(g), 'opacity', 1),
    ghost: ghost as PiecePaint,
    shaft: shaft as PiecePaint,
    tail: tail as PiecePaint,
    head: head as PiecePaint,
    queued: queued as PiecePaint,
  }
}

/** The page's choices that change the sketch's colours without a render. */
function themeKey(): string {
  const d = document.documentElement.dataset
  return `${d.theme ?? ''}|${d.scheme ?? ''}|${d.colours ?? ''}`
}

/** Paints of the looks, read from probes under `host` (an SVG group hidden by the stylesheet). */
export class SketchPaints {
  private readonly paints = new Map<string, LookPaint>()
  private crossPaint: PiecePaint | null = null
  private theme = ''
  /** Counts the times the paints were read anew (a receiver of frames forgets older ones then). */
  generation = 0

  /** Read the paint of every look not read yet, all at once (one style recalculation). */
  prepare(host: SVGGElement, looks: readonly Look[]): void {
    const theme = themeKey()
    if (theme !== this.theme) {
      this.paints.clear()
      this.crossPaint = null
      this.theme = theme
      this.generation++
    }
    const fresh = looks.filter((l) => !this.paints.has(l.key))
    if (fresh.length === 0 && this.crossPaint) return
    const probes = fresh.map((l) => [l, probeOf(l)] as const)
    const cross = document.createElementNS(SVG_NS, 'path')
    cross.setAttribute('class', 'tl-cross')
    host.append(...probes.map(([, g]) => g), cross)
    for (const [l, g] of probes) this.paints.set(l.key, readProbe(g))
    this.crossPaint = piecePaintOf(getComputedStyle(cross))
    host.replaceChildren()
  }

  /** A look's paint (after `prepare` with it). */
  paintOf = (look: Look): LookPaint => {
    const p = this.paints.get(look.key)
    if (!p) throw new Error(`the sketch's look ${look.key} was not prepared`)
    return p
  }

  /** The ✕ of a lost message (after `prepare`). */
  get cross(): PiecePaint | null {
    return this.crossPaint
  }
}
