import { RE2JS } from 're2js';

/**
 * A regular expression run by RE2 (the `re2js` port): matching time grows linearly with the input, whatever the
 * pattern, because there is no backtracking. Every pattern applied to text from a request or a webhook goes
 * through this, so no input can make a check take seconds (JavaScript's own engine can: /^[^@]+@[^@]+\.[^@]+$/
 * takes quadratic time on a long value without the final dot). RE2 syntax: no backreferences or lookarounds.
 */
export class LinearPattern {
  private readonly re: RE2JS;

  constructor(source: string, options: { ignoreCase?: boolean } = {}) {
    this.re = RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  }

  /** True when the whole input matches. */
  matches(input: string): boolean {
    return this.re.matches(input);
  }

  /** True when the pattern matches somewhere in the input. */
  test(input: string): boolean {
    return this.re.test(input);
  }

  /** Every match replaced by `replacement` (taken literally). */
  replaceAll(input: string, replacement: string): string {
    return this.re.matcher(input).replaceAll(RE2JS.quoteReplacement(replacement));
  }
}
