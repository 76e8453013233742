import type { Diagnostic } from '../diagnostics';
import { CONTROL_IN_TEXT } from '../invisible-characters';
import { error, visitStrings, type SemanticCheck } from './types';

/**
 * Checks every string of every config file, whatever field it is in, so a field added later is
 * covered without anyone remembering to:
 * - cdktf token encodings. cdktf marks references inside strings as `${TfToken[TOKEN.12]}` (lists
 *   `#{TfToken[...]}`, maps `&{TfToken[...]}`) and numbers as special doubles such as
 *   -8.1e+298 (cdktf/lib/tokens/private/encoding.js). Text that spells one would be resolved as a
 *   reference to another resource (an integration key, say) instead of being written literally,
 *   or crash the synth. No real config needs them, so they are refused.
 * - control characters other than tab and line breaks, and the bidirectional embedding, override
 *   and isolate characters (U+202A-202E, U+2066-2069), which make a reviewer read the text in
 *   another order than the tools do. Display names refuse more (lib/config/schema/common.ts).
 */
export const checkConfigText: SemanticCheck = ({ organization, teams }) => {
  const found: Diagnostic[] = [];
  for (const { file, config } of [organization, ...teams]) {
    visitStrings(config, [], (text, path) => {
      const marker = generatorMarkerIn(text);
      if (marker) {
        found.push(
          error(
            file,
            path,
            'generator-token-in-text',
            `the text contains ${JSON.stringify(marker)}, which the Terraform generator (cdktf) would read as a reference to another resource instead of writing it literally`,
            'text without cdktf token markers (${TfToken[...]}) or token numbers',
            JSON.stringify(marker),
          ),
        );
      }
      const control = CONTROL_IN_TEXT.exec(text);
      if (control) {
        const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        found.push(
          error(
            file,
            path,
            'control-character-in-text',
            `the text contains the invisible character U+${code}: control characters and bidirectional overrides make the text read differently in review than it is`,
            'printable text (tabs and line breaks allowed)',
            `U+${code} at character ${control.index + 1}`,
          ),
        );
      }
    });
  }
  return found;
};

const STRING_MARKER = /[$#&]\{TfToken\[/;
const NUMBER = /[-+]?\d[\d.]*e[-+]?\d+/gi;

/** The first cdktf token encoding in a text (a marker or a token number), or undefined. */
export function generatorMarkerIn(text: string): string | undefined {
  const marker = STRING_MARKER.exec(text);
  if (marker) return text.slice(marker.index, marker.index + 40);
  for (const [number] of text.matchAll(NUMBER)) if (isCdktfTokenNumber(Number.parseFloat(number))) return number;
  return undefined;
}

/**
 * cdktf encodes a token as a double whose top 16 bits are 0xfdff (numbers) or 0xfbff (lists),
 * the token's index in the rest (cdktf/lib/tokens/private/encoding.js, createTokenDouble).
 */
export function isCdktfTokenNumber(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const top = view.getUint16(0);
  return top === 0xfdff || top === 0xfbff;
}
