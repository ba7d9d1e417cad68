import { useState } from 'react'
import type { BeatAsk } from '../scenarios/scenario.ts'

/**
 * A "Think" beat's answers: the student picks one before stepping on, then reads whether it was
 * right and why. The answer stays on this device and in this component (nothing is sent or kept),
 * and a new beat starts unanswered (the caller keys this component by beat).
 */
export function PredictBeat({ ask }: { ask: BeatAsk }) {
  const [picked, setPicked] = useState<number | null>(null)
  const right = picked === ask.answer
  return (
    <div className="predict">
      {picked === null ? (
        <div role="group" aria-label="Your prediction" className="predict-choices">
          <span className="predict-prompt">Your guess:</span>
          {ask.choices.map((c, i) => (
            <button key={i} type="button" className="predict-choice" onClick={() => setPicked(i)}>
              <bdi>{c}</bdi>
            </button>
          ))}
        </div>
      ) : (
        <p className={`predict-result ${right ? 'right' : 'wrong'}`} role="status">
          <span aria-hidden="true">{right ? '✓' : '✗'}</span>{' '}
          <strong>{right ? 'Right.' : 'Not quite.'}</strong>{' '}
          {!right && (
            <>
              You picked “<bdi>{ask.choices[picked]}</bdi>”; the answer is “
              <bdi>{ask.choices[ask.answer]}</bdi>”.{' '}
            </>
          )}
          <bdi>{ask.why}</bdi>{' '}
          <button type="button" className="predict-again" onClick={() => setPicked(null)}>
            Try again
          </button>
        </p>
      )}
    </div>
  )
}
