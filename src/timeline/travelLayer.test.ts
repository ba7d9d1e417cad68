import { describe, expect, it } from 'vitest'
import type { ArrowGeom } from './arrows.ts'
import { createTravelLayer, type TravelParts } from './travelLayer.ts'

/** Just enough of an SVG element for the layer's hold: its inline style. */
function fakePiece() {
  const props = new Map<string, string>()
  const style = {
    setProperty: (k: string, v: string) => void props.set(k, v),
    removeProperty: (k: string) => void props.delete(k),
  }
  return { props, el: { style } as unknown as SVGElement }
}

const arrow = { kind: 'prepare', x1: 0, y1: 0, x2: 60, y2: 80, tx: 120, ty: 160, angle: 53.13, progress: 0.5 }

function setUp() {
  let paint: (() => void) | null = null
  const layer = createTravelLayer((fn) => (paint = fn))
  // An element that can animate, so the layer takes requests; the arrow's group is not in a
  // document, so no boxes are made (that needs a browser; e2e/motion.spec.ts covers it).
  layer.attach({ animate: () => null } as unknown as HTMLElement)
  const shaft = fakePiece()
  const head = fakePiece()
  const parts: TravelParts = {
    group: { isConnected: false } as unknown as SVGGElement,
    shaft: shaft.el as SVGLineElement,
    head: head.el,
  }
  const painted = (): void => {
    const fn = paint
    paint = null
    fn?.()
  }
  return { layer, shaft, head, parts, painted, scheduled: () => paint !== null }
}

describe('travel layer', () => {
  it('holds a traveller at its start for the step’s frame, then lets go once it has painted', () => {
    const { layer, shaft, head, parts, painted, scheduled } = setUp()
    // The arrow was a quarter of the way along (25 of its 200 px path); it is half way now.
    layer.start(arrow as unknown as ArrowGeom, 0.25, parts)
    expect(shaft.props.size).toBe(0)
    layer.settle()
    // The shaft is drawn up to 50 px of its 100 px, the head sits at (30, 40), the start.
    expect(shaft.props.get('stroke-dasharray')).toBe('50 110')
    expect(head.props.get('transform')).toBe('translate(30px, 40px) rotate(53.13deg)')
    expect(scheduled()).toBe(true)
    painted()
    expect(shaft.props.size).toBe(0)
    expect(head.props.size).toBe(0)
  })

  it('a commit before that frame painted lets the earlier hold go; clearing does too', () => {
    const { layer, shaft, head, parts, painted } = setUp()
    layer.start(arrow as unknown as ArrowGeom, 0.25, parts)
    layer.settle()
    layer.settle()
    expect(shaft.props.size).toBe(0)
    expect(head.props.size).toBe(0)
    painted()
    layer.start(arrow as unknown as ArrowGeom, 0.25, parts)
    layer.settle()
    expect(shaft.props.size).toBe(1)
    layer.clear()
    expect(shaft.props.size).toBe(0)
    expect(head.props.size).toBe(0)
  })

  it('a dashed shaft keeps its dashes: only its head is held back', () => {
    const { layer, shaft, head, parts } = setUp()
    layer.start({ ...arrow, kind: 'reject' } as unknown as ArrowGeom, 0.25, parts)
    layer.settle()
    expect(shaft.props.size).toBe(0)
    expect(head.props.get('transform')).toBe('translate(30px, 40px) rotate(53.13deg)')
  })
})
