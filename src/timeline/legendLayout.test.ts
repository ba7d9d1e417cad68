import { describe, expect, it } from 'vitest'
import { LEGEND_TEXT_X, legendColumnsToFit, legendGrid, legendTextWidth } from './legendLayout.ts'

const texts = [
  'request (asks)',
  'ACK reply',
  'slot chosen: majority accepted',
  'lost message',
  'network partition',
]
const cellOf = (i: number) => i

describe('the legend grid', () => {
  it('makes each column as wide as its widest words, so none runs past the edge', () => {
    for (const cols of [1, 2, 3]) {
      const grid = legendGrid(texts, cellOf, texts.length, cols)
      texts.forEach((text, i) => {
        const x = grid.columnX[i % cols] ?? NaN
        expect(x + LEGEND_TEXT_X + legendTextWidth(text), `${cols} columns: ${text}`).toBeLessThanOrEqual(
          grid.width,
        )
      })
      expect(grid.height).toBe(Math.ceil(texts.length / cols) * 38 + 8)
    }
  })

  it('estimates wide words wider than narrow ones, and generously (DejaVu Sans: about 8 px a letter at 15 px)', () => {
    expect(legendTextWidth('mmmm')).toBeGreaterThan(legendTextWidth('iiii'))
    expect(legendTextWidth('slot chosen: majority accepted')).toBeGreaterThanOrEqual(230)
  })

  it('takes as many columns as fit, and one when none fit', () => {
    const three = legendGrid(texts, cellOf, texts.length, 3).width
    expect(legendColumnsToFit(texts, cellOf, texts.length, three)).toBe(3)
    expect(legendColumnsToFit(texts, cellOf, texts.length, three - 1)).toBe(2)
    expect(legendColumnsToFit(texts, cellOf, texts.length, 100)).toBe(1)
  })
})
