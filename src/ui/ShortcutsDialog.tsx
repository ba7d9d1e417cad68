import { Dialog } from './Dialog.tsx'
import { useProtocol } from '../store/protocol.ts'
import { shortcutGroups } from './keys.ts'

/** The `?` overlay: every shortcut a lecturer uses live. */
export function ShortcutsDialog() {
  const module = useProtocol()
  return (
    <Dialog title="Keyboard shortcuts" wide>
      <div className="shortcut-groups">
        {shortcutGroups(module.guide, module.app === undefined, (module.app?.quiet.length ?? 0) > 0).map(
          (g) => (
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
          ),
        )}
      </div>
      <p className="muted">Shortcuts pause while you type in a text field.</p>
    </Dialog>
  )
}
