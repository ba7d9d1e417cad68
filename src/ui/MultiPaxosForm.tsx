import { MULTIPAXOS_LIMITS, type MultiPaxosBug } from '../explorer/multipaxos/layout.ts'
import { exportMultiPaxos } from '../explorer/tlaExport.ts'
import {
  constantsOf,
  setMultiPaxosForm,
  checkWorkers,
  startMultiPaxosCheck,
  useMultiPaxosCheck,
} from '../store/multiPaxosCheck.ts'
import { rangeProblem } from './explorerParts.tsx'
import { NumberField } from './NumberField.tsx'
import { ExportForTlcButton } from './TlcHandoff.tsx'

const BUGS: readonly { value: MultiPaxosBug | ''; label: string }[] = [
  { value: '', label: 'None: the model as published' },
  { value: 'commit-one-short', label: 'Commit with one accept too few' },
  { value: 'no-accept-reply', label: 'Drop the accept reply' },
]

/** The model's whole-number constants, in the form's order, each with its MULTIPAXOS_LIMITS range. */
const CONSTANTS: readonly { key: 'replicas' | 'writes' | 'reads' | 'maxBallot'; label: string }[] = [
  { key: 'replicas', label: 'Replicas' },
  { key: 'writes', label: 'Writes' },
  { key: 'reads', label: 'Reads' },
  { key: 'maxBallot', label: 'Max ballot (ballots 1..b)' },
]

/** "Multi-Paxos (SMR model)": the model's constants, symmetry, a broken variant, and bounds. */
export function MultiPaxosForm() {
  const f = useMultiPaxosCheck((s) => s.form)
  const running = useMultiPaxosCheck((s) => s.run?.status === 'running')
  const L = MULTIPAXOS_LIMITS
  const problems = [
    ...rangeProblem('Replicas', f.replicas, L.replicas),
    ...rangeProblem('Writes', f.writes, L.writes),
    ...rangeProblem('Reads', f.reads, L.reads),
    ...(f.writes + f.reads > L.commands.max ? [`Writes + reads: at most ${L.commands.max}`] : []),
    ...rangeProblem('Max ballot', f.maxBallot, L.maxBallot),
    ...rangeProblem('Max states', f.maxStates, { min: 1, max: 100_000_000 }),
    ...rangeProblem('Memory budget', f.maxMemory, { min: 16, max: 2048 }, ' MiB'),
  ]
  return (
    <form
      className="explorer-form"
      aria-label="Multi-Paxos (SMR model)"
      onSubmit={(e) => {
        e.preventDefault()
        if (problems.length === 0 && !running) startMultiPaxosCheck()
      }}
    >
      <p className="muted">
        Every behaviour of the SMR-style MultiPaxos.tla (tlaplus/Examples, MultiPaxos-SMR): replicas replicate
        a log of client writes and reads. Checked: TypeOK, linearizability of what the client saw, and no
        deadlock before every request is answered.
      </p>
      {CONSTANTS.map((c) => (
        <NumberField
          key={c.key}
          label={c.label}
          value={f[c.key]}
          min={L[c.key].min}
          max={L[c.key].max}
          onChange={(v) => setMultiPaxosForm({ [c.key]: v })}
        />
      ))}
      <label className="field">
        <span>Broken variant</span>
        <select
          aria-label="Broken variant"
          value={f.bug ?? ''}
          onChange={(e) =>
            setMultiPaxosForm({ bug: e.target.value === '' ? null : (e.target.value as MultiPaxosBug) })
          }
        >
          {BUGS.map((b) => (
            <option key={b.value} value={b.value}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={f.symmetry}
          onChange={(e) => setMultiPaxosForm({ symmetry: e.target.checked })}
        />
        <span>Symmetry reduction (one state per permutation of replicas, writes and reads, as TLC)</span>
      </label>
      <fieldset className="explorer-budgets">
        <legend>Bounds</legend>
        <NumberField
          label="Max states"
          value={f.maxStates}
          min={1}
          max={100_000_000}
          onChange={(v) => setMultiPaxosForm({ maxStates: v })}
        />
        <NumberField
          label="Memory budget (MiB)"
          value={f.maxMemory}
          min={16}
          max={2048}
          onChange={(v) => setMultiPaxosForm({ maxMemory: v })}
        />
      </fieldset>
      {problems.length > 0 && <p className="problems">{problems.join('; ')}</p>}
      <p className="muted">{workersNote()}</p>
      <div className="explorer-actions">
        <button type="submit" className="primary" disabled={running || problems.length > 0}>
          Check
        </button>
        <ExportForTlcButton
          name={`synod-multipaxos-${f.replicas}r-${f.writes}w-${f.reads}r-b${f.maxBallot}-tlc`}
          exported={() => (problems.length > 0 ? null : exportMultiPaxos(constantsOf(f)))}
        />
      </div>
    </form>
  )
}

/** How many workers the check will use, and why (the device's cores). */
function workersNote(): string {
  const cores = navigator.hardwareConcurrency || 1
  const n = checkWorkers(cores)
  return n > 1
    ? `Splits the search across ${n} workers (this device reports ${cores} cores), with the same counts.`
    : `Runs as one search (this device reports ${cores} core${cores === 1 ? '' : 's'}; one is left to the page).`
}
