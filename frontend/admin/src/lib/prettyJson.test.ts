import { describe, expect, it } from 'vitest';
import { prettyJson } from './prettyJson';

describe('prettyJson', () => {
  it('indents JSON and leaves other text alone', () => {
    expect(prettyJson('{"input":{"accountId":"1"}}')).toBe('{\n  "input": {\n    "accountId": "1"\n  }\n}');
    expect(prettyJson('not json')).toBe('not json');
  });
});
