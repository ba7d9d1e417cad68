import { useShallow } from 'zustand/react/shallow'
import { protocolById, type AnyProtocol } from '../engine/index.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import { goalOptions, goalProblem, paramOf, pickGoal } from '../explorer/goals.ts'
import { SPEC_LIMITS } from '../explorer/universe.ts'
import {
  goalOf,
  pickSimGoal,
  exampleStageOf,
  stageOf,
  setBudget,
  setGoalParam,
  setSimForm,
  setSpecForm,
  startScheduleSearch,
  startSpecCheck,
  useExplorer,
} from '../store/explorer.ts'
import { useSynod } from '../store/store.ts'
import { MultiPaxosForm } from './MultiPaxosForm.tsx'
import { setSpecModel, specModelOf, useMultiPaxosCheck, type SpecModel } from '../store/multiPaxosCheck.ts'
import { NumberField } from './NumberField.tsx'
import { budgetsOf, enabledBugs, scenarioBugsText } from './explorerWords.ts'
import { exportPaxos } from '../explorer/tlaExport.ts'
import { ExportForTlcButton, LoadTlcTrace } from './TlcHandoff.tsx'
import { whole } from './explorerParts.tsx'
import { describeInterventions, searchStartOf } from '../explorer/searchStart.ts'

/** "Find a schedule": the protocol's goals, budgets per kind of fault, and bounds. */
export function SimSearchForm({ running }: { running: boolean }) {
  const form = useExplorer((s) => s.sim)
  const cursor = useSynod((s) => s.cursor)
  const scenario = useSynod((s) => s.scenario)
  const presetId = useSynod((s) => s.presetId)
  const protocolId = useSynod((s) => s.scenario.protocol ?? 'paxos')
  const module = protocolById(protocolId)
  if (!module) return <p className="problems">No explorer for the protocol “{protocolId}”.</p>
  const goals = goalOptions(module)
  const goal = pickGoal(module, form.goal)
  const param = paramOf(goal, form.params)
  const goalWrong = goalProblem(module, goalOf(form, module))
  const budgets = budgetsOf(module)
  const problems = [
    ...budgets.filter((b) => !whole(form.budgets[b.name], 0, 10)).map((b) => `${b.label}: 0..10`),
    ...(whole(form.maxDepth, 1, 5_000) ? [] : ['Max depth: 1..5000']),
    ...(whole(form.maxStates, 1, 5_000_000) ? [] : ['Max states: 1..5000000']),
    ...(goalWrong ? [goalWrong] : []),
  ]
  return (
    <form
      className="explorer-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (problems.length === 0 && !running) startScheduleSearch()
      }}
    >
      <p className="muted">
        <StartWords module={module} scenario={scenario} cursor={cursor} presetId={presetId} /> the scheduler's
        next step, or one of the interventions the budgets allow. Breadth-first, so the first schedule found
        is a shortest one.
      </p>
      <label className="field">
        <span>Goal</span>
        <select value={goal.id} onChange={(e) => pickSimGoal(e.target.value)}>
          {goals.map((g) => (
            <option key={g.id} value={g.id}>
              {g.title}
            </option>
          ))}
        </select>
      </label>
      {goal.param?.kind === 'text' && (
        <label className="field">
          <span>{goal.param.label}</span>
          <input
            type="text"
            className="num"
            maxLength={goal.param.maxLength}
            value={String(param)}
            onChange={(e) => setGoalParam(goal.id, e.target.value)}
          />
        </label>
      )}
      {goal.param?.kind === 'int' && (
        <NumberField
          label={goal.param.label}
          value={Number(param)}
          min={goal.param.min}
          max={goal.param.max}
          onChange={(v) => setGoalParam(goal.id, v)}
        />
      )}
      <fieldset className="explorer-budgets">
        <legend>Budgets (how many the search may add)</legend>
        {budgets.map((b) => (
          <NumberField
            key={b.name}
            label={b.label}
            value={form.budgets[b.name]}
            min={0}
            max={10}
            onChange={(v) => setBudget(b.name, v)}
          />
        ))}
      </fieldset>
      <fieldset className="explorer-budgets">
        <legend>Bounds</legend>
        <NumberField
          label="Max depth"
          value={form.maxDepth}
          min={1}
          max={5_000}
          onChange={(v) => setSimForm({ maxDepth: v })}
        />
        <NumberField
          label="Max states"
          value={form.maxStates}
          min={1}
          max={5_000_000}
          onChange={(v) => setSimForm({ maxStates: v })}
        />
      </fieldset>
      {problems.length > 0 && <p className="problems">{problems.join('; ')}</p>}
      <button type="submit" className="primary" disabled={running || problems.length > 0}>
        Search schedules
      </button>
    </form>
  )
}

const MODELS: readonly { value: SpecModel; label: string }[] = [
  { value: 'paxos', label: "Paxos.tla (Lamport's single-decree Paxos)" },
  { value: 'multipaxos', label: 'Multi-Paxos (SMR model)' },
]

/** The model spec mode shows: the user's pick, else the one of the loaded run's protocol. */
export function useSpecModel(): SpecModel {
  const picked = useMultiPaxosCheck((s) => s.model)
  const protocolId = useSynod((s) => s.scenario.protocol ?? 'paxos')
  return specModelOf(picked, protocolId)
}

/** Spec mode: which model to check, then that model's form. */
export function SpecCheckForm({ running }: { running: boolean }) {
  const model = useSpecModel()
  return (
    <>
      <label className="field explorer-model">
        <span>Model</span>
        <select aria-label="Model" value={model} onChange={(e) => setSpecModel(e.target.value as SpecModel)}>
          {MODELS.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {model === 'multipaxos' ? <MultiPaxosForm /> : <PaxosCheckForm running={running} />}
      <LoadTlcTrace />
    </>
  )
}

/** "Model-check Paxos.tla": the spec's constants and bounds. */
function PaxosCheckForm({ running }: { running: boolean }) {
  const f = useExplorer((s) => s.spec)
  const bugs = useSynod(useShallow((s) => enabledBugs(s.scenario.config.bugs)))
  const L = SPEC_LIMITS
  const problems = [
    ...(whole(f.acceptors, L.acceptors.min, L.acceptors.max)
      ? []
      : [`Acceptors: ${L.acceptors.min}..${L.acceptors.max}`]),
    ...(whole(f.values, L.values.min, L.values.max) ? [] : [`Values: ${L.values.min}..${L.values.max}`]),
    ...(whole(f.maxBallot, L.maxBallot.min, L.maxBallot.max)
      ? []
      : [`Max ballot: ${L.maxBallot.min}..${L.maxBallot.max}`]),
    ...(whole(f.quorumSize, 1, f.acceptors) ? [] : [`Quorum size: 1..${f.acceptors}`]),
    ...(whole(f.maxDepth, 1, 1_000) ? [] : ['Max depth: 1..1000']),
    ...(whole(f.maxStates, 1, 5_000_000) ? [] : ['Max states: 1..5000000']),
  ]
  const bugsNote = scenarioBugsText(bugs)
  const intersect = 2 * f.quorumSize > f.acceptors
  const majority = Math.floor(f.acceptors / 2) + 1
  return (
    <form
      className="explorer-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (problems.length === 0 && !running) startSpecCheck()
      }}
    >
      <p className="muted">
        Every behaviour of Lamport's Paxos.tla (the correct protocol) with these constants, checked for
        agreement (at most one value chosen).
      </p>
      {bugsNote && (
        <p className="explorer-warning" role="note">
          ⚠ {bugsNote}
        </p>
      )}
      <NumberField
        label="Acceptors"
        value={f.acceptors}
        min={L.acceptors.min}
        max={L.acceptors.max}
        onChange={(v) =>
          setSpecForm({
            acceptors: v,
            quorumSize: Number.isInteger(v) ? Math.floor(v / 2) + 1 : f.quorumSize,
          })
        }
      />
      <NumberField
        label="Values"
        value={f.values}
        min={L.values.min}
        max={L.values.max}
        onChange={(v) => setSpecForm({ values: v })}
      />
      <NumberField
        label="Max ballot (ballots 0..b)"
        value={f.maxBallot}
        min={L.maxBallot.min}
        max={L.maxBallot.max}
        onChange={(v) => setSpecForm({ maxBallot: v })}
      />
      <NumberField
        label={`Quorum size (majority: ${majority})`}
        value={f.quorumSize}
        min={1}
        max={Math.max(1, f.acceptors)}
        onChange={(v) => setSpecForm({ quorumSize: v })}
      />
      {!intersect && whole(f.quorumSize, 1, f.acceptors) && (
        <p className="explorer-warning" role="note">
          ⚠ Two quorums of {f.quorumSize} out of {f.acceptors} acceptors need not intersect: Paxos is not safe
          with them, and the checker should find two values chosen.
        </p>
      )}
      <fieldset className="explorer-budgets">
        <legend>Bounds</legend>
        <NumberField
          label="Max depth"
          value={f.maxDepth}
          min={1}
          max={1_000}
          onChange={(v) => setSpecForm({ maxDepth: v })}
        />
        <NumberField
          label="Max states"
          value={f.maxStates}
          min={1}
          max={5_000_000}
          onChange={(v) => setSpecForm({ maxStates: v })}
        />
      </fieldset>
      {problems.length > 0 && <p className="problems">{problems.join('; ')}</p>}
      <div className="explorer-actions">
        <button type="submit" className="primary" disabled={running || problems.length > 0}>
          Check the spec
        </button>
        <ExportForTlcButton
          name={`synod-paxos-${f.acceptors}a-${f.values}v-b${f.maxBallot}-q${f.quorumSize}-tlc`}
          exported={() =>
            problems.length > 0
              ? null
              : exportPaxos({
                  acceptors: f.acceptors,
                  values: f.values,
                  maxBallot: f.maxBallot,
                  quorumSize: f.quorumSize,
                })
          }
        />
      </div>
    </form>
  )
}

/**
 * Where "Search schedules" starts: the cursor, or the example's stage with what it keeps of the
 * run (its partition and heal), so a student sees why the search starts at step 26, not 0.
 */
function StartWords(props: {
  module: AnyProtocol
  scenario: Scenario
  cursor: number
  presetId: string | null
}) {
  const { module, scenario, cursor, presetId } = props
  const start = searchStartOf(scenario, cursor, stageOf(presetId, scenario))
  if (!start.staged)
    return (
      <>
        From step {cursor} of the current {module.title} run:
      </>
    )
  const kept = describeInterventions(module, scenario, start.scenario.interventions)
  const stage = kept.length > 0 ? `, keeping what sets its stage (${kept.join('; ')})` : ''
  // An example's own stage, or the stage a broken variant's search sets on this run (its requests).
  const what = exampleStageOf(presetId, scenario) ? 'this example' : 'this run'
  return (
    <>
      From step {start.fromStep} of {what}
      {stage}; the rest of its story is for the search to find:
    </>
  )
}
