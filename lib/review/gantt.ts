import type { RotationPreview } from './types';

/**
 * A Mermaid gantt (GitHub renders it in comments) of who is on call, one section per rotation.
 * Times are UTC so rotations in different zones share one axis; the title says so.
 */
export function renderGantt(title: string, rotations: RotationPreview[]): string {
  const lines = ['gantt', `  title ${clean(title)} (times UTC)`, '  dateFormat YYYY-MM-DDTHH:mm', '  axisFormat %b %d', '  todayMarker off'];
  for (const rotation of rotations) {
    lines.push(`  section ${clean(`${rotation.name} (${rotation.hours})`)}`);
    if (rotation.turns.length === 0) continue;
    for (const turn of rotation.turns) lines.push(`    ${clean(turn.memberName)} : ${mermaidTime(turn.start)}, ${mermaidTime(turn.end)}`);
  }
  return lines.join('\n');
}

/** `2026-03-02T15:00Z` -> `2026-03-02T15:00` (the gantt's dateFormat; the title says UTC). */
const mermaidTime = (iso: string) => iso.replace(/Z$/, '');

/**
 * Mermaid gantt syntax splits a task on `:` and treats `#` and `;` specially. Clock times keep a
 * look-alike (U+2236 RATIO) so "07:00-19:00" still reads as a time; other uses become spaces.
 */
const clean = (text: string) =>
  text
    .replace(/(\d):(\d)/g, '$1\u2236$2')
    .replace(/[:;#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
