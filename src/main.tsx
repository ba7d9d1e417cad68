import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { presetById } from './scenarios/presets.ts'
import { loadPreset, setNotice } from './store/actions.ts'
import { connectEngine } from './store/store.ts'
import { createWorkerClient } from './worker/client.ts'
import './styles.css'
import './ui/layout.css'
import './ui/panels.css'
import './ui/bottombar.css'
import './ui/dialogs.css'

const root = document.getElementById('root')
if (!root) throw new Error('Synod: #root element missing from index.html')

// The engine lives in a Web Worker; the main thread only renders what it sends back.
connectEngine(createWorkerClient())
const requested = new URLSearchParams(window.location.search).get('preset')
const known = requested !== null && presetById(requested) !== undefined
loadPreset(known ? requested : 'basic')
if (requested !== null && !known)
  setNotice(`There is no example called “${requested}”; showing the basic run.`)

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
