import { useLayoutEffect, useRef } from 'react'
import { moduleFor } from '../engine/index.ts'
import { allPresets, galleryPresets } from '../scenarios/presets.ts'
import { isolatedText } from '../scenarios/userText.ts'
import { openDialog, setTheme } from '../store/actions.ts'
import { togglePresenter } from '../store/presenter.ts'
import { openExample } from '../store/urlSync.ts'
import { partitionThrough } from '../store/runIndex.ts'
import type { Theme } from '../store/state.ts'
import { toggleExplorer, useExplorer } from '../store/explorer.ts'
import { useSynod } from '../store/store.ts'
import { BrokenVariantButton } from './BrokenVariantButton.tsx'
import { pickerEntry } from './pickerEntry.ts'
import { ChosenChip, SafetyBadge } from './SafetyBadge.tsx'
import { closeMenu, DropMenu, ScenarioMenu } from './ScenarioMenu.tsx'
import { ShareButton } from './ShareButton.tsx'

const NEXT_THEME: Record<Theme, Theme> = {
  system: 'light',
  light: 'dark',
  dark: 'contrast',
  contrast: 'system',
}
const THEME_LABEL: Record<Theme, string> = {
  system: 'Auto',
  light: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
}

/** The top bar's button that opens and closes the explorer panel (also the E key). */
function ExploreButton() {
  const open = useExplorer((s) => s.open)
  return (
    <button
      type="button"
      id="explore-button"
      aria-pressed={open}
      onClick={toggleExplorer}
      title="Explorer (E)"
    >
      Explore
    </button>
  )
}

/** The other protocols' examples, by protocol title (Multi-Paxos), after Paxos's. Pure. */
function otherProtocols(): [string, ReturnType<typeof galleryPresets>[number][]][] {
  const out = new Map<string, ReturnType<typeof galleryPresets>[number][]>()
  for (const p of galleryPresets()) {
    const id = p.scenario.protocol ?? 'paxos'
    if (id !== 'paxos') out.set(id, [...(out.get(id) ?? []), p])
  }
  return [...out].map(([id, list]) => [moduleFor(id).title, list])
}

function PresetPicker() {
  const presetId = useSynod((s) => s.presetId)
  const scenario = useSynod((s) => s.scenario)
  const { value, label, ownTitle } = pickerEntry(presetId, scenario)
  const description = useSynod((s) => s.scenario.description)
  const fit = useWidthOfTitle(label)
  return (
    <label className="preset-picker" ref={fit}>
      <span className="visually-hidden">Example</span>
      {/* A phone shows the title as text that wraps, under the transparent select (narrow.css). */}
      <span className="preset-picker-title" aria-hidden="true">
        {label}
      </span>
      <select
        value={value}
        aria-label="Choose an example run"
        title={ownTitle && description ? `${label}: ${isolatedText(description)}` : label}
        onChange={(e) => {
          if (e.target.value) openExample(e.target.value)
        }}
      >
        {value === '' && (
          <option value="" className={ownTitle ? 'scenario-title' : undefined}>
            {label}
          </option>
        )}
        {allPresets().map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
        {otherProtocols().map(([title, list]) => (
          <optgroup key={title} label={title}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  )
}

/** Room for the select's arrow and padding beside the title's text. */
const SELECT_CHROME_PX = 46

/**
 * Sizes the picker to the title it shows, measured in the select's own font, so the example's
 * name is never cut to "Racing: P3": when the bar has no room for it, the bar compacts or wraps
 * instead (see `useFitOneRow`). On a phone the stylesheet lets it shrink to the screen.
 */
function useWidthOfTitle(title: string) {
  const ref = useRef<HTMLLabelElement>(null)
  useLayoutEffect(() => {
    const label = ref.current
    const select = label?.querySelector('select')
    const ctx = select ? document.createElement('canvas').getContext('2d') : null
    if (!label || !select || !ctx) return
    ctx.font = getComputedStyle(select).font
    label.style.setProperty('--title-px', `${Math.ceil(ctx.measureText(title).width) + SELECT_CHROME_PX}px`)
  }, [title])
  return ref
}

/**
 * Keeps the bar on one row: when it would wrap, the status chips switch to their short form
 * (`topbar-compact`); only if even that does not fit does the row wrap. Rechecked whenever the
 * window is resized or the bar's text changes (the chips change as the cursor moves).
 *
 * The check reads geometry, so it runs in an animation frame (never inside a key press's own
 * task), and reads the bar as it is: only a compact bar is tried in its full form, since only
 * then is the answer unknown. A step that changes a chip thus costs no extra layout.
 */
function useFitOneRow() {
  const bar = useRef<HTMLElement>(null)
  useLayoutEffect(() => {
    const el = bar.current
    if (!el) return
    const wraps = (): boolean => {
      const tops = [...el.children].map((c) => c.getBoundingClientRect().top)
      return tops.some((t) => t > Math.min(...tops) + 8)
    }
    const fit = (): void => {
      if (!el.classList.contains('topbar-compact')) {
        if (wraps()) el.classList.add('topbar-compact')
        return
      }
      el.classList.remove('topbar-compact')
      if (wraps()) el.classList.add('topbar-compact')
    }
    fit()
    let frame = 0
    const schedule = (): void => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0
          fit()
        })
    }
    // The window, not the bar: the bar's own height changes with `topbar-compact`.
    const resize = new ResizeObserver(schedule)
    resize.observe(document.documentElement)
    const text = new MutationObserver(schedule)
    text.observe(el, { subtree: true, childList: true, characterData: true })
    return () => {
      cancelAnimationFrame(frame)
      resize.disconnect()
      text.disconnect()
    }
  }, [])
  return bar
}

/** Title, example picker, status, and the buttons that open dialogs. */
export function TopBar() {
  const bar = useFitOneRow()
  const theme = useSynod((s) => s.theme)
  // A boolean selector: the bar re-renders when the partition comes or goes, not on every step.
  const partitioned = useSynod((s) => partitionThrough(s.log, s.cursor) !== null)
  return (
    <header className="topbar" ref={bar}>
      <h1 className="brand">
        Synod <span className="brand-sub">Paxos, step by step</span>
      </h1>
      <PresetPicker />
      <div className="topbar-status">
        <BrokenVariantButton />
        <ChosenChip />
        <SafetyBadge />
      </div>
      <nav className="topbar-actions" aria-label="Run settings">
        <ShareButton />
        <ScenarioMenu />
        <ExploreButton />
        {partitioned && (
          // A partition changes how the diagram reads, so while there is one it shows in the bar.
          <button
            type="button"
            onClick={() => openDialog('partition')}
            className="warn"
            aria-label="Network partitioned: change or heal"
            title="Network partitioned: change or heal"
          >
            ✂ Partitioned
          </button>
        )}
        <DropMenu label="More" title="Partition the network, settings, theme" className="more-menu">
          {/* Shown only where narrow.css hides the bar's Present button (a phone, upright or sideways):
              the presenter layout was made for that screen, and a finger had no way into it. */}
          <button
            type="button"
            className="more-present"
            onClick={(e) => {
              closeMenu(e.currentTarget)
              togglePresenter()
            }}
            title="Presenter mode: large type, narration beats as captions (P)"
          >
            Present
          </button>
          <button
            type="button"
            onClick={(e) => {
              closeMenu(e.currentTarget)
              openDialog('partition')
            }}
          >
            {partitioned ? 'Change or heal the partition…' : 'Partition the network…'}
          </button>
          <button
            type="button"
            onClick={(e) => {
              closeMenu(e.currentTarget)
              openDialog('config')
            }}
            title="Settings (S)"
          >
            Settings…
          </button>
          <button
            type="button"
            onClick={() => setTheme(NEXT_THEME[theme])}
            aria-label={`Theme: ${THEME_LABEL[theme]}. Switch to ${THEME_LABEL[NEXT_THEME[theme]]}.`}
          >
            <span aria-hidden="true">◐</span> Theme: {THEME_LABEL[theme]}
          </button>
        </DropMenu>
        <button
          type="button"
          className="help-btn"
          onClick={() => openDialog('help')}
          aria-label="Help: how to read the diagram"
          title="Help: how to read the diagram"
        >
          ?
        </button>
      </nav>
    </header>
  )
}
