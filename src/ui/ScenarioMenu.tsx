import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react'
import { textTraceOf } from '../engine/index.ts'
import {
  fileSizeProblem,
  parseScenarioBytes,
  scenarioFileName,
  scenarioFileText,
} from '../scenarios/importExport.ts'
import { loadScenario, openDialog, setNotice } from '../store/actions.ts'
import { takeFocusBackFromPresenter, togglePresenter } from '../store/presenter.ts'
import { protocolOf } from '../store/protocol.ts'
import { synodStore } from '../store/store.ts'
import { currentScenario, shareLink } from '../store/shareLink.ts'
import { engineNotice } from '../store/openRun.ts'
import { startFresh } from '../store/urlSync.ts'
import { chunkFailedMessage } from './lazyPart.tsx'

/** Offer `text` as a file download. */
export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }))
}

/** Offer a blob as a file download; a blob URL keeps everything inside the page. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function exportJson(): void {
  const s = currentScenario(synodStore.getState())
  downloadText(scenarioFileName(s), scenarioFileText(s), 'application/json')
}

/** The file name stem for exports of the current run. */
function stem(): string {
  return scenarioFileName(synodStore.getState().scenario).replace(/\.synod\.json$/, '')
}

const titleOf = (): string => synodStore.getState().scenario.title ?? 'Synod run'

/**
 * The exports' code, a chunk of its own: fetched in idle time after the first render (lazyParts),
 * else on the first export. Null, with a notice that says why, when it cannot be fetched.
 */
let exportsChunk: Promise<typeof import('./exports.ts')> | null = null
export function loadExports(): Promise<typeof import('./exports.ts')> {
  exportsChunk ??= import('./exports.ts').catch((error: unknown) => {
    exportsChunk = null
    throw error
  })
  return exportsChunk
}
async function exporters(): Promise<typeof import('./exports.ts') | null> {
  try {
    return await loadExports()
  } catch {
    setNotice(chunkFailedMessage('exports'))
    return null
  }
}

async function exportSvg(): Promise<void> {
  const x = await exporters()
  if (!x) return
  const svg = x.diagramSvg(titleOf())
  if (svg === null) setNotice('There is no diagram on screen to export.')
  else downloadText(`${stem()}.svg`, svg, 'image/svg+xml')
}

async function exportPng(): Promise<void> {
  const x = await exporters()
  if (!x) return
  const svg = x.diagramSvg(titleOf())
  const png = svg === null ? null : await x.svgToPng(svg, 2)
  if (png === null) setNotice('The diagram could not be drawn as a PNG in this browser; try the SVG.')
  else downloadBlob(`${stem()}.png`, png)
}

/** The text trace (one line per event), headed by the title and the link that replays it. */
async function exportTrace(): Promise<void> {
  const x = await exporters()
  if (!x) return
  const s = synodStore.getState()
  // The title is user text: a line break in it must not end the header early.
  const head = x.traceHeader(titleOf(), shareLink(s), s.cursor)
  // The run's own protocol words and process names (Multi-Paxos clients are C1…), as the CLI's.
  const trace = textTraceOf(protocolOf(s.scenario), s.scenario.config, s.log)
  downloadText(`${stem()}.trace.txt`, `${head}\n${trace}\n`, 'text/plain')
}

async function importFile(file: File): Promise<void> {
  // A bad file changes nothing: the current work stays as it was.
  const refuse = (error: string): void =>
    setNotice(`Could not import “${file.name}”: ${error}. Your current work is unchanged.`)
  // The size first: reading a huge file would freeze the tab before any check could run.
  const tooLarge = fileSizeProblem(file.size)
  if (tooLarge !== null) return refuse(tooLarge)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.arrayBuffer())
  } catch {
    return refuse('the file could not be read')
  }
  // The same decoding as the synod CLI: encodings, JSON and format are judged alike.
  const r = parseScenarioBytes(bytes)
  if (!r.ok) return refuse(r.error)
  loadScenario(r.scenario, null)
  setNotice(engineNotice(r.scenario))
}

/** The focusable items of an open drop-down menu, in order. */
function menuItems(menu: HTMLDetailsElement): HTMLElement[] {
  // Drawn items only: an item a screen size hides (More's Present) takes no arrow-key stop.
  return [...menu.querySelectorAll<HTMLElement>('.drop-menu-pop button:not(:disabled)')].filter(
    (item) => item.getClientRects().length > 0,
  )
}

/** Close `menu` and put focus back on its toggle (so a dialog opened from it returns there too). */
export function closeMenu(menu: Element | null): void {
  const details = menu?.closest('details')
  if (!details) return
  details.open = false
  details.querySelector('summary')?.focus()
}

/**
 * A drop-down on a native <details> disclosure: the summary is the toggle (exposed with its
 * expanded state), the items are ordinary buttons. Enter, Space or ArrowDown on the toggle opens
 * it on the first item; ArrowUp/ArrowDown/Home/End move between items; Escape closes it and puts
 * focus back on the toggle; a click elsewhere closes it. The shared pattern for File and More.
 */
export function DropMenu({
  label,
  title,
  className,
  children,
}: {
  label: ReactNode
  title: string
  className: string
  children: ReactNode
}) {
  const ref = useRef<HTMLDetailsElement>(null)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    if (!open) return
    const outside = (e: PointerEvent): void => {
      const menu = ref.current
      if (menu && !menu.contains(e.target as Node)) menu.open = false
    }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [open])

  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>): void => {
    const menu = ref.current
    if (!menu) return
    const onToggle = e.target instanceof HTMLElement && e.target.tagName === 'SUMMARY'
    const items = menuItems(menu)
    const at = items.indexOf(document.activeElement as HTMLElement)
    let next: HTMLElement | undefined
    if (onToggle && (e.key === 'Enter' || e.key === ' ' || (e.key === 'ArrowDown' && !menu.open))) {
      // Handled here, so the global shortcuts (Space plays) never see it.
      const opening = !menu.open
      menu.open = opening
      if (opening && e.key === 'ArrowDown') requestAnimationFrame(() => menuItems(menu)[0]?.focus())
    } else if (e.key === 'Escape' && menu.open) closeMenu(menu)
    else if (!menu.open) return
    else if (e.key === 'ArrowDown') next = items[at < 0 ? 0 : (at + 1) % items.length]
    else if (e.key === 'ArrowUp') next = items[at <= 0 ? items.length - 1 : at - 1]
    else if (e.key === 'Home') next = items[0]
    else if (e.key === 'End') next = items[items.length - 1]
    else return
    e.preventDefault()
    next?.focus()
  }

  return (
    <details
      ref={ref}
      className={`drop-menu ${className}`}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={onKeyDown}
    >
      <summary title={title} aria-expanded={open}>
        {label}
      </summary>
      <div className="drop-menu-pop">{children}</div>
    </details>
  )
}

/** Run a menu item's action, then close its menu (focus back on the menu's toggle). */
function closedAnd(e: MouseEvent<HTMLButtonElement>, act: () => void): void {
  const item = e.currentTarget
  act()
  closeMenu(item)
}

/** Examples gallery, scenario files (.json in and out) and "Start fresh" with a confirmation. */
export function ScenarioMenu() {
  const input = useRef<HTMLInputElement>(null)
  const present = useRef<HTMLButtonElement>(null)
  const [confirming, setConfirming] = useState(false)
  useEffect(() => {
    if (!takeFocusBackFromPresenter()) return
    // Where the bar hides Present (a phone), it was entered from the More menu: back to its toggle.
    const button = present.current
    if (button && button.getClientRects().length > 0) button.focus()
    else document.querySelector<HTMLElement>('.more-menu > summary')?.focus()
  }, [])
  return (
    <span className="scenario-menu">
      <button type="button" onClick={() => openDialog('presets')}>
        Examples
      </button>
      <button
        type="button"
        ref={present}
        className="presenter-toggle"
        onClick={togglePresenter}
        title="Presenter mode: large type, narration beats as captions; the clicker walks the beats (P). A link with ?present opens in it."
      >
        Present
      </button>
      <DropMenu label="File" title="Scenario files and starting over" className="file-menu">
        {/* Each item closes the menu: it would cover the notice or banner its action brings. */}
        <button
          type="button"
          onClick={(e) => closedAnd(e, exportJson)}
          title="Save this scenario as a .json file"
        >
          Save scenario file…
        </button>
        <button
          type="button"
          onClick={(e) => closedAnd(e, () => input.current?.click())}
          title="Open a scenario .json file"
        >
          Open scenario file…
        </button>
        <button type="button" onClick={(e) => closedAnd(e, () => void exportSvg())}>
          Export diagram (SVG)
        </button>
        <button type="button" onClick={(e) => closedAnd(e, () => void exportPng())}>
          Export diagram (PNG, 2×)
        </button>
        <button type="button" onClick={(e) => closedAnd(e, () => void exportTrace())}>
          Export text trace
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Scenario file to open"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0]
            e.currentTarget.value = ''
            if (file) void importFile(file)
          }}
        />
        {confirming ? (
          <span role="group" aria-label="Start fresh?" className="confirm">
            <span>Discard this run?</span>
            <button
              type="button"
              className="warn"
              onClick={() => {
                setConfirming(false)
                startFresh()
              }}
            >
              Discard and start fresh
            </button>
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} title="Discard this run and start over">
            Start fresh
          </button>
        )}
      </DropMenu>
    </span>
  )
}
