import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LaneHeaders } from './LaneHeaders.tsx'
import { frameFor, type LaneGeom } from './layout.ts'
import type { LaneStatus } from './marks.ts'

/** The status lines as drawn: text, font size, the width they are squeezed to (if any), baseline. */
function statusLines(lanes: readonly LaneGeom[], ...frameArgs: Parameters<typeof frameFor>) {
  const frame = frameFor(...frameArgs)
  const html = renderToStaticMarkup(
    <svg>
      <LaneHeaders lanes={lanes} frame={frame} scale={frameArgs[3]} />
    </svg>,
  )
  const boxH = Number(/class="tl-lane-header-box"[^>]* height="([\d.]+)"/.exec(html)?.[1])
  const lines = [...html.matchAll(/<text class="tl-status[^"]*"([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attrs = m[1] as string
    const num = (re: RegExp) => Number(re.exec(attrs)?.[1] ?? NaN)
    return {
      text: (m[2] as string).replace(/&amp;/g, '&'),
      font: num(/font-size:([\d.]+)px/),
      y: num(/ y="([\d.-]+)"/),
      squeezedTo: num(/textLength="([\d.]+)"/),
    }
  })
  return { frame, boxH, lines }
}

const lane = (pid: number, status: Partial<LaneStatus>): LaneGeom => ({
  pid,
  name: pid <= 5 ? `P${pid}` : `C${pid - 5}`,
  y: 0,
  status: { down: false, decided: null, running: null, ...status },
  proposerSlot: null,
})
const plain = (text: string) => ({ plain: { text, tone: 'running' as const } })

/** The presenter's typeScale at 1024×768 (its 685-px diagram) and on a 1920×1080 projector. */
const PRESENTER_1024 = 1.35
const PRESENTER_1920 = 2.1

describe('lane headers in presenter mode', () => {
  it('draws a Multi-Paxos status line about as large as the arrow labels, with eight lanes', () => {
    // 5 replicas and 3 clients at 1024×768 (mp-leader-crash): the sub-labels were 12 px under a
    // 26 px name, the leader marker unreadable from the back row (QA F1).
    const lanes = [
      lane(1, plain('commit 2')),
      lane(2, plain('leader 2.2 · c2')),
      lane(3, plain('phase 1 12.3')),
      lane(6, plain('→ C1.2:put(a2)')),
    ]
    const { boxH, lines } = statusLines(lanes, 685, 500, 8, PRESENTER_1024)
    const labelFont = 14 * PRESENTER_1024
    expect(lines).toHaveLength(4)
    for (const l of lines) {
      expect(l.font, l.text).toBeGreaterThanOrEqual(0.9 * labelFont)
      // Inside its box: descenders included.
      expect(l.y + 0.22 * l.font, l.text).toBeLessThanOrEqual(boxH / 2)
      // Squeezed, if at all, to no less than 80 % of its natural width.
      if (!Number.isNaN(l.squeezedTo))
        expect(l.squeezedTo / (l.text.length * 0.62 * l.font), l.text).toBeGreaterThanOrEqual(0.8)
    }
  })

  it('never squeezes a Paxos ballot, on a 1024×768 presenter screen or a 1920×1080 projector', () => {
    const lanes = [lane(1, { running: { text: 'prepare 12.3', hue: null } }), lane(3, plain('accept 2.3'))]
    for (const [w, h, scale] of [
      [685, 500, PRESENTER_1024],
      [1250, 800, PRESENTER_1920],
    ] as const) {
      const { lines } = statusLines(lanes, w, h, 5, scale)
      expect(lines.map((l) => l.text)).toEqual(['prepare 12.3', 'accept 2.3'])
      for (const l of lines) {
        expect(l.squeezedTo, `${l.text} at ${scale}×`).toBeNaN()
        expect(l.font).toBeCloseTo(14 * scale, 0)
      }
    }
  })

  it("keeps a laptop's header and its plot as they were", () => {
    expect(frameFor(880, 500, 5, 0.9).plotLeft).toBe(96)
    expect(frameFor(1000, 400, 8, 1).plotLeft).toBe(96)
  })
})
