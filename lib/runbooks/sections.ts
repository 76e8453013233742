/**
 * The sections a runbook needs (domain.md §5) and the headings accepted for each. Matching is
 * case-insensitive and ignores emphasis, a leading step number ("2. Impact") and a trailing
 * colon; a heading that joins two names ("Trigger / Symptoms", "Mitigation and rollback")
 * counts for each of them.
 */
export type SectionId = 'trigger' | 'impact' | 'prerequisites' | 'investigation' | 'mitigation' | 'verification' | 'rollback' | 'escalation' | 'context';

export interface SectionSpec {
  id: SectionId;
  /** The heading the scaffold writes and messages name. */
  heading: string;
  /** Other headings that mean the same, lower case. */
  synonyms: readonly string[];
  required: boolean;
  /** Whether the section must contain a numbered list of steps. */
  numberedSteps: boolean;
}

export const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'trigger',
    heading: 'Trigger',
    synonyms: ['symptom', 'symptoms', 'alert', 'alert condition', 'trigger condition', 'what fired'],
    required: true,
    numberedSteps: false,
  },
  { id: 'impact', heading: 'Impact', synonyms: ['customer impact', 'business impact', 'user impact', 'blast radius'], required: true, numberedSteps: false },
  {
    id: 'prerequisites',
    heading: 'Prerequisites',
    synonyms: ['access', 'required access', 'requirements', 'before you start', 'tools'],
    required: false,
    numberedSteps: false,
  },
  {
    id: 'investigation',
    heading: 'Investigation',
    synonyms: ['diagnosis', 'diagnostics', 'triage', 'investigation steps', 'diagnosis steps', 'troubleshooting'],
    required: true,
    numberedSteps: true,
  },
  {
    id: 'mitigation',
    heading: 'Mitigation',
    synonyms: ['resolution', 'remediation', 'mitigation steps', 'resolution steps', 'fix'],
    required: true,
    numberedSteps: true,
  },
  {
    id: 'verification',
    heading: 'Verification',
    synonyms: ['verify', 'validation', 'verify the fix', 'confirm the fix', 'confirmation'],
    required: true,
    numberedSteps: false,
  },
  { id: 'rollback', heading: 'Rollback', synonyms: ['roll back', 'roll-back', 'undo', 'backout', 'back out'], required: true, numberedSteps: false },
  { id: 'escalation', heading: 'Escalation', synonyms: ['escalate', 'escalation path', 'contacts', 'who to contact'], required: true, numberedSteps: false },
  {
    id: 'context',
    heading: 'Context',
    synonyms: ['related', 'references', 'links', 'resources', 'related links', 'see also', 'background'],
    required: true,
    numberedSteps: false,
  },
];

const BY_NAME = new Map<string, SectionId>(
  SECTIONS.flatMap((spec) => [[spec.heading.toLowerCase(), spec.id] as const, ...spec.synonyms.map((name) => [name, spec.id] as const)]),
);

/** The sections a heading stands for (usually one, none for a free-form heading). */
export function sectionsForHeading(plainText: string): SectionId[] {
  const normalized = plainText
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:step\s+)?\d+[.):]?\s+/, '')
    .replace(/\s*:\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const whole = BY_NAME.get(normalized);
  if (whole) return [whole];
  const parts = normalized.split(/\s*(?:\/|&|\+|,|\band\b|\bor\b)\s*/).filter(Boolean);
  return [...new Set(parts.map((part) => BY_NAME.get(part)).filter((id): id is SectionId => id !== undefined))];
}

export const sectionSpec = (id: SectionId): SectionSpec => SECTIONS.find((spec) => spec.id === id)!;
