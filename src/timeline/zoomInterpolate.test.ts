import { describe, expect, it } from 'vitest'
import { interpolateZoom } from './zoomInterpolate.ts'

describe('interpolateZoom', () => {
  it('moves a pan at one scale: the width stays, the centre moves linearly', () => {
    const i = interpolateZoom([100, 50, 400], [300, 50, 400])
    expect(i(0)).toEqual([100, 50, 400])
    expect(i(0.25)).toEqual([150, 50, 400])
    expect(i(1)).toEqual([300, 50, 400])
  })

  it('changes the width linearly in a zoom', () => {
    expect(interpolateZoom([0, 0, 400], [0, 0, 200])(0.5)).toEqual([0, 0, 300])
  })
})
