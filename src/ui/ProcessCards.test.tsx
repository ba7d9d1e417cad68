import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { runToEnd, type SimEvent } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { momentOf } from '../store/moment.ts'
import { eventsBefore } from '../store/runIndex.ts'
import { cardsOf, ProposerLine } from './ProcessCards.tsx'

/** P1's card at the end of a preset's run, as the panel builds it from the engine's state. */
function p1AtEnd(id: string): { log: readonly SimEvent[]; p1: ReturnType<typeof cardsOf>[number] } {
  const scenario = presetById(id)!.scenario
  const log = runToEnd(toRunInput(scenario)).log
  const end = log.at(-1)!.step
  return { log, p1: cardsOf(momentOf(scenario, end), log.slice(eventsBefore(log, end)))[0]! }
}

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')

describe('the proposer card', () => {
  it('keeps the value its own ballot carried when it learns another ballot’s decision', () => {
    // Under the ignore-prior bug P1's ballot 1.1 carries A; B is decided in a higher ballot, and P1
    // learns it. The card read "ballot 1.1 · value B" although 1.1 never carried B.
    const { log, p1 } = p1AtEnd('bug-ignore-prior')
    const carried = log.find(
      (e) => e.kind === 'msg.send' && e.msg.from === 1 && e.msg.payload.type === 'accept',
    )
    expect(carried?.kind === 'msg.send' && carried.msg.payload).toMatchObject({
      ballot: { round: 1, pid: 1 },
      value: 'A',
    })
    expect(p1).toMatchObject({ phase: 'decided', ballot: { round: 1, pid: 1 }, value: 'A' })
    const line = text(renderToStaticMarkup(<ProposerLine v={p1} quorum={3} />))
    expect(line).toContain('ballot 1.1 · value A')
    expect(line).toMatch(/learned B decided in ballot \d+\.\d+/)
    expect(line).not.toContain('value B')
  })

  it('says nothing about learning when its own ballot was decided', () => {
    const { p1 } = p1AtEnd('basic')
    const line = text(renderToStaticMarkup(<ProposerLine v={p1} quorum={3} />))
    expect(line).toContain('done · decided · ballot 1.1 · value 10')
    expect(line).not.toContain('learned')
  })
})
