import { Construct } from 'constructs';
import { EscalationPolicy as PagerdutyEscalationPolicy } from '@cdktf/provider-pagerduty/lib/escalation-policy';
import type { EscalationModel } from '../model/types';
import type { UserDirectory } from './users';
import { requireDisplayName, requireProp } from './validation';

/** Characters PagerDuty rejects in escalation policy names (validateEscalationPolicyName). */
const FORBIDDEN_NAME_CHARACTERS = /[\\/&<>]/;

export interface EscalationPolicyProps {
  readonly escalation: EscalationModel;
  /** Schedule id (reference) by rotation id, for rotation targets. */
  readonly scheduleIds: Readonly<Record<string, string>>;
  readonly users: UserDirectory;
  /** The team's PagerDuty id (reference); a policy belongs to at most one team. */
  readonly teamId: string;
  readonly description: string;
}

/**
 * The team's `pagerduty_escalation_policy`: levels in configured order (level 1 first), each
 * with its delay and its schedule/user targets, repeated `num_loops` times.
 */
export class EscalationPolicy extends Construct {
  public readonly policy: PagerdutyEscalationPolicy;

  constructor(scope: Construct, id: string, props: EscalationPolicyProps) {
    super(scope, id);
    const { escalation } = props;
    const path = this.node.path;
    requireDisplayName(escalation.name, path, 'policy name');
    requireProp(
      !FORBIDDEN_NAME_CHARACTERS.test(escalation.name),
      path,
      `policy name must not contain \\ / & < > (PagerDuty rejects them), got ${JSON.stringify(escalation.name)}`,
    );
    requireProp(
      Number.isInteger(escalation.repeats) && escalation.repeats >= 0 && escalation.repeats <= 9,
      path,
      `repeats (num_loops) must be 0-9, got ${escalation.repeats}`,
    );
    requireProp(escalation.levels.length > 0, path, 'an escalation policy needs at least one level');

    this.policy = new PagerdutyEscalationPolicy(this, 'policy', {
      name: escalation.name,
      description: props.description.trim(),
      numLoops: escalation.repeats,
      teams: [props.teamId],
      rule: escalation.levels.map((level) => {
        const where = `${path} level ${level.level}`;
        requireProp(
          Number.isInteger(level.delayMinutes) && level.delayMinutes >= 1,
          where,
          `escalation delay must be at least 1 minute, got ${level.delayMinutes}`,
        );
        requireProp(level.targets.length > 0, where, 'a level needs at least one target');
        return {
          escalationDelayInMinutes: level.delayMinutes,
          target: level.targets.map((target) => {
            if (target.kind === 'user') return { type: 'user_reference', id: props.users.userId(target.memberId) };
            const scheduleId = props.scheduleIds[target.rotationId];
            requireProp(scheduleId !== undefined, where, `rotation "${target.rotationId}" has no schedule in this team`);
            return { type: 'schedule_reference', id: scheduleId };
          }),
        };
      }),
    });
  }

  get policyId(): string {
    return this.policy.id;
  }
}
