import { useEffect, useRef } from 'react'
import { lastStep } from '../store/navigation.ts'
import { togglePlay } from '../store/playback.ts'
import { setPresenter } from '../store/presenter.ts'
import { anyPresetById } from '../scenarios/presets.ts'
import { protocolOf } from '../store/protocol.ts'
import { useSynod } from '../store/store.ts'
import { beatTag, captionAt, GRANULARITIES } from './clicker.ts'
import { DiagramPane } from './DiagramPane.tsx'
import { BrokenVariantButton, brokenVariants } from './BrokenVariantButton.tsx'
import { Icon } from './Icon.tsx'
import { PresenterLog } from './PresenterLog.tsx'
import { PresenterNotice } from './PresenterNotice.tsx'
import { SafetyBadge } from './SafetyBadge.tsx'
import {
  clickNext,
  clickPrevious,
  setBlank,
  setGranularity,
  useBlankScreen,
  usePresenterPrefs,
} from './presenterPrefs.ts'
import { Position } from './Transport.tsx'
import { useFitText } from './useFitText.ts'
import { choiceLetter, useThinkReveal } from './thinkReveal.ts'
import type { BeatAsk } from '../scenarios/scenario.ts'
import './presenter.css'
import './presenterPhone.css'

/** Projectors wash colours out: presenter mode uses the high-contrast theme while it lasts. */
function useContrastTheme(): void {
  useEffect(() => {
    const root = document.documentElement
    const before = root.dataset.theme
    root.dataset.theme = 'contrast'
    return () => {
      if (before === undefined) delete root.dataset.theme
      else root.dataset.theme = before
    }
  }, [])
}

/**
 * Is the cursor at the run's start, or at its end? No click goes further, so the room is shown
 * where the story ends (a PageDown there used to do nothing, unseen). A run still being computed
 * has no end yet.
 */
function useRunEnds(): { atStart: boolean; atEnd: boolean } {
  const atStart = useSynod((s) => s.cursor <= 0)
  const atEnd = useSynod((s) => !s.computing && s.cursor >= lastStep(s.log))
  return { atStart, atEnd }
}

/**
 * The caption: the example's title and story at the start, a beat at its step, else what the last
 * click brought (see `captionAt`). Never a question the diagram has already answered.
 */
function Caption() {
  const log = useSynod((s) => s.log)
  const cursor = useSynod((s) => s.cursor)
  const scenario = useSynod((s) => s.scenario)
  // A changed example is not the run its story tells: the caption says so instead of telling it.
  const changed = useSynod((s) => s.presetId !== null && anyPresetById(s.presetId)?.scenario !== s.scenario)
  const story = changed ? CHANGED_STORY : scenario.description
  const caption = captionAt(log, scenario.beats, story, cursor)
  const revealed = useThinkReveal((s) => s.at === cursor)
  const ask = caption.kind === 'beat' ? caption.beat?.ask : undefined
  const { atEnd } = useRunEnds()
  const box = useRef<HTMLDivElement>(null)
  useFitText(box, `${caption.kind}:${caption.text}:${revealed}:${atEnd}`)
  return (
    <div ref={box} className={`presenter-caption caption-${caption.kind}`} role="status">
      {caption.kind === 'story' && scenario.title && (
        <span className="presenter-title">
          <bdi>{scenario.title}</bdi>
          {changed ? ' (changed)' : ''}:{' '}
        </span>
      )}
      {ask && revealed ? (
        <Answer ask={ask} />
      ) : (
        <>
          {caption.kind === 'beat' && <span className="beat-tag">{beatTag(caption.text)}</span>}{' '}
          <bdi>{caption.text}</bdi>
          {ask && <Choices choices={ask.choices} />}
        </>
      )}
      {atEnd && <span className="beat-tag end-tag">End</span>}
    </div>
  )
}

/** A question's choices, lettered for the room to call out; next reveals the answer. */
function Choices(props: { choices: readonly string[] }) {
  return (
    <ol className="presenter-choices" aria-label="Choices (next shows the answer)">
      {props.choices.map((c, i) => (
        <li key={i}>
          <span className="presenter-letter">{choiceLetter(i)}</span> <bdi>{c}</bdi>
        </li>
      ))}
    </ol>
  )
}

/** The revealed answer: its letter and words, then why. */
function Answer(props: { ask: BeatAsk }) {
  const { choices, answer, why } = props.ask
  return (
    <>
      <span className="beat-tag">Answer</span>{' '}
      <span className="presenter-letter">{choiceLetter(answer)}</span> <bdi>{choices[answer]}</bdi>.{' '}
      <span className="presenter-why">
        <bdi>{why}</bdi>
      </span>
    </>
  )
}

/**
 * The blanked screen (B or .): black over everything. A click or the same keys show the run again;
 * leaving presenter mode never leaves the next visit blank.
 */
function BlankScreen() {
  const blank = useBlankScreen((s) => s.blank)
  useEffect(() => () => setBlank(false), [])
  if (!blank) return null
  return (
    <button
      type="button"
      className="presenter-blank"
      onClick={() => setBlank(false)}
      aria-label="The screen is blank. Show it again (B)"
    />
  )
}

const CHANGED_STORY =
  'This example was changed, so its story may no longer hold. Step through to see what happens now.'

/** How far a click goes: beats only, every moment (the default), or every step. */
function GranularityPicker() {
  const granularity = usePresenterPrefs((s) => s.granularity)
  return (
    <label className="presenter-granularity">
      <span className="presenter-wordy">Clicker moves by</span>
      <select
        value={granularity}
        onChange={(e) => {
          setGranularity(e.target.value as typeof granularity)
          // Give the keys back to the clicker: a focused select would keep PageDown for itself.
          e.target.blur()
        }}
        aria-label="Clicker moves by (G)"
        title="What PageDown / PageUp move by (G cycles)"
      >
        {GRANULARITIES.map((g) => (
          <option key={g.id} value={g.id}>
            {g.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * The diagram (with the replicated log beside it, for a protocol that keeps one), a caption that
 * follows the run, and the few controls a lecturer needs.
 */
export function PresenterView() {
  useContrastTheme()
  const playing = useSynod((s) => s.playing)
  const broken = useSynod((s) => brokenVariants(protocolOf(s.scenario), s.scenario.config).length > 0)
  const { atStart, atEnd } = useRunEnds()
  return (
    <div className="presenter">
      <PresenterNotice />
      <DiagramPane />
      <PresenterLog />
      <Caption />
      <div className="presenter-transport" role="toolbar" aria-label="Presenter controls">
        {/* aria-disabled, not disabled: a focused button keeps the focus (a disabled one drops it to
            the page), and a click there still does nothing. */}
        <button
          type="button"
          onClick={clickPrevious}
          aria-label="Previous (← or PageUp)"
          aria-disabled={atStart}
        >
          <Icon name="back" /> <span className="presenter-wordy">Previous</span>
        </button>
        <button type="button" onClick={togglePlay} aria-label={playing ? 'Pause' : 'Play'}>
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button type="button" onClick={clickNext} aria-label="Next (→ or PageDown)" aria-disabled={atEnd}>
          <span className="presenter-wordy">Next</span> <Icon name="forward" />
        </button>
        <Position />
        {/* What the room must not miss: the protocol is deliberately broken, or safety failed. */}
        <span className="presenter-status">
          <BrokenVariantButton />
          <SafetyBadge whenSafe={broken} />
        </span>
        <GranularityPicker />
        <button type="button" className="presenter-exit" onClick={() => setPresenter(false)}>
          {/* One flex item: the words keep their space, not the button's gap. */}
          <span>
            Exit<span className="presenter-wordy"> presenter (Esc)</span>
          </span>
        </button>
      </div>
      <BlankScreen />
    </div>
  )
}
