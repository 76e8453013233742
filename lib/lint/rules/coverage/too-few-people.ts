import { DateTime } from 'luxon';
import { analysisWindow, formatInstant } from '../../../model/coverage';
import type { LintRule } from '../../types';
import { rotationLabel } from './shared';

/** A 1-in-5 rotation is the smallest that is sustainable around the clock (domain rules, §2). */
export const MIN_PEOPLE_24X7 = 5;

export const tooFewPeople: LintRule = {
  id: 'rotation-24x7-too-few-people',
  defaultLevel: 'warn',
  scope: 'team',
  description: `A 24/7 rotation (no coverage windows) should have at least ${MIN_PEOPLE_24X7} people.`,
  check(context) {
    const window = analysisWindow(context.from, context.windowDays);
    return context.model.teams.flatMap((team) =>
      team.rotations
        .filter((rotation) => !rotation.derivedFrom && rotation.restrictions.length === 0)
        .flatMap((rotation) => {
          const small = rotation.layers.find((layer) => {
            const start = DateTime.fromISO(layer.start, { setZone: true }).toMillis();
            const end = layer.end ? DateTime.fromISO(layer.end, { setZone: true }).toMillis() : Infinity;
            return start < window.end && end > window.start && new Set(layer.members).size < MIN_PEOPLE_24X7;
          });
          if (!small) return [];
          const from = Math.max(window.start, DateTime.fromISO(small.start, { setZone: true }).toMillis());
          const instant = formatInstant(from, rotation.timeZone);
          return [
            {
              teamId: team.id,
              file: team.file,
              path: ['rotations', rotation.id],
              message: `${rotationLabel(team, rotation)}: on call 24/7 with only ${new Set(small.members).size} people (${small.members.join(', ')}) from ${instant}; a sustainable 24/7 rotation has at least ${MIN_PEOPLE_24X7} (or add coverage windows)`,
              instants: [instant],
            },
          ];
        }),
    );
  },
};
