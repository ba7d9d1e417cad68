/**
 * Dev-only preview of the time-space diagram (timeline-preview.html; not in the production build).
 * `?preset=<id>&cursor=<step>&theme=light|dark|contrast&legend=1&h=<diagram px>&n=<processes>&maxSteps=<n>&dup=<percent>`;
 * `&live=1` streams the log in batches, as the engine worker does, with the cursor at the end.
 */
import { StrictMode, useEffect, useMemo, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { runToEnd } from '../engine/index.ts'
import { allPresets, presetById } from '../scenarios/presets.ts'
import { toRunInput } from '../scenarios/scenario.ts'
import '../styles.css'
import { Diagram } from './Diagram.tsx'
import { Legend } from './Legend.tsx'
import { logProtocol } from './logProtocol.ts'

const params = new URLSearchParams(window.location.search)
const theme = params.get('theme')
if (theme) document.documentElement.dataset.theme = theme
if (theme === 'dark') document.documentElement.dataset.scheme = 'dark'

function Preview() {
  const preset = presetById(params.get('preset') ?? 'basic') ?? allPresets()[0]
  const n = Number(params.get('n') ?? 0)
  const fullLog = useMemo(() => {
    if (!preset) return []
    const input = toRunInput(preset.scenario)
    const maxSteps = Number(params.get('maxSteps') ?? input.config.maxSteps)
    const processCount = n || input.config.processCount
    const duplicatePercent = Number(params.get('dup') ?? input.config.duplicatePercent)
    const config = { ...input.config, processCount, maxSteps, duplicatePercent }
    return runToEnd({ ...input, config }).log
  }, [preset, n])
  const live = params.get('live') === '1'
  const [streamed, setStreamed] = useState(live ? 0 : fullLog.length)
  useEffect(() => {
    if (!live) return
    const timer = window.setInterval(() => setStreamed((k) => Math.min(fullLog.length, k + 12)), 120)
    return () => window.clearInterval(timer)
  }, [live, fullLog])
  // A copy per batch, sharing the event objects: what a store appending worker batches produces.
  const log = useMemo(() => fullLog.slice(0, streamed), [fullLog, streamed])
  const lastStep = log[log.length - 1]?.step ?? 0
  const [chosenCursor, setCursor] = useState(() => Number(params.get('cursor') ?? Infinity))
  const cursor = live ? lastStep : Math.min(lastStep, chosenCursor)
  const [selected, setSelected] = useState<number | null>(null)
  const [process, setProcess] = useState<number | null>(null)
  const processCount = n || (preset?.scenario.config.processCount ?? 5)
  const height = params.get('h')
  const step = (d: number) => setCursor(Math.max(0, Math.min(lastStep, cursor + d)))
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <header style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '6px 10px' }}>
        <strong>{preset?.title}</strong>
        <button type="button" onClick={() => step(-1)}>
          ◀ prev
        </button>
        <button type="button" onClick={() => step(1)}>
          next ▶
        </button>
        <input
          type="range"
          min={0}
          max={lastStep}
          value={cursor}
          onChange={(e) => setCursor(Number(e.target.value))}
          aria-label="Cursor step"
        />
        <span>
          step {cursor} / {lastStep} · selected {selected ?? '–'} · process {process ?? '–'}
        </span>
      </header>
      <div style={height ? { height: Number(height) } : { flex: 1, minHeight: 0 }}>
        <Diagram
          log={log}
          cursorStep={cursor}
          processCount={processCount}
          selectedMsgId={selected}
          onSelectMessage={setSelected}
          onSelectProcess={setProcess}
        />
      </div>
      {params.get('legend') === '1' && (
        <div style={{ padding: 8 }}>
          <Legend module={logProtocol(log)} />
        </div>
      )}
    </div>
  )
}

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Preview />
    </StrictMode>,
  )
}
