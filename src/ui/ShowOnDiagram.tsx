import { useState } from 'react'
import { tagLogProtocol } from '../engine/index.ts'
import type { SpecDiagram } from '../explorer/specLog.ts'
import type { SpecTraceDialog } from './SpecTraceDialog.tsx'

/**
 * "Show on the diagram" next to a spec run (spec mode's counterexample, the Multi-Paxos check's
 * finding, an imported TLC trace): when pressed it loads the converter (`build`) and the dialog,
 * which ship in their own chunks since most sessions never open them, and opens the run on the
 * time-space diagram (SpecTraceDialog.tsx). A trace it cannot draw shows the reason instead.
 */
export function ShowOnDiagram({ build, title }: { build: () => Promise<SpecDiagram>; title: string }) {
  const [shown, setShown] = useState<{ d: SpecDiagram; View: typeof SpecTraceDialog } | string | null>(null)
  const [busy, setBusy] = useState(false)
  const open = async () => {
    setBusy(true)
    try {
      const [{ SpecTraceDialog: View }, d] = await Promise.all([import('./SpecTraceDialog.tsx'), build()])
      if (d.log[0]) tagLogProtocol(d.log[0], d.module)
      setShown({ d, View })
    } catch (e) {
      setShown((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button
        type="button"
        className="spec-trace-open"
        aria-haspopup="dialog"
        aria-busy={busy}
        onClick={() => void open()}
      >
        Show on the diagram
      </button>
      {typeof shown === 'string' && (
        <p className="problems" role="alert">
          This run cannot be drawn: {shown}
        </p>
      )}
      {shown && typeof shown !== 'string' && (
        <shown.View d={shown.d} title={title} onClose={() => setShown(null)} />
      )}
    </>
  )
}
