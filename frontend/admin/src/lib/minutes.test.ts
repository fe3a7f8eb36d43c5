import { describe, expect, it } from 'vitest';
import { fromMinutes, toMinutes } from './minutes';

describe('minutes after midnight', () => {
  it('round-trips through a picked time', () => {
    expect(fromMinutes(1320).format('HH:mm')).toBe('22:00');
    expect(toMinutes(fromMinutes(485))).toBe(485);
    expect(toMinutes(fromMinutes(0))).toBe(0);
  });
});
