/**
 * Invalid cases whose errors say `replace: [from, to]` expect one suggestion (`messageId`, with
 * `data`), whose exact output is the case's code with the first `from` replaced by `to`.
 */
import type { InvalidTestCase, TestCaseError } from '@typescript-eslint/rule-tester';

type ReplacingError<M extends string> = TestCaseError<M> & { replace?: [from: string, to: string, data: Record<string, unknown>] };
type Case<M extends string, O extends readonly unknown[]> = Omit<InvalidTestCase<M, O>, 'errors'> & { errors: ReplacingError<M>[] };

export function withSuggestions<M extends string, O extends readonly unknown[]>(messageId: M, cases: Case<M, O>[]): InvalidTestCase<M, O>[] {
  return cases.map(({ errors, ...rest }) => ({
    ...rest,
    errors: errors.map(({ replace, ...error }) => {
      if (!replace) return error;
      const [from, to, data] = replace;
      if (!rest.code.includes(from)) throw new Error(`test setup: ${from} is not in the code`);
      return { ...error, suggestions: [{ messageId, data, output: rest.code.replace(from, to) }] };
    }),
  }));
}
