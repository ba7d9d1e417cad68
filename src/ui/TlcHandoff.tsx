import { strToU8, zipSync } from 'fflate'
import { useState } from 'react'
import { importMultiPaxosTrace, type ImportedMultiPaxosTrace } from '../explorer/multipaxos/tlcImport.ts'
import type { TlaExport } from '../explorer/tlaExport.ts'
import { importPaxosTrace, type ImportedPaxosTrace } from '../explorer/tlcPaxos.ts'
import { MAX_TRACE_BYTES, parseTlcTrace } from '../explorer/tlcTrace.ts'
import { MultiPaxosSteps } from './explorerParts.tsx'
import { downloadBlob } from './ScenarioMenu.tsx'
import { ShowOnDiagram } from './ShowOnDiagram.tsx'

/**
 * The way out to TLC and back: "Export for TLC" downloads MC.tla, MC.cfg and README.md (one zip)
 * for the model in the form; "Load a TLC trace" reads TLC's -dumpTrace json output, replays it
 * through Synod's spec, and lists the run like the checker's own counterexamples.
 */

/** A button that downloads the export as `<name>.zip`. */
export function ExportForTlcButton({ name, exported }: { name: string; exported: () => TlaExport | null }) {
  return (
    <button
      type="button"
      onClick={() => {
        const e = exported()
        if (!e) return
        const files = Object.fromEntries(Object.entries(e.files).map(([f, text]) => [f, strToU8(text)]))
        downloadBlob(`${name}.zip`, new Blob([zipSync(files)], { type: 'application/zip' }))
      }}
    >
      Export for TLC
    </button>
  )
}

type Loaded = ImportedPaxosTrace | ImportedMultiPaxosTrace | { readonly error: string }

function load(text: string): Loaded {
  const trace = parseTlcTrace(text)
  if (typeof trace === 'string') return { error: trace }
  const r = trace.model === 'paxos' ? importPaxosTrace(trace.states) : importMultiPaxosTrace(trace.states)
  return typeof r === 'string' ? { error: r } : r
}

function PaxosRun({ r }: { r: ImportedPaxosTrace }) {
  const c = r.constants
  return (
    <div className={`explorer-verdict${r.agreementViolated ? ' bad' : ''}`} role="status">
      <p>
        TLC trace of Paxos.tla ({c.acceptors} acceptors, {c.values} values, ballots 0..{c.maxBallot}, quorums
        of {c.quorumSize}): {r.run.steps.length} steps, each a step of the spec.{' '}
        {r.agreementViolated ? (
          <strong>
            Agreement violated:{' '}
            {r.run.chosen
              .map((w) => `${w.value} in ballot ${w.ballot} by {${w.quorum.join(', ')}}`)
              .join(' and ')}
            .
          </strong>
        ) : (
          'Agreement holds in its last state.'
        )}
      </p>
      <ol className="explorer-sequence" aria-label="The imported message sequence">
        {r.run.steps.map((s, i) => (
          <li key={i}>
            <code>{s.label}</code> {s.description} <code className="muted">{s.messageText}</code>
          </li>
        ))}
      </ol>
      <div className="explorer-actions">
        <ShowOnDiagram
          build={async () =>
            (await import('../explorer/specDiagram.ts')).paxosSpecDiagram(r.run, c.acceptors, c.q2)
          }
          title="TLC trace of Paxos.tla on the diagram"
        />
      </div>
    </div>
  )
}

function MultiPaxosRun({ r }: { r: ImportedMultiPaxosTrace }) {
  const c = r.constants
  const ending =
    r.ending.kind === 'invariant'
      ? `${r.ending.invariant} is violated in its last state: ${r.ending.why}.`
      : r.ending.kind === 'deadlock'
        ? 'Its last state is a deadlock: no step is possible and some request is unanswered.'
        : 'Its last state violates nothing Synod checks.'
  return (
    <div className={`explorer-verdict${r.ending.kind === 'none' ? '' : ' bad'}`} role="status">
      <p>
        TLC trace of MultiPaxos.tla ({c.replicas} replicas, {c.writes} writes, {c.reads} reads
        {c.bug ? `, broken variant ${c.bug}` : ''}): {r.steps.length} steps, each a step of the spec.{' '}
        <strong>{ending}</strong>
      </p>
      <MultiPaxosSteps steps={r.steps} label="The imported message sequence" />
      <div className="explorer-actions">
        <ShowOnDiagram
          build={async () => {
            const m = await import('../explorer/multipaxos/specDiagram.ts')
            return m.multiPaxosSpecDiagram(r.steps, c.replicas, m.importVerdict(r.ending))
          }}
          title="TLC trace of MultiPaxos.tla on the diagram"
        />
      </div>
    </div>
  )
}

/** A file picker for TLC's JSON counterexample and what it shows. */
export function LoadTlcTrace() {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  return (
    <div className="explorer-import">
      <label className="field">
        <span>Load a TLC trace (-dumpTrace json)</span>
        <input
          type="file"
          accept=".json,application/json"
          onChange={async (e) => {
            const file = e.target.files?.[0]
            if (!file) return
            if (file.size > MAX_TRACE_BYTES)
              setLoaded({ error: 'the file is too large for a counterexample' })
            else setLoaded(load(await file.text()))
          }}
        />
      </label>
      {loaded &&
        ('error' in loaded ? (
          <p className="problems" role="alert">
            Not a trace Synod can replay: {loaded.error}
          </p>
        ) : loaded.model === 'paxos' ? (
          <PaxosRun r={loaded} />
        ) : (
          <MultiPaxosRun r={loaded} />
        ))}
    </div>
  )
}
