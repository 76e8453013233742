import type { LintRule } from '../../types';
import { consecutiveTurns } from './consecutive-turns';
import { firstDelayOverAckTarget } from './first-delay-over-ack-target';
import { firstLevelGap } from './first-level-gap';
import { followTheSunGap } from './follow-the-sun-gap';
import { handoffAtNight } from './handoff-at-night';
import { personOnTwoLevels } from './person-on-two-levels';
import { rosterEnded } from './roster-ended';
import { serviceNobodyOnCall } from './service-nobody-on-call';
import { singleLevelPolicy } from './single-level-policy';
import { tooFewPeople } from './too-few-people';

/** Rotation, coverage and escalation rules (issue: rotation engine and coverage analysis). */
export const COVERAGE_RULES: readonly LintRule[] = [
  firstLevelGap,
  serviceNobodyOnCall,
  personOnTwoLevels,
  followTheSunGap,
  consecutiveTurns,
  tooFewPeople,
  handoffAtNight,
  firstDelayOverAckTarget,
  singleLevelPolicy,
  rosterEnded,
];
