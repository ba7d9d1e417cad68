/**
 * The hand-off to TLC: for a model Synod checks in spec mode, the files that make TLC check
 * exactly the same model — `MC.tla` (extends the tlaplus/Examples module and names the constants),
 * `MC.cfg` (constants, symmetry, invariants, deadlock) and a README with the module to fetch and
 * the command to run, on one machine or several. Synod's counts can then be compared with TLC's.
 *
 * Pure: no DOM, no clocks, no randomness; the CLI and the panel write or download the files.
 */
import type { MultiPaxosConstants } from './multipaxos/layout.ts'
import { buildUniverse, type SpecConstants } from './universe.ts'

export interface TlaExport {
  /** File name → contents. */
  readonly files: Readonly<Record<string, string>>
  /** The TLC command line, as in the README. */
  readonly command: string
}

const names = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)
const set = (xs: readonly string[]): string => `{${xs.join(', ')}}`

export const TLC_COMMAND =
  'java -XX:+UseParallelGC -cp tla2tools.jar tlc2.TLC -workers auto -config MC.cfg -dumpTrace json MC_trace.json MC.tla'

function readme(title: string, fetch: string, extra: readonly string[], synod: string): string {
  return [
    `# ${title}: the same model for TLC`,
    '',
    `Exported by Synod (\`${synod}\`).`,
    '',
    `1. Put ${fetch} next to MC.tla and MC.cfg.`,
    '2. Get `tla2tools.jar` (TLC) from the TLA+ tools releases and run, in this folder:',
    '',
    '   ```',
    `   ${TLC_COMMAND}`,
    '   ```',
    '',
    '   `-workers auto` uses every core. On a violation or deadlock TLC writes the counterexample to',
    '   `MC_trace.json`, which Synod can load (Explore → spec mode → "Load a TLC trace", or',
    '   `synod explore --import-trace MC_trace.json`).',
    '3. Several machines: TLC has a distributed mode. Start the server on one machine',
    '   (`java -cp tla2tools.jar tlc2.tool.distributed.TLCServer -config MC.cfg MC.tla`) and a worker on',
    '   each of the others (`java -cp tla2tools.jar tlc2.tool.distributed.TLCWorker <server host>`); see',
    "   TLC's documentation on distributed mode for its ports and options.",
    ...(extra.length > 0 ? ['', ...extra] : []),
    '',
  ].join('\n')
}

/** Lamport's Paxos.tla (tlaplus/Examples specifications/Paxos), checked for agreement. */
export function exportPaxos(c: SpecConstants): TlaExport {
  const u = buildUniverse(c)
  const acceptors = names('a', u.acceptors)
  const values = names('v', u.values)
  const asSets = (masks: readonly number[]) => masks.map((q) => set(acceptors.filter((_, a) => q & (1 << a))))
  // Flexible Paxos: Paxos.tla's Quorum is used only by Phase2a (the 1b messages of a phase-1
  // quorum), so it takes the phase-1 quorums; "chosen" below counts 2b votes of a phase-2 quorum.
  const flexible = u.q2 !== u.quorumSize
  const mc = [
    '---------------------------- MODULE MC ----------------------------',
    'EXTENDS Paxos, TLC',
    `CONSTANTS ${[...acceptors, ...values].join(', ')}`,
    `MCAcceptor == ${set(acceptors)}`,
    `MCValue == ${set(values)}`,
    `MCQuorum == ${set(asSets(u.quorums))}`,
    ...(flexible
      ? [
          `\\* Flexible Paxos: phase 1 waits for ${u.quorumSize} acceptors (Quorum, used by Phase2a), phase 2 for ${u.q2}.`,
          `MCQuorum2 == ${set(asSets(u.quorums2))}`,
        ]
      : []),
    `MCBallot == 0..${u.ballots - 1}`,
    '\\* What Synod checks: a value is chosen when a quorum voted for it in one ballot (2b messages),',
    '\\* and at most one value is chosen.',
    `ChosenIn(v) == \\E b \\in Ballot, Q \\in ${flexible ? 'MCQuorum2' : 'Quorum'} :`,
    '                 \\A a \\in Q : [type |-> "2b", acc |-> a, bal |-> b, val |-> v] \\in msgs',
    'Agreement == \\A v, w \\in Value : ChosenIn(v) /\\ ChosenIn(w) => v = w',
    '====================================================================',
    '',
  ].join('\n')
  const cfg = [
    'CONSTANTS',
    ...[...acceptors, ...values].map((x) => `    ${x} = ${x}`),
    '    None = None',
    '    Acceptor <- MCAcceptor',
    '    Value <- MCValue',
    '    Quorum <- MCQuorum',
    '    Ballot <- MCBallot',
    'SPECIFICATION Spec',
    'INVARIANTS',
    '    TypeOK',
    '    Agreement',
    '',
  ].join('\n')
  const intersect = u.quorums.every((p) => u.quorums.every((q) => (p & q) !== 0))
  const quorumFlags = flexible ? `--q1 ${u.quorumSize} --q2 ${u.q2}` : `--quorum ${u.quorumSize}`
  const synod = `synod explore --spec paxos --acceptors ${u.acceptors} --values ${u.values} --max-ballot ${u.ballots - 1} ${quorumFlags}`
  const extra = [
    'Synod counts states as TLC does without symmetry, so its distinct states, states generated and',
    "depth (+1) are comparable with TLC's for this model.",
    ...(intersect
      ? []
      : [
          '',
          "These quorums do not all intersect: Paxos.tla's ASSUME QuorumAssumption fails, and TLC says so at start.",
        ]),
  ]
  return {
    files: {
      'MC.tla': mc,
      'MC.cfg': cfg,
      'README.md': readme(
        'Paxos.tla',
        '`Paxos.tla`, `Voting.tla` and `Consensus.tla` from tlaplus/Examples `specifications/Paxos/`',
        extra,
        synod,
      ),
    },
    command: TLC_COMMAND,
  }
}

const BUG_EDITS: Record<NonNullable<MultiPaxosConstants['bug']>, string> = {
  'commit-one-short':
    'In MultiPaxos.tla, in the translation of HandleAcceptReplies, change `Cardinality(ars) >= MajorityNum` to `Cardinality(ars) >= MajorityNum - 1`.',
  'no-accept-reply':
    "In MultiPaxos.tla, in the translation of HandleAccept, replace `msgs' = (msgs \\cup ({AcceptReplyMsg(self, m.bal, m.slot)}))` with `UNCHANGED msgs`.",
}

/** The SMR-style MultiPaxos model (tlaplus/Examples specifications/MultiPaxos-SMR). */
export function exportMultiPaxos(c: MultiPaxosConstants): TlaExport {
  const replicas = names('s', c.replicas)
  const writes = names('w', c.writes)
  const reads = names('r', c.reads)
  const mc = [
    '---------------------------- MODULE MC ----------------------------',
    'EXTENDS MultiPaxos_MC',
    `MCMaxBallot == ${c.maxBallot}`,
    '====================================================================',
    '',
  ].join('\n')
  const cfg = [
    'SPECIFICATION Spec',
    'CONSTANTS',
    `    Replicas = ${set(replicas)}`,
    `    Writes = ${set(writes)}`,
    `    Reads = ${set(reads)}`,
    '    MaxBallot <- MCMaxBallot',
    ...(c.symmetry ? ['SYMMETRY SymmetricPerms'] : []),
    'INVARIANTS',
    '    TypeOK',
    '    Linearizability',
    'CHECK_DEADLOCK TRUE',
    '',
  ].join('\n')
  const synod =
    `synod explore --spec multipaxos --replicas ${c.replicas} --writes ${c.writes} --reads ${c.reads} ` +
    `--max-ballot ${c.maxBallot}${c.symmetry ? '' : ' --no-symmetry'}${c.bug ? ` --bug ${c.bug}` : ''}`
  const extra = [
    'Synod counts states as TLC does (with the same symmetry reduction), so its distinct states, states',
    "generated and depth (+1) are comparable with TLC's.",
    ...(c.bug
      ? ['', `Broken variant \`${c.bug}\`: the variant changes the spec itself. ${BUG_EDITS[c.bug]}`]
      : []),
  ]
  return {
    files: {
      'MC.tla': mc,
      'MC.cfg': cfg,
      'README.md': readme(
        'MultiPaxos.tla (SMR)',
        '`MultiPaxos.tla` and `MultiPaxos_MC.tla` from tlaplus/Examples `specifications/MultiPaxos-SMR/`',
        extra,
        synod,
      ),
    },
    command: TLC_COMMAND,
  }
}
