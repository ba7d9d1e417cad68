import { useState } from 'react'
import { intervene, openDialog } from '../store/actions.ts'
import { useSynod } from '../store/store.ts'
import { Dialog } from './Dialog.tsx'
import { P } from './format.ts'
import { partitionThrough } from '../store/runIndex.ts'

const GROUPS = ['A', 'B', 'C'] as const

/** Split the processes into groups that cannot talk to each other, or heal the network. */
export function PartitionDialog() {
  return (
    <Dialog title="Network partition">
      <PartitionForm />
    </Dialog>
  )
}

function PartitionForm() {
  const n = useSynod((s) => s.processCount)
  const partition = useSynod((s) => partitionThrough(s.log, s.cursor))
  const [groupOf, setGroupOf] = useState<number[]>(() =>
    Array.from({ length: n }, (_, i) => {
      const g = partition?.findIndex((grp) => grp.includes(i + 1)) ?? -1
      return g >= 0 ? Math.min(g, 2) : i < Math.ceil(n / 2) ? 0 : 1
    }),
  )
  const groups = GROUPS.map((_, g) => groupOf.flatMap((x, i) => (x === g ? [i + 1] : []))).filter(
    (g) => g.length > 0,
  )
  const apply = (): void => {
    intervene({ type: 'partition', groups })
    openDialog(null)
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        apply()
      }}
    >
      <p>
        Messages cannot cross between groups; they are lost. Status:{' '}
        <b>
          {partition ? partition.map((g) => `{${g.map(P).join(', ')}}`).join(' | ') : 'the network is whole'}
        </b>
      </p>
      <table className="partition-table">
        <thead>
          <tr>
            <th scope="col">Process</th>
            {GROUPS.map((g) => (
              <th key={g} scope="col">
                Group {g}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groupOf.map((g, i) => (
            <tr key={i}>
              <th scope="row">{P(i + 1)}</th>
              {GROUPS.map((name, gi) => (
                <td key={name}>
                  <input
                    type="radio"
                    name={`group-p${i + 1}`}
                    checked={g === gi}
                    aria-label={`${P(i + 1)} in group ${name}`}
                    onChange={() => setGroupOf(groupOf.map((x, j) => (j === i ? gi : x)))}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row dialog-actions">
        <button type="submit" className="primary" disabled={groups.length < 2}>
          Apply partition
        </button>
        <button
          type="button"
          disabled={!partition}
          onClick={() => {
            intervene({ type: 'heal' })
            openDialog(null)
          }}
        >
          Heal the network
        </button>
      </div>
    </form>
  )
}
