import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useProtocol } from '../store/protocol.ts'
import { useSynod } from '../store/store.ts'
import { Legend } from '../timeline/Legend.tsx'
import { InFlightList } from './InFlightList.tsx'
import { MessageInspector } from './lazyParts.tsx'
import { Narration } from './Narration.tsx'
import { ProcessPanels } from './Sidebar.tsx'

const TABS = [
  { id: 'steps', label: 'Steps' },
  { id: 'processes', label: 'Processes' },
  { id: 'messages', label: 'Messages' },
  { id: 'legend', label: 'Legend' },
] as const
type TabId = (typeof TABS)[number]['id']

function TabBody({ tab }: { tab: TabId }) {
  const module = useProtocol()
  switch (tab) {
    case 'steps':
      return <Narration />
    case 'processes':
      return <ProcessPanels />
    case 'messages':
      return (
        <>
          <MessageInspector />
          <InFlightList />
        </>
      )
    case 'legend':
      // One column: two (560 px) shrank to fit the sheet, its words down to ~9 px and cut.
      return <Legend columns={1} module={module} />
  }
}

/**
 * On a phone or a portrait tablet the side panels and the narration share one sheet under the
 * diagram, one tab at a time, so the diagram keeps the width of the screen. Choosing an arrow or a
 * process opens the tab that shows it, and a question beat the Steps tab (marked "?" while the question
 * waits elsewhere). Tapping the open tab folds the sheet away, giving its room
 * to the diagram; tapping a tab opens it again. (On a phone held sideways the sheet and the time
 * controls stand beside the diagram: see narrow.css.)
 */
export function PanelSheet() {
  const [tab, setTab] = useState<TabId>('steps')
  const [open, setOpen] = useState(true)
  const ids = useId()
  // The selection shows itself: an arrow chosen on the diagram opens its inspector, a lane its
  // menu. (Adjusted while rendering, React's pattern for state that follows a changed input.)
  const selectedMsgId = useSynod((s) => s.selectedMsgId)
  const selectedPid = useSynod((s) => s.selectedPid)
  const [seen, setSeen] = useState({ msg: selectedMsgId, pid: selectedPid })
  if (seen.msg !== selectedMsgId || seen.pid !== selectedPid) {
    setSeen({ msg: selectedMsgId, pid: selectedPid })
    const show: TabId | null =
      selectedMsgId !== null && selectedMsgId !== seen.msg
        ? 'messages'
        : selectedPid !== null && selectedPid !== seen.pid
          ? 'processes'
          : null
    if (show) {
      setTab(show)
      setOpen(true)
    }
  }
  // A question (a "Think" beat that asks for a guess) shows itself too: stepped onto from another
  // tab, or with the sheet folded, the student stepped on past it without ever seeing it.
  const askAt = useSynod((s) =>
    s.scenario.beats?.some((b) => b.ask && b.step === s.cursor) ? s.cursor : null,
  )
  const [seenAsk, setSeenAsk] = useState(askAt)
  if (seenAsk !== askAt) {
    setSeenAsk(askAt)
    if (askAt !== null) {
      setTab('steps')
      setOpen(true)
    }
  }
  const waiting = askAt !== null && !(tab === 'steps' && open)
  // The keyboard's focus stays where it is (on Step, most often); only a focus inside the tab that
  // the question replaced, lost with it, goes to the Steps tab rather than to the page's body.
  const focusInBody = useRef(false)
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body
    if (askAt !== null && focusInBody.current && lost) document.getElementById(`${ids}-steps`)?.focus()
    focusInBody.current = false
  }, [askAt, ids])
  const choose = (id: TabId): void => {
    if (id === tab) setOpen(!open)
    else {
      setTab(id)
      setOpen(true)
    }
  }
  // Arrow keys move between tabs, as in every tab list.
  const onKey = (e: KeyboardEvent): void => {
    const i = TABS.findIndex((t) => t.id === tab)
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    e.preventDefault()
    e.stopPropagation()
    const next = TABS[(i + step + TABS.length) % TABS.length] as (typeof TABS)[number]
    setTab(next.id)
    document.getElementById(`${ids}-${next.id}`)?.focus()
  }
  return (
    <section className={`sheet${open ? ' sheet-open' : ''}`} aria-label="Panels">
      <div className="sheet-tabs" role="tablist" aria-label="Panels" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`${ids}-${t.id}`}
            type="button"
            role="tab"
            className="sheet-tab"
            aria-selected={t.id === tab && open}
            aria-controls={`${ids}-body`}
            aria-expanded={t.id === tab ? open : undefined}
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => choose(t.id)}
          >
            {t.label}
            {t.id === 'steps' && waiting && (
              <>
                <span className="sheet-tab-mark" aria-hidden="true">
                  ?
                </span>
                <span className="visually-hidden"> (a question is waiting)</span>
              </>
            )}
          </button>
        ))}
      </div>
      {open && (
        <div
          id={`${ids}-body`}
          className={`sheet-body sheet-${tab}`}
          role="tabpanel"
          aria-labelledby={`${ids}-${tab}`}
          onFocus={() => (focusInBody.current = true)}
          onBlur={(e) => {
            // A blur without a next element is the tab's content going away: keep the flag.
            if (e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget))
              focusInBody.current = false
          }}
        >
          <TabBody tab={tab} />
        </div>
      )}
    </section>
  )
}
