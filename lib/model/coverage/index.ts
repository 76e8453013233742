/**
 * Provider-free on-call coverage: who is on call when, for every rotation, escalation level and
 * service, computed exactly with interval arithmetic under both readings of PagerDuty's turn
 * length. No cdktf import may ever reach this folder (lint and reports load it).
 */
export * from './intervals';
export { TurnGrid } from './grid';
export { restrictionOccurrences } from './restrictions';
export { renderRotation, handoffs, type OnCallSegment, type RenderedRotation, type Turn } from './schedule';
export { levelCoverage, reachedByLevel, type LevelCoverage } from './escalation';
export { analyzeTeam, analysisWindow, OrgCoverage, type TeamCoverage } from './analysis';
export { formatInstant, formatInterval, formatHours } from './format';
export { teamLoad, WORKING_HOURS, type PersonLoad } from './load';
export { TURN_READINGS, type TurnReading } from '../turns';
