import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { App } from './App.tsx'

describe('App', () => {
  const html = renderToStaticMarkup(<App />)

  it('renders the title, the example picker and the safety badge', () => {
    expect(html).toContain('Synod')
    expect(html).toContain('Paxos, step by step')
    expect(html).toContain('aria-label="Choose an example run"')
    expect(html).toContain('All invariants hold')
  })

  it('offers every time control with a keyboard hint', () => {
    for (const label of [
      'Play (Space)',
      'Step (→ or PageDown)',
      'Back one step (← or PageUp)',
      'Phase (Shift+→)',
    ]) {
      expect(html).toContain(`aria-label="${label}"`)
    }
    expect(html).toContain('aria-label="Time: scheduler step"')
  })

  it('greets a first-time student with a one-line hint', () => {
    expect(html).toContain('to step, or click a process to propose')
  })

  it('has a polite live region for the narration', () => {
    expect(html).toContain('aria-live="polite"')
  })
})
