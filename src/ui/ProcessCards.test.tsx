import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { runToEnd } from '../engine/index.ts'
import { presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import { project } from '../store/projection.ts'
import { ProposerLine } from './ProcessCards.tsx'

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')

describe('the proposer card', () => {
  it('keeps the value its own ballot carried when it learns another ballot’s decision', () => {
    // Under the ignore-prior bug P1's ballot 1.1 carries A; B is decided in a higher ballot, and P1
    // learns it. The card read "ballot 1.1 · value B" although 1.1 never carried B.
    const log = runToEnd(toRunInput(presetById('bug-ignore-prior')!.scenario)).log
    const p1 = project(log, log.length).procs[0]!
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
    const log = runToEnd(toRunInput(presetById('basic')!.scenario)).log
    const p1 = project(log, log.length).procs[0]!
    const line = text(renderToStaticMarkup(<ProposerLine v={p1} quorum={3} />))
    expect(line).toContain('done · decided · ballot 1.1 · value 10')
    expect(line).not.toContain('learned')
  })
})
