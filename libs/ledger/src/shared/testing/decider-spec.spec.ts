import type { Decider } from '../decider';
import { invalid } from '../errors';
import { DeciderSpec } from './decider-spec';

type E = { type: 'Counted'; data: { n: number }; businessDate: null };
const counter: Decider<number, { add: number }, E> = {
  initialState: () => 0,
  evolve: (s, e) => s + e.data.n,
  decide: (c, s) => {
    if (c.add < 0) throw invalid('NEG', 'add', '不能为负', 'must not be negative');
    return s + c.add > 10 ? [] : [{ type: 'Counted', data: { n: c.add }, businessDate: null }];
  },
};
const counted = (n: number): E => ({ type: 'Counted', data: { n }, businessDate: null });

describe('DeciderSpec', () => {
  it('passes when decide returns the expected events', () => {
    DeciderSpec.for(counter).given(counted(1)).when({ add: 2 }).then(counted(2));
  });
  it('fails when decide returns other events', () => {
    expect(() => DeciderSpec.for(counter).given().when({ add: 2 }).then(counted(3))).toThrow();
  });
  it('fails thenThrows when nothing was thrown', () => {
    expect(() => DeciderSpec.for(counter).given().when({ add: 2 }).thenThrows('NEG')).toThrow(/expected NEG/);
  });
  it('fails thenThrows when another code was thrown', () => {
    expect(() => DeciderSpec.for(counter).given().when({ add: -1 }).thenThrows('OTHER')).toThrow();
  });
  it('folds the history before deciding', () => {
    DeciderSpec.for(counter).given(counted(9)).when({ add: 2 }).thenNothing();
  });
});
