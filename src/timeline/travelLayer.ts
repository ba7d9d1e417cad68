import type { ArrowGeom } from './arrows.ts'

/**
 * Where messages travel: an HTML layer over the diagram's plot area. Animating the SVG arrows
 * themselves repaints the whole diagram on every frame of every step's motion (about 6 ms of main
 * thread per frame on a 2-core laptop, several frames per step), which is what pushed a step past
 * its 16 ms budget. Here a travelling arrow's shaft and head are copied into two small boxes whose
 * CSS transforms are animated, which the compositor runs without the main thread; the SVG arrow is
 * hidden meanwhile and shown again when the travel ends. A step therefore costs the SVG at most
 * one extra repaint (at the end), and usually none: the next step's commit ends it. The boxes are
 * made once the step's own frame has painted (see `createTravelLayer`).
 */
export interface TravelLayer {
  /** Make `a`'s drawn end travel from `fromProgress` to where it is now. */
  start(a: ArrowGeom, fromProgress: number, parts: TravelParts): void
}

/** The SVG elements of one arrow that travel (null where the arrow has none). */
export interface TravelParts {
  readonly group: SVGGElement | null
  readonly shaft: SVGLineElement | null
  readonly head: SVGElement | null
}

interface Travel {
  readonly boxes: HTMLElement[]
  readonly hidden: SVGElement[]
  readonly animations: Animation[]
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** How long a message takes to travel its new stretch after a step: short, so stepping stays brisk. */
export const TRAVEL_MS = 280

/**
 * Where the drawn end of `a` was when it had `progress`, in today's geometry: the arrow's path is
 * the same line from (x1, y1) to (tx, ty) whatever the zoom or pan, so a change of view alone
 * never looks like travel. Pure.
 */
export function pointAt(a: Pick<ArrowGeom, 'x1' | 'y1' | 'tx' | 'ty'>, progress: number): [number, number] {
  return [a.x1 + (a.tx - a.x1) * progress, a.y1 + (a.ty - a.y1) * progress]
}

/** A dashed shaft keeps its dashes: scaling it would stretch them, so only its head travels. */
const dashed = (a: ArrowGeom): boolean => a.kind === 'reject' || a.kind === 'decide'

/**
 * A copy of `piece` drawn at the origin of a tiny `<svg>` inside a box, in a group with the
 * arrow's classes and hue, so the same CSS paints it as the original. The copy is not an arrow:
 * no `tl-arrow` class, id or role, so nothing that looks for arrows ever finds it.
 */
function box(group: SVGGElement, piece: SVGElement, className: string): HTMLElement {
  const div = document.createElement('div')
  div.className = className
  const svg = document.createElementNS(SVG_NS, 'svg')
  svg.setAttribute('width', '1')
  svg.setAttribute('height', '1')
  svg.setAttribute('overflow', 'visible')
  const g = document.createElementNS(SVG_NS, 'g')
  const classes = (group.getAttribute('class') ?? '').split(' ').filter((c) => c !== 'tl-arrow')
  g.setAttribute('class', [...classes, 'tl-hue'].join(' '))
  // Through the CSSOM, as React does: the page's CSP refuses style attributes set as text.
  for (const name of Array.from(group.style)) g.style.setProperty(name, group.style.getPropertyValue(name))
  // The original may still be hidden by a travel that ends in this same commit.
  piece.style.removeProperty('visibility')
  g.appendChild(piece)
  svg.appendChild(g)
  div.appendChild(svg)
  return div
}

export interface TravelLayerControl extends TravelLayer {
  /**
   * Once per commit, after the arrows' own effects: ends the travels of earlier commits, and
   * holds this commit's travellers at their start for the frame that shows the step.
   */
  settle(): void
  /** Ends every travel at once (the diagram unmounts or the view jumps). */
  clear(): void
  /** The callback ref of the element travels are drawn in (the layer's panned content box). */
  attach(el: HTMLElement | null): void
  /** That element, for panning it with the diagram's content. */
  host(): HTMLElement | null
}

/** Runs `fn` once the next frame has painted. */
export type AfterPaint = (fn: () => void) => void

/**
 * An animation frame, then a task (it runs after that frame's paint); a timer where no frames
 * come (a hidden tab), so a travel never waits for ever.
 */
const browserAfterPaint: AfterPaint = (fn) => {
  let done = false
  const once = (): void => {
    if (done) return
    done = true
    clearTimeout(fallback)
    fn()
  }
  const fallback = setTimeout(once, 250)
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = once
    channel.port2.postMessage(0)
  })
}

/**
 * A piece held at its travel's start for the step's first frame, by style properties React never
 * writes (as the travel's `visibility`), so putting it back cannot undo what a later commit drew.
 */
interface Pose {
  readonly el: SVGElement
  readonly props: readonly string[]
}

function pose(el: SVGElement, props: Record<string, string>): Pose {
  for (const [k, v] of Object.entries(props)) el.style.setProperty(k, v)
  return { el, props: Object.keys(props) }
}

function unpose(p: Pose): void {
  for (const k of p.props) p.el.style.removeProperty(k)
}

interface Request {
  readonly a: ArrowGeom
  readonly from: number
  readonly parts: TravelParts
}

/** A commit's travel: posed at its start until the step's frame has painted, then drawn. */
interface Pending {
  readonly requests: Request[]
  readonly poses: Pose[]
}

/**
 * A travel layer; it draws once `attach` has given it its element.
 *
 * The boxes are made after the frame that shows the step, not in it: making them (elements,
 * style, two composited layers per arrow, their raster and the compositor's commit of them) made
 * the steps that start a travel the slowest tenth of all steps (see docs/PERFORMANCE.md). In the
 * step's own frame a travelling arrow is drawn where its travel starts (its shaft's end and its
 * head set back on its own path, which is what the travel's first frame shows anyway); once that
 * frame has painted, the boxes take over from there.
 */
export function createTravelLayer(afterPaint: AfterPaint = browserAfterPaint): TravelLayerControl {
  let host: HTMLElement | null = null
  let running: Travel[] = []
  let requested: Request[] = []
  let posed: Pending | null = null
  let drawScheduled = false
  const end = (t: Travel): void => {
    for (const a of t.animations) a.cancel()
    for (const b of t.boxes) b.remove()
    for (const el of t.hidden) el.style.visibility = ''
    running = running.filter((r) => r !== t)
  }
  const draw = (root: HTMLElement, { a, from, parts }: Request): void => {
    const { group, shaft, head } = parts
    if (!group || !group.isConnected) return
    const t: Travel = { boxes: [], hidden: [], animations: [] }
    const timing = { duration: TRAVEL_MS, easing: 'ease-out' }
    const length = Math.hypot(a.x2 - a.x1, a.y2 - a.y1)
    const [fx, fy] = pointAt(a, from)
    if (shaft && !dashed(a) && length > 0.5) {
      const copy = shaft.cloneNode(false) as SVGLineElement
      for (const [k, v] of [
        ['x1', 0],
        ['y1', 0],
        ['x2', length],
        ['y2', 0],
      ] as const)
        copy.setAttribute(k, String(v))
      const b = box(group, copy, 'tl-travel-shaft')
      b.style.left = `${a.x1}px`
      b.style.top = `${a.y1}px`
      const grown = Math.min(1, Math.hypot(fx - a.x1, fy - a.y1) / length)
      const at = (scale: number): string => `rotate(${a.angle}deg) scaleX(${scale})`
      t.animations.push(b.animate([{ transform: at(grown) }, { transform: at(1) }], timing))
      t.boxes.push(b)
      t.hidden.push(shaft)
    }
    if (head && a.progress > 0) {
      const copy = head.cloneNode(false) as SVGElement
      copy.removeAttribute('transform')
      const b = box(group, copy, 'tl-travel-head')
      const at = (x: number, y: number): string => `translate(${x}px, ${y}px) rotate(${a.angle}deg)`
      t.animations.push(b.animate([{ transform: at(fx, fy) }, { transform: at(a.x2, a.y2) }], timing))
      t.boxes.push(b)
      t.hidden.push(head)
    }
    const first = t.animations[0]
    if (!first) return
    for (const b of t.boxes) root.appendChild(b)
    for (const el of t.hidden) el.style.visibility = 'hidden'
    first.onfinish = () => end(t)
    running.push(t)
  }
  /** Put the posed pieces back and make the boxes: the step's frame has painted. */
  const release = (): void => {
    drawScheduled = false
    const p = posed
    posed = null
    if (!p) return
    for (const x of p.poses) unpose(x)
    const root = host
    if (root) for (const r of p.requests) draw(root, r)
  }
  /** Hold each traveller's drawn end where its travel starts (as its first frame shows it). */
  const holdAtStart = (requests: Request[]): Pending => {
    const poses: Pose[] = []
    for (const { a, from, parts } of requests) {
      const [fx, fy] = pointAt(a, from)
      const length = Math.hypot(a.x2 - a.x1, a.y2 - a.y1)
      // The shaft drawn only up to where it was (one dash, round caps as the line's own), the
      // head moved back there: the travel's first frame, without its boxes.
      if (parts.shaft && !dashed(a) && length > 0.5) {
        const drawn = Math.min(length, Math.hypot(fx - a.x1, fy - a.y1))
        poses.push(pose(parts.shaft, { 'stroke-dasharray': `${drawn} ${Math.ceil(length) + 10}` }))
      }
      if (parts.head && a.progress > 0) {
        poses.push(pose(parts.head, { transform: `translate(${fx}px, ${fy}px) rotate(${a.angle}deg)` }))
      }
    }
    return { requests, poses }
  }
  return {
    start(a, from, parts) {
      const root = host
      if (!root || !parts.group || typeof root.animate !== 'function') return
      requested.push({ a, from, parts })
    },
    settle() {
      // Earlier commits' travels end: the ones drawn, and one still held for its first frame.
      for (const t of [...running]) end(t)
      if (posed) for (const x of posed.poses) unpose(x)
      posed = null
      const requests = requested
      requested = []
      if (requests.length === 0) return
      posed = holdAtStart(requests)
      if (!drawScheduled) {
        drawScheduled = true
        afterPaint(release)
      }
    },
    clear() {
      for (const t of [...running]) end(t)
      if (posed) for (const x of posed.poses) unpose(x)
      posed = null
      requested = []
    },
    attach(el) {
      host = el
    },
    host: () => host,
  }
}
