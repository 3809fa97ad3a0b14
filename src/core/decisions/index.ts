export { readDecisions, isIsoDate, DECISIONS_FILE, DECISION_ACTIONS, type DecisionsFile, type RepoDecision } from './read';
export { planRecordDecision, decisionsFileFor, decisionTable, type NewDecision } from './write';
export { appliesTo, decisionFor, isExpired, type DecisionQuery } from './applicable';
export { CURATED_FORKS, curatedReplacements, type CuratedFork, type CuratedReplacement } from './curated-forks';
