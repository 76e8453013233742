import { remove as removeConfusables } from 'confusables';
import type { TeamConfig } from './schema';

/**
 * Default display names. They only label resources: logical ids come from config ids, so a
 * name may change freely without replacing anything.
 */
export const scheduleName = (team: TeamConfig, rotationId: string) => team.rotations[rotationId]?.name ?? `${team.name} - ${rotationId}`;
export const escalationPolicyName = (team: TeamConfig) => team.escalation.name ?? `${team.name} escalation`;

/**
 * The key two names collide under: what PagerDuty compares (case-insensitively) plus what a
 * human reading a page cannot tell apart (Unicode compatibility forms, look-alike letters such
 * as Cyrillic "а" for Latin "a", surrounding and repeated spaces).
 */
export function collisionKey(name: string): string {
  return removeConfusables(name.normalize('NFKC')).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
