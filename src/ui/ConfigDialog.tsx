import { useState } from 'react'
import {
  LIMITS,
  networkProblems,
  type AnyProtocol,
  type ConfigForm,
  type SimConfig,
} from '../engine/index.ts'
import { applyConfig, openDialog } from '../store/actions.ts'
import { useProtocol } from '../store/protocol.ts'
import { useSynod } from '../store/store.ts'
import { FieldInput, getPath, QuorumFields, setPath, type Config } from './configFields.tsx'
import { Dialog } from './Dialog.tsx'
import { NumberField } from './NumberField.tsx'

/**
 * Settings of the loaded protocol, laid out as its module says (`config.form`): the network (the
 * kernel's fields), the module's own fields, its quorum system, the seed and the step limit. The
 * module checks its own fields; nothing here knows a protocol. Applying reruns.
 */

/** The kernel's fields: the network and the step limit. */
const KERNEL_FIELDS: Readonly<Record<string, { label: string; min: number; max: number }>> = {
  latencyTicksMin: { label: 'Latency min (ticks)', min: 1, max: LIMITS.latencyTicksMax },
  latencyTicksMax: { label: 'Latency max (ticks)', min: 1, max: LIMITS.latencyTicksMax },
  lossPercent: { label: 'Message loss %', min: 0, max: 100 },
  duplicatePercent: { label: 'Duplication %', min: 0, max: 100 },
  maxSteps: { label: 'Max steps', min: 1, max: LIMITS.maxStepsCap },
}

const isBug = (path: string): boolean => path.startsWith('bugs.')

/** The layout of a module that gives none: network, its own fields, the run, its broken variants. Pure. */
function defaultForm(module: AnyProtocol): ConfigForm {
  const paths = module.config.fields.map((f) => f.path)
  const bugs = paths.filter(isBug)
  return {
    title: `Settings · ${module.title}`,
    groups: [
      { legend: 'Network', items: ['latencyTicksMin', 'latencyTicksMax', 'lossPercent', 'duplicatePercent'] },
      { legend: module.title, items: paths.filter((p) => !isBug(p)) },
      { legend: 'Run', items: ['seed', 'maxSteps'] },
      ...(bugs.length > 0
        ? [{ legend: 'Broken variants (to see why each rule matters)', wide: true, items: bugs }]
        : []),
    ],
  }
}

/** What is wrong while the user types, when the form does not say: one line for a non-number. Pure. */
function defaultProblems(module: AnyProtocol, c: Config): string[] {
  const invalid = module.config.fields.some(
    (f) => f.kind === 'int' && !Number.isInteger(getPath(c, f.path) as number),
  )
  return [
    ...(invalid ? ['every number must be a whole number'] : module.config.problems(c as never)),
    ...networkProblems(c as unknown as SimConfig),
  ]
}

export function ConfigDialog() {
  const module = useProtocol()
  const form = module.config.form ?? defaultForm(module)
  const scenario = useSynod((s) => s.scenario)
  const [c, setC] = useState<Config>(scenario.config as unknown as Config)
  const [seed, setSeed] = useState(scenario.seed)
  const put = (path: string, v: unknown): void => setC(setPath(c, path, v))
  const seedOk = Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff
  const problems = [
    ...(form.problems ? form.problems(c) : defaultProblems(module, c)),
    ...(seedOk ? [] : ['seed must be a whole number from 0 to 4294967295']),
  ]
  /** One item of a group: the seed, the quorums, a kernel field or one of the module's fields. */
  const item = (path: string) => {
    if (path === 'seed')
      return (
        <NumberField
          key={path}
          label="Seed"
          value={seed}
          min={0}
          max={0xffff_ffff}
          onChange={setSeed}
          hint="Same seed and actions → same run."
        />
      )
    if (path === 'quorums')
      return form.quorums && <QuorumFields key={path} q={form.quorums} c={c} put={setC} />
    const kernel = KERNEL_FIELDS[path]
    if (kernel)
      return (
        <NumberField
          key={path}
          {...kernel}
          value={getPath(c, path) as number}
          onChange={(v) => put(path, v)}
        />
      )
    const f = module.config.fields.find((field) => field.path === path)
    const hidden = f?.shownWhen && String(getPath(c, f.shownWhen.path)) !== f.shownWhen.value
    return f && !hidden && <FieldInput key={path} f={f} c={c} put={put} />
  }
  return (
    <Dialog title={form.title} wide>
      <form
        className="config"
        onSubmit={(e) => {
          e.preventDefault()
          if (problems.length === 0) applyConfig(c as unknown as SimConfig, seed)
        }}
      >
        <div className="config-grid">
          {form.groups.map((g) => (
            <fieldset key={g.legend} className={`config-group${g.wide ? ' wide' : ''}`}>
              <legend>{g.legend}</legend>
              {g.items.map(item)}
            </fieldset>
          ))}
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
