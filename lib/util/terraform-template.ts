/**
 * Terraform reads every string in `.tf.json` as a template: `${ ... }` interpolates an expression
 * (functions included: `${file("/proc/self/environ")}`) and `%{ ... }` runs a directive. The
 * only way to write those characters literally is the template escapes `$${` and `%%{`:
 * https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 * (JSON syntax: https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping).
 * hclwrite (escapeQuotedStringLit) and Terraform itself (toHCLQuotedString) escape the same way:
 * a `$` or `%` directly before `{` is doubled. Pure string functions, no cdktf:
 * lib/stacks/literal-text.ts applies them to every stack.
 */

/** The text Terraform reads as exactly `text`: every `${` becomes `$${` and every `%{` becomes `%%{`. */
export function escapeTemplate(text: string): string {
  return text.replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}

/**
 * Where Terraform would evaluate something in `template`: the index of the first `${` or `%{`
 * that is not one of the escapes `$${` / `%%{`, or -1 when the whole string is literal text.
 * Scans left to right like Terraform's template scanner, so `$$${x}` is `$` then the escape.
 */
export function firstLiveSequence(template: string): number {
  for (let i = 0; i < template.length - 1; i++) {
    const char = template[i];
    if (char !== '$' && char !== '%') continue;
    if (template[i + 1] === char && template[i + 2] === '{') {
      i += 2; // an escape: literal "${" or "%{"
      continue;
    }
    if (template[i + 1] === '{') return i;
  }
  return -1;
}

/**
 * The reverse of escapeTemplate, for tests and fuzzing: the text Terraform reads from a template
 * without live parts (`$${` -> `${`, `%%{` -> `%{`, left to right). Undefined when something in
 * it would be evaluated.
 */
export function templateLiteralText(template: string): string | undefined {
  if (firstLiveSequence(template) !== -1) return undefined;
  return template.replace(/([$%])\1\{/g, '$1{');
}
