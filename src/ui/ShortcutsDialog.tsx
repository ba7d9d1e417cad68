import { Dialog } from './Dialog.tsx'
import { useProtocol } from '../store/protocol.ts'
import { useSynod } from '../store/store.ts'
import { PRESENTER_GROUP, shortcutGroups } from './keys.ts'

/** The `?` overlay: every shortcut a lecturer uses live; in presenter mode, the presenter's first. */
export function ShortcutsDialog() {
  const module = useProtocol()
  const presenter = useSynod((s) => s.presenter)
  const groups = shortcutGroups(module.guide, module.app.decisions !== undefined, module.app.quiet.length > 0)
  const ordered = presenter
    ? [
        ...groups.filter((g) => g.title === PRESENTER_GROUP),
        ...groups.filter((g) => g.title !== PRESENTER_GROUP),
      ]
    : groups
  return (
    <Dialog title="Keyboard shortcuts" wide>
      <div className="shortcut-groups">
        {ordered.map((g) => (
          <table key={g.title} className="shortcuts">
            <caption>{g.title}</caption>
            <tbody>
              {g.items.map((s) => (
                <tr key={s.what}>
                  <th scope="row">
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' '}
                        {k === '…' ? '…' : <kbd>{k}</kbd>}
                      </span>
                    ))}
                  </th>
                  <td>{s.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p className="muted">Shortcuts pause while you type in a text field.</p>
    </Dialog>
  )
}
