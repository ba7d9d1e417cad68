import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { App } from './App.tsx'

describe('App', () => {
  it('renders the title and the tagline', () => {
    const html = renderToStaticMarkup(<App />)
    expect(html).toContain('<h1>Synod</h1>')
    expect(html).toContain('Paxos, step by step')
  })
})
