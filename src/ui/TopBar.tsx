import { allPresets, presetById } from '../scenarios/presets.ts'
import { loadPreset, openDialog, setTheme } from '../store/actions.ts'
import type { Theme } from '../store/state.ts'
import { useSynod } from '../store/store.ts'
import { ExploreButton } from './ExplorerPanel.tsx'
import { ChosenChip, SafetyBadge } from './SafetyBadge.tsx'
import { ScenarioMenu } from './ScenarioMenu.tsx'
import { ShareButton } from './ShareButton.tsx'
import { useProjection } from './useView.ts'

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

function PresetPicker() {
  const presetId = useSynod((s) => s.presetId)
  const scenario = useSynod((s) => s.scenario)
  const preset = presetId === null ? undefined : presetById(presetId)
  // Once changed, the example is no longer the current value, so picking it again reloads it.
  const changed = preset !== undefined && preset.scenario !== scenario
  const value = preset && !changed ? preset.id : ''
  return (
    <label className="preset-picker">
      <span className="visually-hidden">Example</span>
      <select
        value={value}
        aria-label="Choose an example run"
        onChange={(e) => {
          if (e.target.value) loadPreset(e.target.value)
        }}
      >
        {value === '' && <option value="">{changed ? `${preset.title} (changed)` : 'Your own run'}</option>}
        {allPresets().map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Title, example picker, status, and the buttons that open dialogs. */
export function TopBar() {
  const theme = useSynod((s) => s.theme)
  const partitioned = useProjection().partition !== null
  return (
    <header className="topbar">
      <h1 className="brand">
        Synod <span className="brand-sub">Paxos, step by step</span>
      </h1>
      <PresetPicker />
      <div className="topbar-status">
        <ChosenChip />
        <SafetyBadge />
      </div>
      <nav className="topbar-actions" aria-label="Run settings">
        <ShareButton />
        <ScenarioMenu />
        <ExploreButton />
        <button
          type="button"
          onClick={() => openDialog('partition')}
          className={partitioned ? 'warn' : undefined}
          aria-label={partitioned ? 'Network partitioned: change or heal' : 'Partition the network'}
        >
          {partitioned ? '✂ Partitioned' : 'Partition'}
        </button>
        <button type="button" onClick={() => openDialog('config')}>
          Settings
        </button>
        <button
          type="button"
          onClick={() => setTheme(NEXT_THEME[theme])}
          aria-label={`Theme: ${THEME_LABEL[theme]}. Switch to ${THEME_LABEL[NEXT_THEME[theme]]}.`}
          title={`Theme: ${THEME_LABEL[theme]}`}
        >
          ◐
        </button>
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
