import { useEffect, useRef } from 'react'
import { protocolById } from '../engine/index.ts'
import { ANY_VIOLATION, pickGoal } from '../explorer/goals.ts'
import {
  findViolation,
  oneClickGoal,
  openExplorer,
  setExplorerMode,
  useExplorer,
  type ExplorerMode,
} from '../store/explorer.ts'
import { useSynod } from '../store/store.ts'
import { SimSearchForm, SpecCheckForm } from './ExplorerForms.tsx'
import { ExplorerResult } from './ExplorerResult.tsx'
import './explorer.css'

const MODES: readonly { mode: ExplorerMode; label: string }[] = [
  { mode: 'sim', label: 'Find a schedule' },
  { mode: 'spec', label: 'Model-check Paxos.tla or Multi-Paxos (spec mode)' },
]

/**
 * The one-click shortcut on a broken-variant preset: the shortest run that reaches its goal, said
 * beside the button: the run's lesson (agreement broken), or the goal the user picked below.
 */
export function FindViolationButton({ running }: { running: boolean }) {
  // Shown for a broken variant's preset, and for any run once a broken variant is switched on.
  useSynod((s) => s.presetId)
  const protocolId = useSynod((s) => s.scenario.protocol ?? 'paxos')
  useSynod((s) => s.scenario)
  // The goal, as picked (or not) in the form below.
  useExplorer((s) => s.sim)
  const target = oneClickGoal()
  const module = protocolById(protocolId)
  if (!target || !module) return null
  const goal = pickGoal(module, target.goal.id)
  const violation =
    goal.id === ANY_VIOLATION || module.properties.some((p) => p.kind === 'always' && p.id === goal.id)
  return (
    <div className="explorer-find-row">
      <button
        type="button"
        className="primary explorer-find"
        disabled={running}
        aria-describedby="explorer-find-goal"
        onClick={() => findViolation()}
      >
        {violation ? 'Find a violation' : 'Find the shortest run'}
      </button>
      <p id="explorer-find-goal" className="muted explorer-find-goal">
        Looks for: <strong>{goal.title}</strong>
        {target.goal.param !== undefined && ` (${String(target.goal.param)})`}
        {target.picked
          ? ', the goal picked below.'
          : ", this run's lesson (pick another goal below to look for it)."}
      </p>
    </div>
  )
}

/**
 * The explorer as a side panel, not a modal: the diagram and the transport stay usable while a
 * search runs in its own worker.
 */
export function ExplorerPanel() {
  const open = useExplorer((s) => s.open)
  const mode = useExplorer((s) => s.mode)
  const running = useExplorer((s) => s.run?.status === 'running')
  const heading = useRef<HTMLHeadingElement>(null)
  // Whether the keyboard focus is in the panel: closing it then gives the focus back to the
  // Explore button, not to the page's body (where a keyboard user would have to start over).
  const focusInside = useRef(false)
  useEffect(() => {
    if (open) heading.current?.focus()
    else if (focusInside.current) {
      focusInside.current = false
      const lost = document.activeElement === null || document.activeElement === document.body
      if (lost) document.getElementById('explore-button')?.focus()
    }
  }, [open])
  if (!open) return null
  return (
    <aside
      className="explorer-panel"
      aria-labelledby="explorer-title"
      onFocus={() => (focusInside.current = true)}
      onBlur={(e) => {
        // A blur without a next element is the panel going away (or the window): keep the flag.
        if (e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget))
          focusInside.current = false
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          openExplorer(false)
        }
      }}
    >
      <header className="explorer-head">
        <h2 id="explorer-title" tabIndex={-1} ref={heading}>
          Explorer
        </h2>
        <button
          type="button"
          className="close"
          aria-label="Close the explorer"
          onClick={() => openExplorer(false)}
        >
          ×
        </button>
      </header>
      <FindViolationButton running={running} />
      <div className="explorer-modes" role="group" aria-label="Explorer mode">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            aria-pressed={mode === m.mode}
            onClick={() => setExplorerMode(m.mode)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <ExplorerResult />
      {mode === 'sim' ? <SimSearchForm running={running} /> : <SpecCheckForm running={running} />}
    </aside>
  )
}
