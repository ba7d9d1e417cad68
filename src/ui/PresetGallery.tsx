import { moduleFor } from '../engine/index.ts'
import { galleryPresets, type Preset } from '../scenarios/presets.ts'
import { openDialog } from '../store/actions.ts'
import { openExample } from '../store/urlSync.ts'
import { useSynod } from '../store/store.ts'
import { Dialog } from './Dialog.tsx'
import './share.css'

interface Group {
  readonly title: string
  readonly ids: readonly string[]
}

/** The lecture's order: how Paxos works, what failures do to it, and what each rule prevents. */
const GROUPS: readonly Group[] = [
  { title: 'Lecture examples', ids: ['basic', 'failed-prepare', 'racing-adopt'] },
  {
    title: 'Failures',
    ids: ['dueling', 'dueling-backoff', 'minority-crash', 'majority-crash', 'message-loss', 'partition'],
  },
  { title: 'Broken variants', ids: [] },
]

/** Presets of another protocol than single-decree Paxos, by protocol, under its module's title. Pure. */
function protocolGroups(presets: readonly Preset[]): [string, Preset[]][] {
  const groups = new Map<string, Preset[]>()
  for (const p of presets) {
    const id = p.scenario.protocol ?? 'paxos'
    if (id === 'paxos') continue
    groups.set(id, [...(groups.get(id) ?? []), p])
  }
  return [...groups].map(([id, list]) => [moduleFor(id).title, list])
}

/**
 * Presets by group; anything not listed (bug-* or new ones) lands in the right group, and each
 * other protocol's presets get a group of their own (Multi-Paxos). Pure.
 */
export function groupedPresets(presets: readonly Preset[] = galleryPresets()): [string, Preset[]][] {
  const listed = new Set(GROUPS.flatMap((g) => g.ids))
  const paxos = presets.filter((p) => (p.scenario.protocol ?? 'paxos') === 'paxos')
  return GROUPS.map((g): [string, Preset[]] => {
    if (g.ids.length > 0) return [g.title, paxos.filter((p) => g.ids.includes(p.id))]
    return [g.title, paxos.filter((p) => !listed.has(p.id) && p.id.startsWith('bug-'))]
  })
    .concat([['More', paxos.filter((p) => !listed.has(p.id) && !p.id.startsWith('bug-'))]])
    .concat(protocolGroups(presets))
    .filter(([, list]) => list.length > 0)
}

/** The examples gallery: a title and one paragraph for each; Tab and Enter pick one. */
export function PresetGallery() {
  const current = useSynod((s) => s.presetId)
  return (
    <Dialog title="Examples" wide>
      <div className="gallery">
        {groupedPresets().map(([title, presets], i) => (
          <section key={title} aria-labelledby={`gallery-group-${i}`}>
            <h3 id={`gallery-group-${i}`}>{title}</h3>
            <ul className="gallery-list">
              {presets.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className="gallery-item"
                    aria-current={p.id === current ? 'true' : undefined}
                    onClick={() => {
                      openExample(p.id)
                      openDialog(null)
                    }}
                  >
                    <strong>{p.title}</strong>
                    <span>{p.summary}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Dialog>
  )
}
