import { DateTime } from 'luxon';
import { chosenFormat, COMPARISON_OPTIONS, compareOrReport, emit, FORMAT_DETAILS, requiredBase } from '../review-options';
import { affectedMatrix } from '../../review/affected';
import { parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { EXIT } from '../io';

const FORMATS = ['text', 'json'] as const;

export const affectedCommand: CommandSpec = {
  name: 'affected',
  summary: 'List the stacks whose synthesized Terraform differs from a git ref (what CI plans and deploys).',
  usage: 'affected --base REF [--format text|json] [--out FILE] [--root DIR]',
  options: {
    ...COMPARISON_OPTIONS,
    format: { type: 'string', description: 'text (default; "<stack> <added|changed|removed>[ destructive]" per line) or json (a GitHub Actions matrix)' },
  },
  details: [
    FORMAT_DETAILS,
    'Stacks are compared by a content hash of their cdk.tf.json, ignoring cdktf metadata ("//" keys) and checkout paths.',
    'JSON is {"include":[{"stack","change","destructive"}]}: use it as `strategy.matrix` via fromJSON; "include" is empty when nothing changed.',
    'A removed stack is listed with change "removed": its resources still exist until it is destroyed from the base commit.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseCommandArgs(affectedCommand, argv, io.env);
    const base = requiredBase('affected', values);
    const format = chosenFormat('affected', values.format, FORMATS);
    const root = rootOf(values, io);
    const comparison = compareOrReport('affected', io, { root, baseRef: base, from: DateTime.utc().startOf('day') });
    if (!comparison) return EXIT.invalid;
    const matrix = affectedMatrix(comparison.base.stacks, comparison.head.stacks);
    const text =
      format === 'json' ? JSON.stringify(matrix) : matrix.include.map((s) => `${s.stack} ${s.change}${s.destructive ? ' destructive' : ''}`).join('\n');
    emit(io, values.out, text, `affected: ${matrix.include.length} stack(s)`);
    return EXIT.ok;
  },
};
