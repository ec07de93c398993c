import { expect } from 'chai';
import { type BootAttrEntry, type BootPathEntry, parseBootConfig } from '../../src/boot/parseBootConfig';

/** Parses a single-entry configuration that must be a well-formed boot option. */
function parseAttr(text: string): BootAttrEntry {
  const { entries, problems } = parseBootConfig(text);
  expect(problems, `problems of ${JSON.stringify(text)}`).to.deep.equal([]);
  expect(entries).to.have.length(1);
  const entry = entries[0];
  expect(entry?.kind).to.equal('attr');
  return entry as BootAttrEntry;
}

function parsePath(text: string): BootPathEntry {
  const { entries, problems } = parseBootConfig(text);
  expect(problems, `problems of ${JSON.stringify(text)}`).to.deep.equal([]);
  expect(entries).to.have.length(1);
  const entry = entries[0];
  expect(entry?.kind).to.equal('path');
  return entry as BootPathEntry;
}

function fourNumbers(entry: BootAttrEntry): [bigint, bigint, number, number] {
  return [entry.interval, entry.probability, entry.space, entry.times];
}

describe('parseBootConfig', () => {
  describe('when the text is empty or holds only separators', () => {
    for (const text of ['', ' ', ';', ' ; ;;  ', '\t\n']) {
      it(`should find nothing in ${JSON.stringify(text)}`, () => {
        // Act
        const config = parseBootConfig(text);

        // Assert
        expect(config.entries).to.deep.equal([]);
        expect(config.problems).to.deep.equal([]);
      });
    }
  });

  describe('when an entry is a boot option <cap>=<interval>,<probability>,<space>,<times>', () => {
    it('should read the four numbers in the kernel order (G64)', () => {
      // Act
      const entry = parseAttr('failslab=10,100,0,-1');

      // Assert
      expect(entry).to.deep.equal({
        kind: 'attr',
        index: 1,
        column: 1,
        text: 'failslab=10,100,0,-1',
        capability: 'failslab',
        interval: 10n,
        probability: 100n,
        space: 0,
        times: -1,
      });
    });

    it('should take a negative space and interval 0 (G67)', () => {
      // Act
      const entry = parseAttr('fail_futex=0,100,-1,5');

      // Assert
      expect(fourNumbers(entry)).to.deep.equal([0n, 100n, -1, 5]);
    });

    it('should keep interval and probability exact up to 2^64-1', () => {
      // Act
      const entry = parseAttr('cap=18446744073709551615,18446744073709551615,0,1');

      // Assert
      expect(fourNumbers(entry)).to.deep.equal([18446744073709551615n, 18446744073709551615n, 0, 1]);
    });

    it('should wrap an unsigned field past 2^64-1 as simple_strtoull does', () => {
      // Act
      const entry = parseAttr('cap=18446744073709551617,18446744073709551716,0,1');

      // Assert
      expect(fourNumbers(entry)).to.deep.equal([1n, 100n, 0, 1]);
    });

    const truncations: Array<[string, number]> = [
      ['4294967295', -1],
      ['4294967296', 0],
      ['2147483647', 2147483647],
      ['2147483648', -2147483648],
      ['-2147483649', 2147483647],
      ['-4294967297', -1],
    ];
    for (const [written, stored] of truncations) {
      it(`should truncate times and space ${written} to 32 bits (${stored})`, () => {
        // Act
        const entry = parseAttr(`cap=1,1,${written},${written}`);

        // Assert
        expect(entry.space).to.equal(stored);
        expect(entry.times).to.equal(stored);
      });
    }

    const trailing = ['cap=1,2,3,4junk', 'cap=1,2,3,4,5', 'cap=1,2,3,4,', 'cap=1,2,3,4=x', 'cap=1,2,3,0x10', 'cap=1,2,3,4.5'];
    for (const text of trailing) {
      it(`should ignore what follows the fourth number in ${JSON.stringify(text)}`, () => {
        // Act
        const entry = parseAttr(text);

        // Assert
        const times = text.endsWith('0x10') ? 0 : 4;
        expect(fourNumbers(entry)).to.deep.equal([1n, 2n, 3, times]);
      });
    }

    it('should accept leading zeros as decimal, not octal', () => {
      // Act
      const entry = parseAttr('cap=010,0100,010,-010');

      // Assert
      expect(fourNumbers(entry)).to.deep.equal([10n, 100n, 10, -10]);
    });

    it('should accept a capability name with dots, dashes and underscores', () => {
      // Act
      const entry = parseAttr('mmc_core.fail-request=1,2,3,4');

      // Assert
      expect(entry.capability).to.equal('mmc_core.fail-request');
    });
  });

  describe('when a boot option is malformed', () => {
    const malformed: Array<[string, string]> = [
      ['cap=1,100,0', 'fewer than four numbers (G65)'],
      ['cap=1,100', 'two numbers'],
      ['cap=1', 'one number'],
      ['cap=', 'no numbers'],
      ['cap=,1,2,3', 'an empty first field'],
      ['cap=1,,2,3', 'an empty second field'],
      ['cap=1,-5,0,1', 'a minus in probability (G66)'],
      ['cap=-1,5,0,1', 'a minus in interval'],
      ['cap=+1,5,0,1', 'a plus sign'],
      ['cap=1,5,+0,1', 'a plus sign in a signed field'],
      ['cap=0x10,1,1,1', 'hex in the first field'],
      ['cap=1,0x64,0,1', 'hex in probability'],
      ['cap=1,2,0x3,4', 'hex in space'],
      ['cap=a,1,1,1', 'a letter'],
      ['cap=1;2;3;4', 'semicolons inside the numbers (they separate entries)'],
      ['cap=1.5,1,1,1', 'a decimal point'],
      ['cap=1,1,-,1', 'a lone minus'],
      ['cap=1,1,1,-', 'a lone minus in times'],
    ];
    for (const [text, why] of malformed) {
      it(`should report ${JSON.stringify(text)} (${why}) and keep no entry for it`, () => {
        // Act
        const { entries, problems } = parseBootConfig(text);

        // Assert
        expect(entries.filter((entry) => entry.kind === 'attr')).to.deep.equal([]);
        expect(problems.length).to.be.at.least(1);
        const problem = problems[0];
        expect(problem?.index).to.equal(1);
        expect(problem?.column).to.equal(1);
        expect(problem?.text).to.equal(text.split(';')[0]);
        expect(problem?.message).to.be.a('string').and.not.equal('');
      });
    }
  });

  describe('when an entry is <path>=<value>', () => {
    it('should send a capability path to debugfs', () => {
      // Act
      const entry = parsePath('fail_function/inject=Store.open');

      // Assert
      expect(entry).to.deep.equal({
        kind: 'path',
        index: 1,
        column: 1,
        text: 'fail_function/inject=Store.open',
        tree: 'debugfs',
        path: 'fail_function/inject',
        value: 'Store.open',
      });
    });

    it('should send self/... to procfs', () => {
      // Act
      const entry = parsePath('self/fail-nth=3');

      // Assert
      expect(entry).to.include({ tree: 'procfs', path: 'self/fail-nth', value: '3' });
    });

    it('should send /proc/self/... to procfs as self/...', () => {
      // Act
      const entry = parsePath('/proc/self/make-it-fail=1');

      // Assert
      expect(entry).to.include({ tree: 'procfs', path: 'self/make-it-fail', value: '1' });
    });

    it('should send /sys/kernel/debug/... to debugfs', () => {
      // Act
      const entry = parsePath('/sys/kernel/debug/fail_function/probability=100');

      // Assert
      expect(entry.tree).to.equal('debugfs');
      expect(entry.path.replace(/^\/sys\/kernel\/debug\//, '')).to.equal('fail_function/probability');
      expect(entry.value).to.equal('100');
    });

    it('should keep an empty value', () => {
      // Act
      const entry = parsePath('fail_function/inject=');

      // Assert
      expect(entry).to.include({ path: 'fail_function/inject', value: '' });
    });

    it('should split at the first = and keep commas and further = in the value', () => {
      // Act
      const entry = parsePath('cap/require-stack=Store.open,a=b');

      // Assert
      expect(entry).to.include({ path: 'cap/require-stack', value: 'Store.open,a=b' });
    });

    it('should keep a value that is not a number, for the file to judge', () => {
      // Act
      const entry = parsePath('cap/probability=abc');

      // Assert
      expect(entry).to.include({ tree: 'debugfs', path: 'cap/probability', value: 'abc' });
    });
  });

  describe('when an entry is off', () => {
    it('should read it as the production switch', () => {
      // Act
      const { entries, problems } = parseBootConfig('off');

      // Assert
      expect(problems).to.deep.equal([]);
      expect(entries).to.deep.equal([{ kind: 'off', index: 1, column: 1, text: 'off' }]);
    });

    it('should read it anywhere in the list', () => {
      // Act
      const { entries } = parseBootConfig('cap=1,2,3,4;off fail_function/times=-1');

      // Assert
      expect(entries.map((entry) => entry.kind)).to.deep.equal(['attr', 'off', 'path']);
    });
  });

  describe('when an entry is neither', () => {
    for (const text of ['bogus', '=1,2,3,4', '=', 'cap']) {
      it(`should report ${JSON.stringify(text)}`, () => {
        // Act
        const { entries, problems } = parseBootConfig(text);

        // Assert
        expect(entries).to.deep.equal([]);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.include({ index: 1, column: 1, text });
      });
    }
  });

  describe('when there are several entries', () => {
    it('should split at spaces and semicolons and number the entries from 1 with 1-based columns', () => {
      // Arrange
      const text = 'a=1,2,3,4 b=5,6,7,8;c/times=-1 ; off;;  self/fail-nth=2';

      // Act
      const { entries, problems } = parseBootConfig(text);

      // Assert
      expect(problems).to.deep.equal([]);
      expect(entries.map(({ index, column, text: t }) => ({ index, column, text: t }))).to.deep.equal([
        { index: 1, column: 1, text: 'a=1,2,3,4' },
        { index: 2, column: text.indexOf('b=') + 1, text: 'b=5,6,7,8' },
        { index: 3, column: text.indexOf('c/') + 1, text: 'c/times=-1' },
        { index: 4, column: text.indexOf('off') + 1, text: 'off' },
        { index: 5, column: text.indexOf('self') + 1, text: 'self/fail-nth=2' },
      ]);
    });

    it('should give the position of each malformed entry and keep the good ones', () => {
      // Arrange
      const text = '  good=1,2,3,4 ;bad=1,2,3;  other/times=5 worse=1,-5,0,1 junk';

      // Act
      const { entries, problems } = parseBootConfig(text);

      // Assert
      expect(entries.map((entry) => entry.text)).to.deep.equal(['good=1,2,3,4', 'other/times=5']);
      expect(entries.map((entry) => entry.index)).to.deep.equal([1, 3]);
      expect(problems.map(({ index, column, text: t }) => ({ index, column, text: t }))).to.deep.equal([
        { index: 2, column: text.indexOf('bad') + 1, text: 'bad=1,2,3' },
        { index: 4, column: text.indexOf('worse') + 1, text: 'worse=1,-5,0,1' },
        { index: 5, column: text.indexOf('junk') + 1, text: 'junk' },
      ]);
    });

    it('should keep entries for the same capability in order', () => {
      // Act
      const { entries } = parseBootConfig('cap=1,1,1,1 cap=2,2,2,2');

      // Assert
      expect(entries.map((entry) => (entry as BootAttrEntry).interval)).to.deep.equal([1n, 2n]);
    });
  });

  describe('when a path has a . or .. component (regression: the entry killed the process at load)', () => {
    for (const text of ['fail_function/./probability=1', 'fail_function/../x=1', '/sys/kernel/debug/fail_function/../fail_function/times=1', 'self/./fail-nth=1', './x=1', 'a/..=1']) {
      it(`should report ${JSON.stringify(text)} as malformed and keep no entry for it`, () => {
        // Act
        const { entries, problems } = parseBootConfig(`${text} fail_function/times=2`);

        // Assert
        expect(entries.map((entry) => entry.text)).to.deep.equal(['fail_function/times=2']);
        expect(problems.map((problem) => [problem.index, problem.column, problem.text])).to.deep.equal([[1, 1, text]]);
        expect(problems[0]?.message).to.include("'.' or '..'");
      });
    }
  });

  describe('when an entry is very long', () => {
    it('should quote a cut capability name in its report', () => {
      // Act
      const { problems } = parseBootConfig(`${'c'.repeat(100_000)}=1,2`);

      // Assert
      expect(problems).to.have.length(1);
      expect(problems[0]?.message.length).to.be.below(500);
    });
  });
});
