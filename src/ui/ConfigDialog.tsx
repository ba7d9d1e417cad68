import { useState, type ReactNode } from 'react'
import { configProblems, LIMITS, type BugToggles, type SimConfig } from '../engine/index.ts'
import { applyConfig, openDialog } from '../store/actions.ts'
import { useProtocol } from '../store/protocol.ts'
import { useSynod } from '../store/store.ts'
import { Dialog } from './Dialog.tsx'
import { ModuleConfigDialog } from './ModuleConfigDialog.tsx'
import { NumberField } from './NumberField.tsx'
import { QuorumFields } from './QuorumFields.tsx'

/** The five deliberately broken variants, each with why it matters. */
export const BUGS: readonly { key: keyof BugToggles; name: string; what: string }[] = [
  {
    key: 'ignorePriorValues',
    name: 'Proposer ignores reported values',
    what: 'After phase 1 the proposer proposes its own value even when a promise reports an accepted one.',
  },
  {
    key: 'acceptBelowPromise',
    name: 'Acceptor breaks its promise',
    what: 'An acceptor accepts accept(n, v) even when it has promised a ballot higher than n.',
  },
  {
    key: 'amnesiaOnCrash',
    name: 'No stable storage',
    what: 'A crashed acceptor forgets what it promised and accepted.',
  },
  {
    key: 'smallQuorum',
    name: 'Quorums too small',
    what: 'Quorums need not intersect (q1 + q2 ≤ n). Without separate sizes, both are ⌊n/2⌋ (2 of 5).',
  },
  {
    key: 'duplicateBallots',
    name: 'Ballots not unique',
    what: 'Ballots are bare numbers, so two proposers can use the same ballot.',
  },
]

const Group = ({ legend, children, wide }: { legend: string; children: ReactNode; wide?: boolean }) => (
  <fieldset className={`config-group${wide ? ' wide' : ''}`}>
    <legend>{legend}</legend>
    {children}
  </fieldset>
)

/** Settings of the loaded protocol: Paxos's own dialog, or the fields another module declares. */
export function ConfigDialog() {
  return useProtocol().app ? <ModuleConfigDialog /> : <PaxosConfigDialog />
}

/** Settings: network, retries, learners, broken variants, seed and limits. Applying reruns. */
function PaxosConfigDialog() {
  const scenario = useSynod((s) => s.scenario)
  const [c, setC] = useState<SimConfig>(scenario.config)
  const [seed, setSeed] = useState(scenario.seed)
  const put = (patch: Partial<SimConfig>): void => setC({ ...c, ...patch })
  const retry = (patch: Partial<SimConfig['retry']>): void => put({ retry: { ...c.retry, ...patch } })
  const seedOk = Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff
  const problems = [
    ...configProblems(c),
    ...(seedOk ? [] : ['seed must be a whole number from 0 to 4294967295']),
  ]
  return (
    <Dialog title="Settings" wide>
      <form
        className="config"
        onSubmit={(e) => {
          e.preventDefault()
          if (problems.length === 0) applyConfig(c, seed)
        }}
      >
        <div className="config-grid">
          <Group legend="Processes and network">
            <NumberField
              label="Processes"
              value={c.processCount}
              min={LIMITS.processCountMin}
              max={LIMITS.processCountMax}
              onChange={(v) => put({ processCount: v })}
            />
            <NumberField
              label="Latency min (ticks)"
              value={c.latencyTicksMin}
              min={1}
              max={LIMITS.latencyTicksMax}
              onChange={(v) => put({ latencyTicksMin: v })}
            />
            <NumberField
              label="Latency max (ticks)"
              value={c.latencyTicksMax}
              min={1}
              max={LIMITS.latencyTicksMax}
              onChange={(v) => put({ latencyTicksMax: v })}
            />
            <NumberField
              label="Message loss %"
              value={c.lossPercent}
              min={0}
              max={100}
              onChange={(v) => put({ lossPercent: v })}
            />
            <NumberField
              label="Duplication %"
              value={c.duplicatePercent}
              min={0}
              max={100}
              onChange={(v) => put({ duplicatePercent: v })}
            />
          </Group>
          <Group legend="Proposers">
            <NumberField
              label="Give up on a ballot after (ticks)"
              value={c.proposerTimeoutTicks}
              min={1}
              max={LIMITS.timeoutTicksMax}
              onChange={(v) => put({ proposerTimeoutTicks: v })}
            />
            <label className="field">
              <span>After a failed ballot</span>
              <select
                value={c.retry.policy}
                onChange={(e) => retry({ policy: e.target.value as SimConfig['retry']['policy'] })}
              >
                <option value="none">give up (no retry)</option>
                <option value="fixed">retry after a fixed delay</option>
                <option value="backoff">retry after a random, growing delay (backoff)</option>
              </select>
            </label>
            {c.retry.policy === 'fixed' && (
              <NumberField
                label="Retry delay (ticks)"
                value={c.retry.delayTicks}
                min={1}
                max={LIMITS.timeoutTicksMax}
                onChange={(v) => retry({ delayTicks: v })}
              />
            )}
            {c.retry.policy === 'backoff' && (
              <>
                <NumberField
                  label="First backoff window (ticks)"
                  value={c.retry.backoffBaseTicks}
                  min={1}
                  max={LIMITS.timeoutTicksMax}
                  onChange={(v) => retry({ backoffBaseTicks: v })}
                />
                <NumberField
                  label="Largest backoff window (ticks)"
                  value={c.retry.backoffMaxTicks}
                  min={1}
                  max={LIMITS.timeoutTicksMax}
                  onChange={(v) => retry({ backoffMaxTicks: v })}
                />
              </>
            )}
            <label className="field">
              <span>Learners hear about accepts</span>
              <select
                value={c.learnerMode}
                onChange={(e) => put({ learnerMode: e.target.value as SimConfig['learnerMode'] })}
              >
                <option value="decide">from the proposer (“decide”)</option>
                <option value="all">from every acceptor (“accepted”)</option>
              </select>
            </label>
          </Group>
          <Group legend="Quorums">
            <QuorumFields c={c} put={setC} />
          </Group>
          <Group legend="Run">
            <NumberField
              label="Seed"
              value={seed}
              min={0}
              max={0xffff_ffff}
              onChange={setSeed}
              hint="Same seed and actions → same run."
            />
            <NumberField
              label="Max steps"
              value={c.maxSteps}
              min={1}
              max={LIMITS.maxStepsCap}
              onChange={(v) => put({ maxSteps: v })}
            />
          </Group>
          <Group legend="Broken variants (to see why each rule matters)" wide>
            {BUGS.map((b) => (
              <label key={b.key} className="check">
                <input
                  type="checkbox"
                  checked={c.bugs[b.key]}
                  onChange={(e) => put({ bugs: { ...c.bugs, [b.key]: e.target.checked } })}
                />
                <span>
                  <b>{b.name}.</b> {b.what}
                </span>
              </label>
            ))}
          </Group>
        </div>
        {problems.length > 0 && (
          <ul className="problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <p className="muted">Applying restarts the run with your actions so far, under the new settings.</p>
        <div className="row dialog-actions">
          <button type="submit" className="primary" disabled={problems.length > 0}>
            Apply and restart
          </button>
          <button type="button" onClick={() => openDialog(null)}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
