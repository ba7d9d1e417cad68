import { createElement } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { currentProtocol } from '../store/protocol.ts'
import { Legend } from '../timeline/Legend.tsx'
import { xmlText } from './exportText.ts'

/**
 * The diagram as a standalone SVG file: one SVG composed of the diagram's layers on screen (see
 * timeline/Plot.tsx: lane lines, the panned content clipped to the plot, lane headers), each a
 * copy with every element's computed paint and type inlined (the file has no stylesheet, and the
 * theme's CSS variables must resolve to the colours the user saw), the scenario's title above, and
 * the legend below.
 */

const SVG_NS = 'http://www.w3.org/2000/svg'
const PAD = 16
const TITLE_H = 36

/** Presentation properties that decide how SVG looks; everything else is layout for HTML. */
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'display',
  'visibility',
] as const

/** Attributes not copied: classes and tab stops mean nothing in a file; styles are recomputed. */
const SKIP_ATTRS = new Set(['class', 'style', 'tabindex'])

/**
 * A detached copy of `from` with its computed presentation inlined. Built element by element
 * rather than with cloneNode: copying a `style` attribute counts as inline style under the app's
 * Content-Security-Policy, while setting properties through the CSSOM does not.
 */
function styledCopy(from: Element): Element {
  const to = document.createElementNS(from.namespaceURI ?? SVG_NS, from.localName)
  // User text (values, titles) may hold characters XML forbids: the file must still parse.
  for (const a of from.attributes) {
    if (!SKIP_ATTRS.has(a.name)) to.setAttributeNS(a.namespaceURI, a.name, xmlText(a.value))
  }
  const cs = getComputedStyle(from)
  const style = (to as SVGElement).style
  for (const p of PROPS) style.setProperty(p, cs.getPropertyValue(p))
  for (const child of from.childNodes) {
    if (child instanceof Element) to.append(styledCopy(child))
    else if (child.nodeType === Node.TEXT_NODE) to.append(xmlText(child.textContent ?? ''))
  }
  return to
}

/** A styled, detached copy of a live SVG. */
function styledClone(svg: SVGSVGElement): SVGSVGElement {
  return styledCopy(svg) as SVGSVGElement
}

/**
 * Render the loaded protocol's legend off-screen (so the page's CSS applies), clone it styled,
 * then remove it.
 */
function legendClone(width: number): SVGSVGElement | null {
  const host = document.createElement('div')
  host.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px`
  document.body.append(host)
  const root = createRoot(host)
  try {
    flushSync(() =>
      root.render(
        // As many columns as fit the diagram's width, each as wide as its words.
        createElement(Legend, { maxWidth: width, module: currentProtocol() }),
      ),
    )
    const svg = host.querySelector('svg')
    return svg ? styledClone(svg) : null
  } finally {
    root.unmount()
    host.remove()
  }
}

/** `el`'s box relative to `to`'s, in CSS pixels. */
function boxIn(el: Element, to: Element): { x: number; y: number; width: number; height: number } {
  const a = el.getBoundingClientRect()
  const b = to.getBoundingClientRect()
  return { x: a.left - b.left, y: a.top - b.top, width: a.width, height: a.height }
}

/** Place a nested `<svg>` at `box`: it clips what it holds to that box. */
function placed(svg: Element, box: { x: number; y: number; width: number; height: number }): Element {
  for (const [k, v] of Object.entries(box)) svg.setAttribute(k, String(Math.round(v * 100) / 100))
  return svg
}

/**
 * The diagram's layers composed into one SVG of the stage's size, each where it is on screen: the
 * panned content where its box has it now (a glide in progress included), clipped to the plot.
 * The travel layer is left out: it holds copies of arrow pieces for a moment's motion.
 */
function composedDiagram(stage: HTMLElement): SVGSVGElement {
  const out = document.createElementNS(SVG_NS, 'svg')
  out.setAttribute('width', String(stage.clientWidth))
  out.setAttribute('height', String(stage.clientHeight))
  for (const layer of stage.querySelectorAll(':scope > svg, :scope > .tl-pan-clip')) {
    if (layer instanceof SVGSVGElement) {
      out.append(placed(styledClone(layer), boxIn(layer, stage)))
      continue
    }
    const clip = placed(document.createElementNS(SVG_NS, 'svg'), boxIn(layer, stage))
    for (const content of layer.querySelectorAll<SVGSVGElement>('svg.tl-content')) {
      clip.append(placed(styledClone(content), boxIn(content, layer)))
    }
    out.append(clip)
  }
  return out
}

/** The export as an SVG document string; null when no diagram is on screen. */
export function diagramSvg(title: string): string | null {
  const stage = document.querySelector<HTMLElement>('.diagram-pane .tl-diagram')
  if (!stage) return null
  const w = stage.clientWidth
  const h = stage.clientHeight
  const diagram = composedDiagram(stage)
  diagram.setAttribute('x', String(PAD))
  diagram.setAttribute('y', String(PAD + TITLE_H))
  const legend = legendClone(w)
  const vb = legend?.viewBox.baseVal
  // At its own size (scaled down only if even one column is wider than the diagram).
  const legendW = vb && vb.width > 0 ? Math.min(w, vb.width) : 0
  const legendH = vb && vb.width > 0 ? (vb.height * legendW) / vb.width : 0
  if (legend) {
    legend.setAttribute('x', String(PAD))
    legend.setAttribute('y', String(PAD + TITLE_H + h + PAD))
    legend.setAttribute('width', String(legendW))
    legend.setAttribute('height', String(legendH))
    legend.removeAttribute('style')
  }
  const width = w + 2 * PAD
  const height = PAD + TITLE_H + h + (legend ? PAD + legendH : 0) + PAD
  const out = document.createElementNS(SVG_NS, 'svg')
  out.setAttribute('xmlns', SVG_NS)
  out.setAttribute('width', String(width))
  out.setAttribute('height', String(height))
  out.setAttribute('viewBox', `0 0 ${width} ${height}`)
  const bodyStyle = getComputedStyle(document.body)
  const bg = document.createElementNS(SVG_NS, 'rect')
  bg.setAttribute('width', '100%')
  bg.setAttribute('height', '100%')
  bg.setAttribute('fill', bodyStyle.backgroundColor || '#ffffff')
  const heading = document.createElementNS(SVG_NS, 'text')
  heading.setAttribute('x', String(PAD))
  heading.setAttribute('y', String(PAD + 22))
  heading.setAttribute('fill', bodyStyle.color || '#000000')
  heading.setAttribute('font-family', bodyStyle.fontFamily)
  heading.setAttribute('font-size', '20')
  heading.setAttribute('font-weight', '700')
  // textContent: the title is user text and must stay text (and valid XML).
  heading.textContent = xmlText(title)
  out.append(bg, heading, diagram)
  if (legend) out.append(legend)
  return new XMLSerializer().serializeToString(out)
}

/** Render an SVG document to a PNG at `scale`× (for slides); resolves null if drawing fails. */
export function svgToPng(svg: string, scale = 2): Promise<Blob | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
    const img = new Image()
    img.onload = () => {
      const canvas = document.createElement('canvas')
      canvas.width = Math.ceil(img.width * scale)
      canvas.height = Math.ceil(img.height * scale)
      const ctx = canvas.getContext('2d')
      URL.revokeObjectURL(url)
      if (!ctx) return resolve(null)
      ctx.scale(scale, scale)
      ctx.drawImage(img, 0, 0)
      canvas.toBlob((b) => resolve(b), 'image/png')
    }
    img.onerror = () => {
      URL.revokeObjectURL(url)
      resolve(null)
    }
    img.src = url
  })
}
