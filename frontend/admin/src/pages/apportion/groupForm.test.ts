import { describe, expect, it } from 'vitest';
import { formatHundredths, memberInputs, membersProblem, parseHundredths, sourcesProblem } from './groupForm';

describe('group form values', () => {
  it('reads m² and % as whole hundredths', () => {
    expect(parseHundredths('120.5')).toBe(12050);
    expect(parseHundredths('33.33')).toBe(3333);
    expect(parseHundredths(' 100 ')).toBe(10000);
    expect(parseHundredths('0.07')).toBe(7);
    for (const bad of ['', '1.234', '-1', '1e3', '１２', 'abc', undefined]) expect(parseHundredths(bad)).toBeUndefined();
    expect(formatHundredths(12050)).toBe('120.5');
    expect(formatHundredths(3333)).toBe('33.33');
    expect(formatHundredths(10000)).toBe('100');
    expect(formatHundredths(7)).toBe('0.07');
  });

  it('says what is wrong with the members', () => {
    expect(membersProblem('area', [])).toEqual({ key: 'noMembers' });
    expect(membersProblem('area', [{ accountId: '1', weight: '0' }])).toEqual({ key: 'badArea', n: 1 });
    expect(membersProblem('area', [{ accountId: '1', weight: '10' }, { accountId: '1', weight: '10' }])).toEqual({ key: 'duplicateMember', n: 2 });
    expect(membersProblem('fixed', [{ accountId: '1', weight: '60' }, { accountId: '2', weight: '30' }])).toEqual({ key: 'sharesNot100', n: 9000 });
    expect(membersProblem('fixed', [{ accountId: '1', weight: '66.67' }, { accountId: '2', weight: '33.33' }])).toBeUndefined();
    expect(membersProblem('usage', [{ accountId: '1' }])).toBeUndefined();
  });

  it('says what is wrong with the sources', () => {
    expect(sourcesProblem([], false)).toEqual({ key: 'sharesNothing' });
    expect(sourcesProblem([{ meterId: '1', role: 'common' }], true)).toEqual({ key: 'needMaster' });
    expect(sourcesProblem([{ meterId: '1', role: 'master' }, { meterId: '1', role: 'common' }], true)).toEqual({ key: 'duplicateSource', n: 2 });
    expect(sourcesProblem([{ meterId: '1', role: 'master' }], true)).toBeUndefined();
  });

  it('sends the weight in the unit of the method', () => {
    expect(memberInputs('area', [{ accountId: '7', weight: '120.5' }])).toEqual([{ accountId: '7', areaM2x100: 12050, shareBp: undefined }]);
    expect(memberInputs('fixed', [{ accountId: '7', weight: '25' }])).toEqual([{ accountId: '7', areaM2x100: undefined, shareBp: 2500 }]);
    expect(memberInputs('usage', [{ accountId: '7', weight: '25' }])).toEqual([{ accountId: '7', areaM2x100: undefined, shareBp: undefined }]);
  });
});
