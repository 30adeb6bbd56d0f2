/**
 * The code a rule's fixes and suggestions produce, taken from its invalid test cases, so that a
 * test can check that the fixed code passes the rule.
 */
interface InvalidCase {
  readonly output?: string | readonly string[] | null;
  readonly errors: readonly { readonly suggestions?: readonly { readonly output: string }[] | null }[];
}

export function fixedCode(cases: readonly InvalidCase[]): string[] {
  const out = new Set<string>();
  for (const c of cases) {
    if (typeof c.output === 'string') out.add(c.output);
    for (const error of c.errors) for (const s of error.suggestions ?? []) out.add(s.output);
  }
  return [...out];
}
