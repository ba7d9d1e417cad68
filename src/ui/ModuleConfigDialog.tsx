import { useState } from 'react'
import { LIMITS, networkProblems, type AnyProtocol, type SimConfig } from '../engine/index.ts'
import { applyConfig, openDialog } from '../store/actions.ts'
import { useProtocol } from '../store/protocol.ts'
import { useSynod } from '../store/store.ts'
import { Dialog } from './Dialog.tsx'
import { NumberField } from './NumberField.tsx'

/**
 * Settings for a protocol module's run: the network (the kernel's fields), the fields the module
 * declares in its config schema (`config.fields`, by path: `bugs.skipPhase1`), the seed and the
 * step limit. The module checks its own fields (`config.problems`); nothing here knows a protocol.
 */

type Config = Record<string, unknown>
type Field = AnyProtocol['config']['fields'][number]

const getPath = (c: Config, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Config | undefined)?.[k], c)

/** `c` with the value at `path` replaced (copies along the path only). Pure. */
function setPath(c: Config, path: string, value: unknown): Config {
  const [head, ...rest] = path.split('.') as [string, ...string[]]
  if (rest.length === 0) return { ...c, [head]: value }
  return { ...c, [head]: setPath((c[head] as Config | undefined) ?? {}, rest.join('.'), value) }
}

const NETWORK: readonly { key: keyof SimConfig; label: string; min: number; max: number }[] = [
  { key: 'latencyTicksMin', label: 'Latency min (ticks)', min: 1, max: LIMITS.latencyTicksMax },
  { key: 'latencyTicksMax', label: 'Latency max (ticks)', min: 1, max: LIMITS.latencyTicksMax },
  { key: 'lossPercent', label: 'Message loss %', min: 0, max: 100 },
  { key: 'duplicatePercent', label: 'Duplication %', min: 0, max: 100 },
]

function FieldInput({ f, c, put }: { f: Field; c: Config; put: (path: string, v: unknown) => void }) {
  const value = getPath(c, f.path)
  if (f.kind === 'int')
    return (
      <NumberField
        label={f.label}
        value={typeof value === 'number' ? value : NaN}
        min={f.min}
        max={f.max}
        onChange={(v) => put(f.path, v)}
      />
    )
  if (f.kind === 'bool')
    return (
      <label className="check">
        <input type="checkbox" checked={value === true} onChange={(e) => put(f.path, e.target.checked)} />
        <span>{f.label}</span>
      </label>
    )
  return (
    <label className="field">
      <span>{f.label}</span>
      <select value={String(value)} onChange={(e) => put(f.path, e.target.value)}>
        {f.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  )
}

export function ModuleConfigDialog() {
  const module = useProtocol()
  const scenario = useSynod((s) => s.scenario)
  const [c, setC] = useState<Config>(scenario.config as unknown as Config)
  const [seed, setSeed] = useState(scenario.seed)
  const put = (path: string, v: unknown): void => setC(setPath(c, path, v))
  const seedOk = Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff
  const invalid = module.config.fields.some(
    (f) => f.kind === 'int' && !Number.isInteger(getPath(c, f.path) as number),
  )
  const problems = [
    ...(invalid ? ['every number must be a whole number'] : module.config.problems(c as never)),
    ...networkProblems(c as unknown as SimConfig),
    ...(seedOk ? [] : ['seed must be a whole number from 0 to 4294967295']),
  ]
  const [settings, bugs] = [
    module.config.fields.filter((f) => !f.path.startsWith('bugs.')),
    module.config.fields.filter((f) => f.path.startsWith('bugs.')),
  ]
  return (
    <Dialog title={`Settings · ${module.title}`} wide>
      <form
        className="config"
        onSubmit={(e) => {
          e.preventDefault()
          if (problems.length === 0) applyConfig(c as unknown as SimConfig, seed)
        }}
      >
        <div className="config-grid">
          <fieldset className="config-group">
            <legend>Network</legend>
            {NETWORK.map((n) => (
              <NumberField
                key={n.key}
                label={n.label}
                value={getPath(c, n.key) as number}
                min={n.min}
                max={n.max}
                onChange={(v) => put(n.key, v)}
              />
            ))}
          </fieldset>
          <fieldset className="config-group">
            <legend>{module.title}</legend>
            {settings.map((f) => (
              <FieldInput key={f.path} f={f} c={c} put={put} />
            ))}
          </fieldset>
          <fieldset className="config-group">
            <legend>Run</legend>
            <NumberField
              label="Seed"
              value={seed}
              min={0}
              max={0xffff_ffff}
              onChange={setSeed}
              hint="Same seed and actions → same run."
            />
            <NumberField
              label="Max steps"
              value={getPath(c, 'maxSteps') as number}
              min={1}
              max={LIMITS.maxStepsCap}
              onChange={(v) => put('maxSteps', v)}
            />
          </fieldset>
          {bugs.length > 0 && (
            <fieldset className="config-group wide">
              <legend>Broken variants (to see why each rule matters)</legend>
              {bugs.map((f) => (
                <FieldInput key={f.path} f={f} c={c} put={put} />
              ))}
            </fieldset>
          )}
        </div>
        {problems.length > 0 && (
          <ul className="problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <p className="muted">Applying restarts the run with your actions so far, under the new settings.</p>
        <div className="row dialog-actions">
          <button type="submit" className="primary" disabled={problems.length > 0}>
            Apply and restart
          </button>
          <button type="button" onClick={() => openDialog(null)}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
