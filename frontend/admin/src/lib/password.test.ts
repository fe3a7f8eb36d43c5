import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password';

describe('passwordProblem', () => {
  it('counts characters, not UTF-16 units or bytes, for the minimum', () => {
    expect(passwordProblem('')).toBe('short');
    expect(passwordProblem('123456789')).toBe('short');
    expect(passwordProblem('1234567890')).toBeUndefined();
    // Nine characters, one of them outside the BMP (two UTF-16 units): still too short.
    expect(passwordProblem('abcdefgh😀')).toBe('short');
    expect(passwordProblem('电费充值密码很长的一句话')).toBeUndefined();
  });

  it('bounds the length in UTF-8 bytes, as the server does', () => {
    expect(passwordProblem('a'.repeat(128))).toBeUndefined();
    expect(passwordProblem('a'.repeat(129))).toBe('long');
    // 43 Chinese characters are 129 bytes.
    expect(passwordProblem('电'.repeat(42))).toBeUndefined();
    expect(passwordProblem('电'.repeat(43))).toBe('long');
  });
});
