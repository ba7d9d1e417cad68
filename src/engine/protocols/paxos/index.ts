import type { ProtocolModule } from '../../kernel/module.ts'
import { paxosApp } from './app.ts'
import { ballotKey } from './ballot.ts'
import { defaultConfig, paxosProblems, quorumSize } from './config.ts'
import { PAXOS_FIELDS, PAXOS_FORM } from './configForm.ts'
import { IGNORED, ghostKey, payloadKey, procKey } from './explorerKeys.ts'
import { onCrash, onMessage, onRecover, onRequest, onTimer } from './handlers.ts'
import {
  countedText,
  crashText,
  eventText,
  payloadLabel,
  recoverText,
  runStartText,
  sendText,
  timerFireText,
  timerSetText,
} from './narration.ts'
import { cloneGhost, initialGhost, observe, votesFromLog } from './observer.ts'
import { PAXOS_PROPERTIES } from './properties.ts'
import { restsOn, restsText } from './rest.ts'
import { PAXOS_SEARCH_GOALS } from './searchGoals.ts'
import { timerCancelText, timerCountdown } from './timerWords.ts'
import { initialProc } from './state.ts'
import type { PaxosTypes } from './types.ts'
import { laneStatus, processView, summary, summaryFields } from './view.ts'
import { salience } from './salience.ts'

/** Single-decree Paxos as taught in the lecture: every process is acceptor, proposer and learner. */
export const paxos: ProtocolModule<PaxosTypes> = {
  id: 'paxos',
  title: 'Single-decree Paxos',
  config: {
    defaults: () => defaultConfig(),
    problems: paxosProblems,
    fields: PAXOS_FIELDS,
    form: PAXOS_FORM,
  },
  lanes: (config) => Array.from({ length: config.processCount }, () => ({ role: '' })),
  randomStreams: ['backoff'],

  init: () => initialProc(),
  onRequest,
  requestProblem: () => null,
  onMessage,
  onTimer,
  onCrash,
  onRecover,
  restsOn,

  observer: {
    init: (config) => initialGhost(config, quorumSize(config)),
    observe,
    clone: (g) => cloneGhost(g),
    // Every vote is one `acceptor.accept` event, so the log prefix determines the votes: copying
    // them at every snapshot made long runs quadratic (they grow with every ballot).
    forSnapshot: (g) => cloneGhost(g, false),
    restore: (g, log, length) => ({ ...g, votes: votesFromLog(log, length) }),
  },
  properties: PAXOS_PROPERTIES,

  narration: {
    label: payloadLabel,
    send: sendText,
    counted: countedText,
    event: eventText,
    salience,
    timerSet: timerSetText,
    timerFire: timerFireText,
    timerCancel: timerCancelText,
    timerCountdown,
    runStart: runStartText,
    crash: crashText,
    recover: recoverText,
    rests: restsText,
  },
  messages: {
    prepare: {
      role: 'request',
      phase: '1a',
      meaning: 'The proposer asks an acceptor to promise to ignore lower ballots.',
    },
    promise: {
      role: 'ack',
      phase: '1b',
      meaning: 'The acceptor promises, and reports the last value it accepted, if any.',
    },
    reject: {
      role: 'reject',
      phase: 'nack',
      meaning: 'The acceptor refuses: it has already promised a higher ballot.',
    },
    accept: {
      role: 'request',
      phase: '2a',
      meaning: 'The proposer asks the acceptor to accept a value in this ballot.',
    },
    accepted: { role: 'ack', phase: '2b', meaning: 'The acceptor has accepted the value in this ballot.' },
    decide: {
      // Drawn as the legend's "decide (tells learners)": it tells rather than asks, although the
      // decider now waits for `learned` (as 'request' it was drawn like prepare and accept).
      role: 'notice',
      phase: 'learn',
      meaning:
        'The decider tells a learner the value is decided; it sends it again until the learner acknowledges.',
    },
    learned: {
      role: 'ack',
      phase: 'learn',
      meaning: 'The learner acknowledges that it knows the decision, so the decider stops re-sending it.',
    },
  },
  colourKey: (msg) => ballotKey(msg.ballot),

  view: processView,
  laneStatus,

  explorer: {
    procKey,
    ghostKey,
    msgKey: payloadKey,
    ignored: IGNORED,
    wantsRequest: (s) => s.proposer.phase === 'idle',
    requestText: (name, value) => `asked ${name} to propose ${value}`,
    goals: PAXOS_SEARCH_GOALS,
    // Two different values chosen is the lesson of every broken variant; "any violation" first
    // finds a smaller symptom (a promise that went down, the bug restated).
    defaultGoal: 'agreement',
  },

  summary,
  summaryFields,
  presets: [],
  app: paxosApp,
  requestWords: {
    budget: 'Proposals',
    plural: 'proposals',
    clickHint: 'click a process to propose',
    tapHint: 'a process name to propose',
  },
  guide: {
    points: [
      {
        title: 'Phase 1 (prepare / promise).',
        text:
          'A proposer picks a ballot like 1.1 (round 1, process 1) and asks every acceptor to promise to ' +
          'ignore lower ballots. Acceptors answer with a promise, reporting the last value they accepted, or reject.',
      },
      {
        title: 'Phase 2 (accept / accepted).',
        text:
          'With promises from a majority, the proposer asks the acceptors to accept a value: the one ' +
          'reported with the highest ballot, or its own if none was reported.',
      },
      {
        title: 'Chosen and decided.',
        text:
          'A value is chosen the moment a majority accepts the same ballot. Learners decide when they ' +
          'hear about it — a later moment.',
      },
    ],
    tryClick: 'Click a process to propose a value, crash or recover it.',
    round: 'ballot succeeds or fails',
    processActions: 'propose, crash…',
  },
}
