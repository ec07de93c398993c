import { expect } from 'chai';
import { parseBootConfig } from '@errinject/core';
import { failcmdEntries, sweepEntries } from '../../src/failcmd/failcmdEntries';
import { parseFailcmdArgs } from '../../src/failcmd/parseFailcmdArgs';

describe('failcmdEntries', () => {
  describe('when no option is given', () => {
    it('should write failcmd.sh\'s defaults: task-filter Y, probability 1, times 1, make-it-fail 1', () => {
      // Arrange
      const { options } = parseFailcmdArgs(['cmd']);

      // Act, Assert
      expect(failcmdEntries(options)).to.deep.equal([
        'fail_function/task-filter=Y',
        'fail_function/probability=1',
        'fail_function/times=1',
        'self/make-it-fail=1',
      ]);
    });
  });

  describe('when every option is given', () => {
    it('should write each to the capability of FAILCMD_TYPE, then the functions and fail-nth', () => {
      // Arrange
      const { options } = parseFailcmdArgs(
        ['-p', '100', '-i', '2', '-t', '-1', '-s', '3', '-v', '0', '--task-filter', 'N', '--stacktrace-depth', '5',
          '--require-stack', 'a', '--reject-stack', 'b', '--nth', '7', 'cmd'],
        { FAILCMD_TYPE: 'fail_alloc' },
      );

      // Act
      const entries = failcmdEntries(options);

      // Assert
      expect(entries).to.deep.equal([
        'fail_alloc/interval=2', 'fail_alloc/space=3', 'fail_alloc/verbose=0', 'fail_alloc/stacktrace-depth=5',
        'fail_alloc/require-stack=a', 'fail_alloc/reject-stack=b', 'fail_alloc/task-filter=N', 'fail_alloc/probability=100',
        'fail_alloc/times=-1', 'self/fail-nth=7', 'self/make-it-fail=1',
      ]);
      // and the core reads them back as the same entries
      expect(parseBootConfig(entries.join(' ')).problems).to.deep.equal([]);
    });

    it('should arm each --inject function and set its retval after it', () => {
      const { options } = parseFailcmdArgs(['--inject', 'A.b=-ENOMEM', '--inject', 'c', 'cmd']);
      expect(failcmdEntries(options).filter((entry) => entry.startsWith('fail_function/') && !/\/(task-filter|probability|times)=/.test(entry))).to.deep.equal([
        'fail_function/inject=A.b',
        'fail_function/A.b/retval=-ENOMEM',
        'fail_function/inject=c',
      ]);
    });

    it('should not arm again a function the user\'s ERRINJECT arms, but still set its retval', () => {
      // Arrange
      const { options } = parseFailcmdArgs(['--inject', 'A.b=-ENOMEM', '--inject', 'c', 'cmd']);

      // Act
      const entries = failcmdEntries(options, new Set(['A.b']));

      // Assert
      expect(entries.filter((entry) => /^fail_function\/(inject|A\.b)/.test(entry))).to.deep.equal(['fail_function/A.b/retval=-ENOMEM', 'fail_function/inject=c']);
    });
  });
});

describe('failcmdEntries with several capabilities', () => {
  describe('when --type is given more than once', () => {
    it('should write every knob to every capability, one after another, and make-it-fail once', () => {
      // Arrange
      const { options } = parseFailcmdArgs(['--type', 'fail_fs', '--type', 'fail_net', '-p', '100', '-t', '-1', '--reject-stack', 'b', 'cmd']);

      // Act
      const entries = failcmdEntries(options);

      // Assert
      expect(entries).to.deep.equal([
        'fail_fs/reject-stack=b', 'fail_fs/task-filter=Y', 'fail_fs/probability=100', 'fail_fs/times=-1',
        'fail_net/reject-stack=b', 'fail_net/task-filter=Y', 'fail_net/probability=100', 'fail_net/times=-1',
        'self/make-it-fail=1',
      ]);
      expect(parseBootConfig(entries.join(' ')).problems).to.deep.equal([]);
    });
  });

  describe('when FAILCMD_TYPE lists fail_function among others', () => {
    it('should arm the --inject functions once, after every capability\'s knobs', () => {
      const { options } = parseFailcmdArgs(['--inject', 'open', 'cmd'], { FAILCMD_TYPE: 'fail_function,fail_fs' });
      expect(failcmdEntries(options)).to.deep.equal([
        'fail_function/task-filter=Y', 'fail_function/probability=1', 'fail_function/times=1',
        'fail_fs/task-filter=Y', 'fail_fs/probability=1', 'fail_fs/times=1',
        'fail_function/inject=open', 'self/make-it-fail=1',
      ]);
    });
  });

  describe('when a sweep lists several', () => {
    it('should silence probability and verbose of each', () => {
      const { options } = parseFailcmdArgs(['--sweep', '--type', 'fail_fs', '--type', 'fail_function', 'cmd']);
      expect(sweepEntries(options)).to.deep.equal(['fail_fs/verbose=0', 'fail_fs/probability=0', 'fail_function/verbose=0', 'fail_function/probability=0', 'self/make-it-fail=1']);
    });
  });
});

describe('sweepEntries', () => {
  describe('when no option is given', () => {
    it('should silence probability and verbose, so that only fail-nth injects, and leave times and task-filter alone', () => {
      const { options } = parseFailcmdArgs(['--sweep', 'cmd']);
      expect(sweepEntries(options)).to.deep.equal(['fail_function/verbose=0', 'fail_function/probability=0', 'self/make-it-fail=1']);
    });
  });

  describe('when knobs are given', () => {
    it('should write them as given', () => {
      const { options } = parseFailcmdArgs(['--sweep', '-p', '5', '-v', '1', '-t', '2', 'cmd']);
      expect(sweepEntries(options)).to.deep.equal(['fail_function/verbose=1', 'fail_function/probability=5', 'fail_function/times=2', 'self/make-it-fail=1']);
    });
  });
});
