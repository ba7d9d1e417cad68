import type { ConfigField, ConfigForm } from '../../kernel/module.ts'
import { LIMITS } from '../../kernel/limits.ts'
import { configProblems, quorumSizes, quorumsIntersect } from './config.ts'
import type { SimConfig } from './types.ts'

/**
 * Paxos's settings as the dialog shows them: its fields in the lecture's words, the broken
 * variants with why each matters, the quorum system, and the dialog's layout. Pure data and
 * functions of the config.
 */

const ticks = { kind: 'int', min: 1, max: LIMITS.timeoutTicksMax } as const

/**
 * The five deliberately broken variants, each with why it matters. The label is what the top
 * bar's "Broken variant" button names; the dialog shows the name and the reason.
 */
const BUG_FIELDS: readonly ConfigField[] = [
  {
    path: 'bugs.ignorePriorValues',
    label: 'Proposer ignores reported values',
    kind: 'bool',
    explained: {
      name: 'Proposer ignores reported values',
      why: 'After phase 1 the proposer proposes its own value even when a promise reports an accepted one.',
    },
  },
  {
    path: 'bugs.acceptBelowPromise',
    label: 'Acceptor accepts below its promise',
    kind: 'bool',
    explained: {
      name: 'Acceptor breaks its promise',
      why: 'An acceptor accepts accept(n, v) even when it has promised a ballot higher than n.',
    },
  },
  {
    path: 'bugs.amnesiaOnCrash',
    label: 'Acceptor forgets on crash',
    kind: 'bool',
    explained: {
      name: 'No stable storage',
      why: 'A crashed acceptor forgets what it promised and accepted.',
    },
  },
  {
    path: 'bugs.smallQuorum',
    label: 'Quorums too small to intersect',
    kind: 'bool',
    explained: {
      name: 'Quorums too small',
      why: 'Quorums need not intersect (q1 + q2 ≤ n). Without separate sizes, both are ⌊n/2⌋ (2 of 5).',
    },
  },
  {
    path: 'bugs.duplicateBallots',
    label: 'Ballots without process ids',
    kind: 'bool',
    explained: {
      name: 'Ballots not unique',
      why: 'Ballots are bare numbers, so two proposers can use the same ballot.',
    },
  },
]

export const PAXOS_FIELDS: readonly ConfigField[] = [
  {
    path: 'processCount',
    label: 'Processes',
    kind: 'int',
    min: LIMITS.processCountMin,
    max: LIMITS.processCountMax,
  },
  { path: 'proposerTimeoutTicks', label: 'Give up on a ballot after (ticks)', ...ticks },
  {
    path: 'retry.policy',
    label: 'After a failed ballot',
    kind: 'enum',
    options: ['none', 'fixed', 'backoff'],
    optionWords: [
      'give up (no retry)',
      'retry after a fixed delay',
      'retry after a random, growing delay (backoff)',
    ],
  },
  {
    path: 'retry.delayTicks',
    label: 'Retry delay (ticks)',
    ...ticks,
    shownWhen: { path: 'retry.policy', value: 'fixed' },
  },
  {
    path: 'retry.backoffBaseTicks',
    label: 'First backoff window (ticks)',
    ...ticks,
    shownWhen: { path: 'retry.policy', value: 'backoff' },
  },
  {
    path: 'retry.backoffMaxTicks',
    label: 'Largest backoff window (ticks)',
    ...ticks,
    shownWhen: { path: 'retry.policy', value: 'backoff' },
  },
  {
    path: 'learnerMode',
    label: 'Learners hear about accepts',
    kind: 'enum',
    options: ['decide', 'all'],
    optionWords: ['from the proposer (“decide”)', 'from every acceptor (“accepted”)'],
  },
  ...BUG_FIELDS,
]

/** Why this quorum system is safe or not, in the lecture's words. Pure. */
export function quorumSentence(c: SimConfig): string {
  const n = c.processCount
  const { q1, q2 } = quorumSizes(c)
  if (!Number.isInteger(q1) || !Number.isInteger(q2)) return 'Enter both quorum sizes.'
  const sum = `q1 + q2 = ${q1} + ${q2} = ${q1 + q2}`
  if (quorumsIntersect(c)) {
    return `Safe: ${sum} > ${n}, so every phase-1 quorum shares an acceptor with every phase-2 quorum, and a later proposer always hears of a value that was chosen.`
  }
  const why = `${sum} ≤ ${n}: a phase-1 quorum can miss every acceptor that accepted a chosen value, so a later proposer may choose a different one.`
  return c.bugs.smallQuorum
    ? `Unsafe, running as the broken variant: ${why}`
    : `Unsafe: ${why} Allowed only as the broken variant “Quorums too small” below.`
}

export const PAXOS_FORM: ConfigForm = {
  title: 'Settings',
  groups: [
    {
      legend: 'Processes and network',
      items: ['processCount', 'latencyTicksMin', 'latencyTicksMax', 'lossPercent', 'duplicatePercent'],
    },
    {
      legend: 'Proposers',
      items: [
        'proposerTimeoutTicks',
        'retry.policy',
        'retry.delayTicks',
        'retry.backoffBaseTicks',
        'retry.backoffMaxTicks',
        'learnerMode',
      ],
    },
    { legend: 'Quorums', items: ['quorums'] },
    { legend: 'Run', items: ['seed', 'maxSteps'] },
    {
      legend: 'Broken variants (to see why each rule matters)',
      wide: true,
      items: BUG_FIELDS.map((f) => f.path),
    },
  ],
  quorums: {
    sizes: (c) => ({ ...quorumSizes(c as SimConfig), acceptors: (c as SimConfig).processCount }),
    sentence: (c) => quorumSentence(c as SimConfig),
  },
  // Paxos's own checks name each field that is wrong, an emptied one too.
  problems: (c) => configProblems(c as SimConfig),
}
