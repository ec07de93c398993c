import { expect } from 'chai';
import { MAX_SHARD_COUNT, parseShard } from '../../src/index';

describe('parseShard', () => {
  it('should read i/N with 1 <= i <= N <= 2^32 - 1', () => {
    expect(parseShard('1/1')).to.deep.equal({ index: 1, count: 1 });
    expect(parseShard('2/4')).to.deep.equal({ index: 2, count: 4 });
    expect(parseShard('007/10')).to.deep.equal({ index: 7, count: 10 });
    expect(parseShard(`${MAX_SHARD_COUNT}/${MAX_SHARD_COUNT}`)).to.deep.equal({ index: MAX_SHARD_COUNT, count: MAX_SHARD_COUNT });
    expect(MAX_SHARD_COUNT).to.equal(4294967295);
  });

  it('should take nothing else: 0/2, 3/2, 1/0, a/b, 1/, signs, spaces, fractions, counts past 2^32 - 1', () => {
    for (const text of ['0/2', '3/2', '1/0', 'a/b', '1/', '/1', '', '1', '-1/2', '+1/2', ' 1/2', '1/2 ', '1.0/2', '1/2/3', '1/4294967296', '0x1/2']) {
      expect(parseShard(text), text).to.equal(undefined);
    }
  });
});
