import { useEffect, useRef, useState } from 'react'
import { synodStore, useSynod } from '../store/store.ts'
import { shareLinkFor } from '../store/shareLink.ts'
import { exportJson } from './ScenarioMenu.tsx'
import { useIdleLogHash } from './useIdleLogHash.ts'
import './share.css'

/** How long "Link copied" stays visible. */
const CONFIRM_MS = 4000

async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Denied permission or an insecure context: the user copies from the text field instead.
    return false
  }
}

/**
 * Share: copies the link to the current run (inputs and cursor). When the clipboard is not
 * available the link appears in a selected, read-only field to copy by hand. A run too large for
 * a link (one the app would refuse to open) gets no link: Share says so and offers the file.
 */
export function ShareButton() {
  const [status, setStatus] = useState<'idle' | 'copied' | 'manual' | 'too-large'>('idle')
  const [link, setLink] = useState('')
  const [problem, setProblem] = useState('')
  const saveFile = useRef<HTMLButtonElement>(null)
  const field = useRef<HTMLInputElement>(null)
  const log = useSynod((s) => s.log)
  const computing = useSynod((s) => s.computing)
  // The run's fingerprint, so a shared link can be checked to replay the identical event log.
  const hash = useIdleLogHash(log, computing)

  useEffect(() => {
    if (status !== 'copied') return
    const t = setTimeout(() => setStatus('idle'), CONFIRM_MS)
    return () => clearTimeout(t)
  }, [status])
  useEffect(() => {
    if (status === 'manual') field.current?.select()
    if (status === 'too-large') saveFile.current?.focus()
  }, [status])

  const share = async (): Promise<void> => {
    const r = shareLinkFor(synodStore.getState())
    if (!r.ok) {
      setProblem(r.error)
      setStatus('too-large')
      return
    }
    setLink(r.link)
    setStatus((await copyText(r.link)) ? 'copied' : 'manual')
  }

  return (
    <span className="share" data-log-hash={hash}>
      {/* The confirmation is said on the button itself, which is as wide as its wider word, so it
          covers and pushes nothing (a toast under it covered the diagram's zoom buttons). */}
      <button
        type="button"
        className={`share-button${status === 'copied' ? ' share-copied' : ''}`}
        onClick={() => void share()}
        title="Copy a link to this exact run"
      >
        <span className="share-face">Share</span>
        <span className="share-face share-done" aria-hidden="true">
          Copied
        </span>
      </button>
      <span className={`share-status${status === 'copied' ? ' visually-hidden' : ''}`} role="status">
        {status === 'copied' && 'Link copied'}
        {status === 'manual' && 'Copy the link from this field'}
      </span>
      {status === 'too-large' && (
        <span className="share-manual share-too-large" role="alert">
          <span>No link: {problem}. Share the scenario file instead.</span>
          <button
            ref={saveFile}
            type="button"
            onClick={() => {
              exportJson()
              setStatus('idle')
            }}
          >
            Save scenario file…
          </button>
          <button type="button" onClick={() => setStatus('idle')}>
            Close
          </button>
        </span>
      )}
      {status === 'manual' && (
        <span className="share-manual">
          <label>
            <span className="visually-hidden">Link to this run: copy it</span>
            <input ref={field} readOnly value={link} onFocus={(e) => e.currentTarget.select()} size={30} />
          </label>
          <button type="button" onClick={() => setStatus('idle')}>
            Done
          </button>
        </span>
      )}
    </span>
  )
}
