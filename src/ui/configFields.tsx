import type { AnyProtocol, QuorumForm } from '../engine/index.ts'
import { NumberField } from './NumberField.tsx'

/**
 * The settings dialog's inputs: a module's declared field (`config.fields`, by path such as
 * `bugs.skipPhase1`) and the quorum system (`config.form.quorums`). Nothing here knows a protocol.
 */

export type Config = Record<string, unknown>
export type Field = AnyProtocol['config']['fields'][number]

export const getPath = (c: Config, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Config | undefined)?.[k], c)

/** `c` with the value at `path` replaced (copies along the path only). Pure. */
export function setPath(c: Config, path: string, value: unknown): Config {
  const [head, ...rest] = path.split('.') as [string, ...string[]]
  if (rest.length === 0) return { ...c, [head]: value }
  return { ...c, [head]: setPath((c[head] as Config | undefined) ?? {}, rest.join('.'), value) }
}

/** One declared field: a whole number, a checkbox (a broken variant with its reason), or a choice. */
export function FieldInput({ f, c, put }: { f: Field; c: Config; put: (path: string, v: unknown) => void }) {
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
        {f.explained ? (
          <span>
            <b>{f.explained.name}.</b> {f.explained.why}
          </span>
        ) : (
          <span>{f.label}</span>
        )}
      </label>
    )
  return (
    <label className="field">
      <span>{f.label}</span>
      <select value={String(value)} onChange={(e) => put(f.path, e.target.value)}>
        {f.options.map((o, i) => (
          <option key={o} value={o}>
            {f.optionWords?.[i] ?? o}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * The quorum system (Flexible Paxos): majorities, or separate phase-1 and phase-2 sizes (the
 * config's `q1` and `q2`), with the module's safety sentence updated as the user types.
 */
export function QuorumFields({ q, c, put }: { q: QuorumForm; c: Config; put: (next: Config) => void }) {
  const custom = c.q1 !== undefined || c.q2 !== undefined
  const { q1, q2, acceptors } = q.sizes(c)
  const setMode = (toCustom: boolean): void => {
    if (toCustom) put({ ...c, q1, q2 })
    else {
      const { q1: _q1, q2: _q2, ...rest } = c
      put(rest)
    }
  }
  return (
    <>
      <label className="field">
        <span>Quorum sizes</span>
        <select value={custom ? 'custom' : 'majority'} onChange={(e) => setMode(e.target.value === 'custom')}>
          <option value="majority">majority in both phases</option>
          <option value="custom">per phase (Flexible Paxos)</option>
        </select>
      </label>
      {custom && (
        <>
          <NumberField
            label="Phase 1: promises needed (q1)"
            value={(c.q1 as number | undefined) ?? q1}
            min={1}
            max={acceptors}
            onChange={(v) => put({ ...c, q1: v })}
          />
          <NumberField
            label="Phase 2: accepts needed (q2)"
            value={(c.q2 as number | undefined) ?? q2}
            min={1}
            max={acceptors}
            onChange={(v) => put({ ...c, q2: v })}
          />
        </>
      )}
      <p className="muted quorum-status" role="status">
        {q.sentence(c)}
      </p>
    </>
  )
}
