import { describe, expect, it } from 'vitest'
import { redrawNotice } from './redrawNotice.ts'

const calm = { latencyTicksMin: 10, latencyTicksMax: 10, lossPercent: 0, duplicatePercent: 0 }

describe('redrawNotice', () => {
  it('says a copy made by hand draws the next random delay, when delays are random', () => {
    const config = { ...calm, latencyTicksMax: 30 }
    expect(redrawNotice(config, 5, { type: 'duplicate', msgId: 3 }, "the example's")).toBe(
      "Your copy takes the network's next random delay, so every later message's delay is drawn anew: the run after step 5 may differ from the example's.",
    )
    // A drop draws nothing, and with no random faults nothing later is drawn anew.
    expect(redrawNotice(config, 5, { type: 'drop', msgId: 3 }, "the example's")).toBeNull()
    // Fixed delays: a copy's delay is not random.
    expect(redrawNotice(calm, 5, { type: 'duplicate', msgId: 3 }, "the example's")).toBeNull()
  })

  it('says a lossy or duplicating network draws the later faults anew after any change', () => {
    const lossy = { ...calm, lossPercent: 20, duplicatePercent: 5 }
    expect(redrawNotice(lossy, 7, { type: 'crash', pid: 2 }, "the run's")).toBe(
      "This network loses 20% and duplicates 5% of messages at random, in send order, so after a change the later messages it loses or copies are drawn anew: the run after step 7 may differ from the run's.",
    )
  })
})
