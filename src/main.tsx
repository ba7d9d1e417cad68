import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { browserAfterPaint, followPanelsAfterPaint, markPanelsBehind } from './store/panelsFollow.ts'
import { connectEngine } from './store/store.ts'
import { presentFromAddress } from './store/presenter.ts'
import { bootScenario, startUrlSync } from './store/urlSync.ts'
import { createWorkerClient } from './worker/client.ts'
import './styles.css'
import './ui/layout.css'
import './ui/panels.css'
import './ui/bottombar.css'
import './ui/dialogs.css'
import './ui/touch.css'
import './ui/short.css'

const root = document.getElementById('root')
if (!root) throw new Error('Synod: #root element missing from index.html')

// The engine lives in a Web Worker; the main thread only renders what it sends back.
connectEngine(createWorkerClient())
// A step paints the diagram first and the side panels in the next frame (see panelsFollow.ts).
followPanelsAfterPaint(browserAfterPaint)
markPanelsBehind(document.documentElement)
// A `#s=` link, else `?preset=`, else the work kept from last time; then keep the address in step.
bootScenario()
startUrlSync()
presentFromAddress()

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
