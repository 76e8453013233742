/**
 * Characters that do not show as themselves: C0 and C1 controls (U+0085 NEXT LINE among them),
 * DEL, and the invisible formatting characters: bidirectional embeddings, overrides and isolates
 * (U+202A-202E, U+2066-2069, the "Trojan Source" characters that make a reviewer read text in
 * another order), direction marks (U+200E, U+200F, U+061C), zero-width characters and U+2028/2029.
 * A character class body written as explicit ranges (no \p{...}), so it also works as a JSON
 * Schema pattern in every editor. Display names refuse all of them (lib/config/schema/common.ts).
 */
export const CONTROL_OR_INVISIBLE = '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb';

/**
 * What free text (descriptions, messages, queries) refuses: controls other than tab, LF and CR,
 * and the bidirectional embeddings, overrides and isolates. Zero-width joiners stay allowed there
 * (emoji sequences); names refuse them too.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Every one of them but tab and line feed, which messages may hold on purpose. */
const SHOWN_ESCAPED = new RegExp(`(?![\\t\\n])[${CONTROL_OR_INVISIBLE}]`, 'g');

/**
 * `text` with every invisible or control character but tab and line feed written as `\uXXXX`,
 * for messages: a raw U+202E in an error would reorder the terminal line that reports it, and
 * U+0085 would break it.
 */
export function showInvisible(text: string): string {
  return text.replace(SHOWN_ESCAPED, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
