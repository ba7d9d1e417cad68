import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { moduleFor } from '../engine/index.ts'
import { Diagram } from './Diagram.tsx'
import { computeLayout } from './layout.ts'
import { Legend } from './Legend.tsx'
import { panPlacement } from './panBox.ts'
import { Plot } from './Plot.tsx'
import { presetLog, racingLog } from './testRuns.ts'

const noop = () => {}
const handlers = { onKeyDown: noop, onPointerOver: noop, onPointerLeave: noop, onFocus: noop, onBlur: noop }

function plotMarkup(step: number, selected: number | null = null, active: number | null = null): string {
  const layout = computeLayout(racingLog(), step, {
    width: 1280,
    height: 480,
    viewTicks: [-4, 76],
  })
  const related = new Set(active !== null ? [active] : [])
  return renderToStaticMarkup(
    <div>
      <Plot
        layout={layout}
        idPrefix="t"
        activeId={active}
        related={related}
        selectedMsgId={selected}
        tabStopId={29}
        arrowHandlers={handlers}
      />
    </div>,
  )
}

describe('Plot', () => {
  it('draws lane lines under, the panned content as its own SVG in an HTML box, lane headers over', () => {
    const layout = computeLayout(racingLog(), 30, { width: 1280, height: 480, viewTicks: [-4, 76] })
    const html = plotMarkup(30)
    const at = (s: string) => html.indexOf(s)
    expect(at('class="tl-under"')).toBeGreaterThanOrEqual(0)
    expect(at('class="tl-under"')).toBeLessThan(at('class="tl-lane-lines"'))
    expect(at('class="tl-lane-lines"')).toBeLessThan(at('class="tl-pan-clip"'))
    // The content moves by the HTML box's CSS transform: no translated group in the SVG.
    const { shift, frac } = panPlacement(layout.offsetX, layout.frame.plotLeft)
    expect(html).toContain(`<div class="tl-pan" style="transform:translateX(${shift}px)">`)
    expect(html).not.toContain(`translate(${layout.offsetX} 0)`)
    expect(html).not.toContain('clip-path')
    const content = html.slice(at('class="tl-content"'), at('class="tl-travel"'))
    expect(content).toContain('class="tl-arrow ')
    expect(content).toContain('class="tl-axis"')
    expect(content).toContain('class="tl-cursor-line"')
    // Its SVG covers the visible plot (its viewBox and CSS left are content pixels).
    const [, x, w] = /viewBox="([-\d.]+) 0 ([\d.]+) 480"/.exec(content) ?? []
    expect(Number(x) + frac).toBeLessThanOrEqual(layout.visibleX[0])
    expect(Number(x) + frac + Number(w)).toBeGreaterThanOrEqual(layout.visibleX[1])
    expect(content).toContain(`style="left:${Number(x) + frac}px"`)
    expect(html.slice(at('class="tl-heads"'))).toContain('class="tl-lane-header')
    expect(at('class="tl-heads"')).toBeGreaterThan(at('class="tl-travel"'))
  })

  it('makes every arrow a focusable button named by its label and narration, one in the Tab order', () => {
    const html = plotMarkup(30)
    const arrows = html.match(/<g class="tl-arrow [^"]*"[^>]*>/g) ?? []
    expect(arrows.length).toBeGreaterThan(30)
    expect(arrows.filter((a) => a.includes('tabindex="0"'))).toEqual([
      expect.stringContaining('data-msg-id="29"'),
    ])
    for (const a of arrows) {
      expect(a).toMatch(/tabindex="(0|-1)"/)
      expect(a).toContain('role="button"')
      expect(a).toMatch(/aria-label="#\d+ P\d to P\d: /)
    }
    expect(html).toContain('aria-label="#26 P2 to P3: promise 2.3 (1.1, 10), delivered.')
  })

  it('names each lane header with its process and state', () => {
    const html = plotMarkup(30)
    expect(html).toContain('aria-label="P3: up, running accept 2.3. Show process P3."')
    expect(html.match(/class="tl-lane-header( tl-is-down)?"/g)).toHaveLength(5)
  })

  it('marks the selection, and dims all but the active arrow and its relatives', () => {
    const html = plotMarkup(30, 24, 26)
    expect(html).toMatch(/tl-arrow tl-reject tl-delivered tl-em-dim tl-selected" [^>]*data-msg-id="24"/)
    expect(html).toMatch(/tl-em-focus" [^>]*data-msg-id="26"/)
  })

  it('gives every arrow a hit area along its whole path, the dotted rest of a message in flight too', () => {
    const layout = computeLayout(racingLog(), 8, { width: 1280, height: 480, viewTicks: [-4, 76] })
    const sent = layout.arrows.find((a) => a.state === 'in-flight' && a.progress === 0 && !a.self)
    if (!sent) throw new Error('no message just sent at step 8')
    const html = plotMarkup(8)
    const group = new RegExp(`<g class="tl-arrow[^"]*"[^>]*data-msg-id="${sent.id}"[^>]*>(.*?)</g>`).exec(
      html,
    )?.[1]
    expect(group).toContain(
      `<line class="tl-hit" x1="${sent.x1}" y1="${sent.y1}" x2="${sent.tx}" y2="${sent.ty}">`,
    )
    // A halo only where it can show (here: the selected arrow), not on every arrow.
    expect(html).not.toContain('tl-halo')
    expect(plotMarkup(8, sent.id).match(/class="tl-halo"/g)).toHaveLength(1)
  })

  it('gives lane marks a hit area that selects their process, under the arrows', () => {
    const html = plotMarkup(30)
    expect(html).toMatch(/<circle class="tl-mark-hit" cx="[\d.]+" cy="[\d.]+" data-pid="1"><title>/)
    expect(html.indexOf('tl-mark-hits')).toBeLessThan(html.indexOf('class="tl-arrows'))
  })

  it('shows meaning by shape too: REJECTs get a bar head and a ✗ badge, ACKs a ✓', () => {
    const html = plotMarkup(44)
    expect(html).toContain('class="tl-arrow tl-reject')
    expect(html).toContain('d="M-1 -8 L-1 8"')
    expect(html).toContain('d="M-4 0.5 L-1.2 3.5 L4.2 -3"')
  })
})

describe('Diagram and Legend', () => {
  it('renders its frame before it is measured, with the zoom toolbar', () => {
    const html = renderToStaticMarkup(
      <Diagram
        log={presetLog('basic')}
        cursorStep={5}
        processCount={5}
        selectedMsgId={null}
        onSelectMessage={noop}
        onSelectProcess={noop}
      />,
    )
    expect(html).toContain('class="tl-root"')
    expect(html).toContain('role="toolbar"')
    expect(html).toContain('aria-pressed="true"')
  })

  it('lists every kind of mark in the legend', () => {
    const html = renderToStaticMarkup(<Legend module={moduleFor('paxos')} />)
    for (const text of [
      'REJECT',
      'ACK',
      'lost message',
      'duplicated',
      'chosen',
      'decided',
      'crashed',
      'partition',
    ]) {
      expect(html).toContain(text)
    }
    expect(html.match(/role="listitem"/g)?.length).toBeGreaterThanOrEqual(16)
  })

  it('names the learned answer of single-decree Paxos, and only there', () => {
    expect(renderToStaticMarkup(<Legend module={moduleFor('paxos')} />)).toContain('learned: ACK of decide')
    const mp = renderToStaticMarkup(<Legend module={moduleFor('multipaxos')} />)
    expect(mp).not.toContain('ACK of decide')
    expect(mp).toContain('notice (no reply)')
  })

  it("words a module's marks in its own terms: no proposer, no learner in Multi-Paxos's legend", () => {
    const mp = renderToStaticMarkup(<Legend module={moduleFor('multipaxos')} />)
    for (const text of [
      'starts phase 1 (campaign)',
      'elected leader',
      'preempted or timed out',
      'slot chosen',
    ])
      expect(mp).toContain(text)
    for (const text of [
      'proposer starts a ballot',
      'adopts an accepted value',
      'ballot failed',
      'decided: learner',
    ])
      expect(mp).not.toContain(text)
    expect(renderToStaticMarkup(<Legend module={moduleFor('paxos')} />)).toContain('proposer starts a ballot')
  })
})
