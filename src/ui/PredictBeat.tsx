import { useLayoutEffect, useRef, useState } from 'react'
import type { BeatAsk } from '../scenarios/scenario.ts'
import './predict.css'

/**
 * Scroll each scrolling box around `target` (innermost first: the beat, then the phone's sheet) so
 * that `target` shows whole, or, when it is taller than the box, so that its top does: a question
 * and its choices, or a verdict and its reason, are read from the top.
 */
export function revealInScrollers(target: HTMLElement): void {
  for (let box = target.parentElement; box; box = box.parentElement) {
    if (box.scrollHeight <= box.clientHeight) continue
    const overflow = getComputedStyle(box).overflowY
    if (overflow !== 'auto' && overflow !== 'scroll') continue
    const view = box.getBoundingClientRect()
    const top = view.top + box.clientTop
    const bottom = top + box.clientHeight
    const r = target.getBoundingClientRect()
    if (r.top < top || r.height > box.clientHeight) box.scrollTop -= top - r.top
    else if (r.bottom > bottom) box.scrollTop += r.bottom - bottom
  }
}

/**
 * A "Think" beat's answers: the student picks one before stepping on, then reads whether it was
 * right and why. The answer stays on this device and in this component (nothing is sent or kept),
 * and a new beat starts unanswered (the caller keys this component by beat).
 *
 * The beat's box grows to hold the question with its choices, then the verdict with its whole
 * reason (predict.css); where it cannot (a phone's sheet has a cap, to leave the diagram room),
 * what the student must read next is scrolled into view.
 */
export function PredictBeat({ ask }: { ask: BeatAsk }) {
  const [picked, setPicked] = useState<number | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const resultRef = useRef<HTMLParagraphElement>(null)
  const answeredOnce = useRef(false)
  // Before the paint, so the student never sees the box cut: the question (the whole beat) while
  // unanswered, the verdict once picked. The button pressed is gone once pressed, so the keyboard's
  // focus moves to what replaced it (Try again, or the first choice again), not to the page.
  useLayoutEffect(() => {
    const root = rootRef.current
    const beat = root?.closest<HTMLElement>('.beat')
    const target = picked === null ? beat : resultRef.current
    if (target) revealInScrollers(target)
    if (picked !== null) answeredOnce.current = true
    if (!answeredOnce.current) return
    const next = root?.querySelector<HTMLElement>(picked === null ? '.predict-choice' : '.predict-again')
    next?.focus({ preventScroll: true })
  }, [picked])
  const right = picked === ask.answer
  return (
    <div className="predict" ref={rootRef}>
      {picked === null && (
        <div role="group" aria-label="Your prediction" className="predict-choices">
          <span className="predict-prompt">Your guess:</span>
          {ask.choices.map((c, i) => (
            <button key={i} type="button" className="predict-choice" onClick={() => setPicked(i)}>
              <bdi>{c}</bdi>
            </button>
          ))}
        </div>
      )}
      {/* The status is there before the pick, empty, so screen readers announce the verdict that
          fills it (a live region added with its words already in is often not read). */}
      <p className={`predict-result${picked === null ? '' : right ? ' right' : ' wrong'}`} ref={resultRef}>
        <span role="status">
          {picked !== null && (
            <>
              <span aria-hidden="true">{right ? '✓' : '✗'}</span>{' '}
              <strong>{right ? 'Right.' : 'Not quite.'}</strong>{' '}
              {!right && (
                <>
                  You picked “<bdi>{ask.choices[picked]}</bdi>”; the answer is “
                  <bdi>{ask.choices[ask.answer]}</bdi>”.{' '}
                </>
              )}
              <bdi>{ask.why}</bdi>
            </>
          )}
        </span>{' '}
        {picked !== null && (
          <button type="button" className="predict-again" onClick={() => setPicked(null)}>
            Try again
          </button>
        )}
      </p>
    </div>
  )
}
