import { expect } from 'chai';
import { CliError } from '../../src/errors/CliError';
import { parseFailcmdArgs } from '../../src/failcmd/parseFailcmdArgs';

function usageError(argv: string[]): CliError {
  try {
    parseFailcmdArgs(argv);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
}

describe('parseFailcmdArgs', () => {
  describe('when only a command is given', () => {
    it('should leave every knob to its default and take the command whole', () => {
      // Arrange, Act
      const { options, command } = parseFailcmdArgs(['node', 'app.js', '-p', '5']);

      // Assert: options stop at the first operand, so -p 5 is the command's own
      expect(command).to.deep.equal(['node', 'app.js', '-p', '5']);
      expect(options.probability).to.equal(undefined);
      expect(options.times).to.equal(undefined);
      expect(options.capabilities).to.deep.equal(['fail_function']);
      expect(options.capabilitiesFrom).to.equal('FAILCMD_TYPE');
      expect(options.inject).to.deep.equal([]);
      expect(options.jobs).to.equal(1);
      expect(options.max).to.equal(undefined);
      expect(options.timeoutMs).to.equal(undefined);
      expect(options.shard).to.equal(undefined);
      expect(options.merge).to.equal(false);
      expect([options.sweep, options.json, options.control, options.help, options.version, options.color]).to.deep.equal([false, false, false, false, false, undefined]);
    });
  });

  describe('when --color, --no-color or --version is given', () => {
    it('should let the last of --color and --no-color count', () => {
      expect(parseFailcmdArgs(['--color', 'cmd']).options.color).to.equal(true);
      expect(parseFailcmdArgs(['--no-color', 'cmd']).options.color).to.equal(false);
      expect(parseFailcmdArgs(['--no-color', '--sweep', '--color', 'cmd']).options.color).to.equal(true);
      expect(parseFailcmdArgs(['--color', '--no-color', 'cmd', '--color']).options.color).to.equal(false);
    });

    it('should take -V and --version, clustered too', () => {
      expect(parseFailcmdArgs(['--version']).options.version).to.equal(true);
      expect(parseFailcmdArgs(['-V']).options.version).to.equal(true);
      expect(parseFailcmdArgs(['-hV']).options).to.include({ help: true, version: true });
    });

    it('should refuse a value given to a flag', () => {
      expect(usageError(['--color=always', 'cmd']).message).to.contain('option --color takes no value');
    });
  });

  describe('when options take values', () => {
    it('should accept the short, long, attached and = forms', () => {
      // Act
      const { options, command } = parseFailcmdArgs([
        '-p', '100', '-i5', '--times=3', '--space', '10', '-v', '1', '--task-filter', 'N',
        '--stacktrace-depth', '4', '--require-stack', 'Store.*', '--reject-stack=test/*', '--nth', '2', '--seed', '42', '--control', '--', 'cmd',
      ]);

      // Assert
      expect(command).to.deep.equal(['cmd']);
      expect(options).to.include({
        probability: '100', interval: '5', times: '3', space: '10', verbose: '1', taskFilter: 'N',
        stacktraceDepth: '4', requireStack: 'Store.*', rejectStack: 'test/*', nth: '2', seed: '42', control: true,
      });
    });

    it('should take a value that begins with "-" as the value, not as an option', () => {
      // Act
      const { options, command } = parseFailcmdArgs(['-t', '-1', '--space', '-5', '-p', '-1', 'cmd']);

      // Assert
      expect([options.times, options.space, options.probability]).to.deep.equal(['-1', '-5', '-1']);
      expect(command).to.deep.equal(['cmd']);
    });

    it('should let the last of a repeated option count', () => {
      expect(parseFailcmdArgs(['-p', '1', '-p', '2', 'cmd']).options.probability).to.equal('2');
    });

    it('should collect every --inject with its retval', () => {
      // Act
      const { options } = parseFailcmdArgs(['--inject', 'Store.open=-ENOMEM', '--inject=Cache.get', '--inject', 'a=b=c', 'cmd']);

      // Assert
      expect(options.inject).to.deep.equal([
        { name: 'Store.open', retval: '-ENOMEM' },
        { name: 'Cache.get', retval: undefined },
        { name: 'a', retval: 'b=c' },
      ]);
    });

    it('should take flags clustered with a short option that has a value', () => {
      // Act
      const { options } = parseFailcmdArgs(['-hj4', '--sweep', 'cmd']);

      // Assert
      expect(options.help).to.equal(true);
      expect(options.jobs).to.equal(4);
    });
  });

  describe('when FAILCMD_TYPE is set', () => {
    it('should pick that capability, and fail_function when it is empty', () => {
      expect(parseFailcmdArgs(['cmd'], { FAILCMD_TYPE: 'fail_alloc' }).options.capabilities).to.deep.equal(['fail_alloc']);
      expect(parseFailcmdArgs(['cmd'], { FAILCMD_TYPE: '' }).options.capabilities).to.deep.equal(['fail_function']);
      expect(parseFailcmdArgs(['cmd'], { FAILCMD_TYPE: ' , ' }).options.capabilities).to.deep.equal(['fail_function']);
    });

    it('should take several, separated by commas or spaces, in order', () => {
      expect(parseFailcmdArgs(['cmd'], { FAILCMD_TYPE: 'fail_fs,fail_net fail_function , fail_spawn' }).options.capabilities).to.deep.equal(['fail_fs', 'fail_net', 'fail_function', 'fail_spawn']);
    });

    it('should refuse a capability named twice with ERR_USAGE', () => {
      let error: unknown;
      try {
        parseFailcmdArgs(['cmd'], { FAILCMD_TYPE: 'fail_fs fail_fs' });
      } catch (e) {
        error = e;
      }
      expect((error as CliError).code).to.equal('ERR_USAGE');
      expect((error as CliError).message).to.contain('FAILCMD_TYPE names fail_fs twice');
    });
  });

  describe('when --type is given', () => {
    it('should collect every --type, in order', () => {
      // Act
      const { options } = parseFailcmdArgs(['--type', 'fail_fs', '--type=fail_function', 'cmd']);

      // Assert
      expect(options.capabilities).to.deep.equal(['fail_fs', 'fail_function']);
      expect(options.capabilitiesFrom).to.equal('--type');
    });

    it('should override FAILCMD_TYPE entirely', () => {
      expect(parseFailcmdArgs(['--type', 'fail_net', 'cmd'], { FAILCMD_TYPE: 'fail_fs,fail_function' }).options.capabilities).to.deep.equal(['fail_net']);
    });

    it('should refuse an empty one with ERR_INVALID_ARG_VALUE, and one given twice with ERR_USAGE', () => {
      expect(usageError(['--type', '', 'cmd']).code).to.equal('ERR_INVALID_ARG_VALUE');
      const twice = usageError(['--type', 'fail_fs', '--type', 'fail_fs', 'cmd']);
      expect(twice.code).to.equal('ERR_USAGE');
      expect(twice.message).to.contain('--type fail_fs is given twice');
    });
  });

  describe('when the command line is wrong', () => {
    it('should refuse an unknown long option with ERR_USAGE, naming it', () => {
      const error = usageError(['--probabilty', '5', 'cmd']);
      expect(error.code).to.equal('ERR_USAGE');
      expect(error.message).to.contain('"--probabilty"');
    });

    it('should refuse an unknown short option, also inside a cluster', () => {
      expect(usageError(['-x', 'cmd']).message).to.contain('"-x"');
      expect(usageError(['-hx', 'cmd']).message).to.contain('"-x" in "-hx"');
    });

    it('should refuse an option without its value', () => {
      expect(usageError(['-t']).message).to.contain('-t/--times needs a value');
      expect(usageError(['--nth']).message).to.contain('--nth needs a value');
    });

    it('should refuse "--" as a value, since it ends the options', () => {
      expect(usageError(['-v', '--', 'cmd']).message).to.contain('-v/--verbose needs a value, and got "--"');
    });

    it('should refuse a value given to a flag', () => {
      expect(usageError(['--sweep=yes', 'cmd']).message).to.contain('--sweep takes no value');
    });

    it('should refuse the sweep options without --sweep', () => {
      for (const argv of [['--json', 'cmd'], ['-j', '2', 'cmd'], ['--max', '3', 'cmd'], ['--timeout', '5', 'cmd']]) {
        expect(usageError(argv).message).to.contain('is for sweeps only');
      }
    });

    it('should refuse --nth with --sweep', () => {
      expect(usageError(['--sweep', '--nth', '3', 'cmd']).message).to.contain('--nth and --sweep do not go together');
    });

    it('should refuse -j and --max outside their range with ERR_INVALID_ARG_VALUE', () => {
      for (const argv of [['--sweep', '-j', '0', 'cmd'], ['--sweep', '-j', '257', 'cmd'], ['--sweep', '--max', '-1', 'cmd'], ['--sweep', '--max', '1e3', 'cmd'], ['--sweep', '--max', '4294967296', 'cmd']]) {
        const error = usageError(argv);
        expect(error.code, argv.join(' ')).to.equal('ERR_INVALID_ARG_VALUE');
      }
      expect(usageError(['--sweep', '-j', '0', 'cmd']).message).to.contain('-j/--jobs "0" is not accepted: expected the number of runs at once, a decimal integer from 1 to 256');
    });
  });

  describe('when --check is given', () => {
    it('should take the shell command whole, for a sweep and for a plain run', () => {
      expect(parseFailcmdArgs(['--sweep', '--check', 'node -e "JSON.parse(1)"', 'cmd']).options.check).to.equal('node -e "JSON.parse(1)"');
      expect(parseFailcmdArgs(['--check=test -s state.json', 'cmd']).options).to.include({ check: 'test -s state.json', sweep: false });
      expect(parseFailcmdArgs(['--sweep', '-j', '1', '--check', '-x', 'cmd']).options.check).to.equal('-x');
      expect(parseFailcmdArgs(['cmd']).options.check).to.equal(undefined);
    });

    it('should refuse it with -j over 1 with ERR_USAGE, saying why', () => {
      // Act
      const error = usageError(['--sweep', '-j', '4', '--check', 'true', 'cmd']);

      // Assert
      expect(error.code).to.equal('ERR_USAGE');
      expect(error.message).to.contain('options --check and -j/--jobs 4 do not go together: runs at once would share the state files of the working directory');
    });

    it('should refuse an empty command with ERR_INVALID_ARG_VALUE', () => {
      for (const value of ['', ' ']) {
        const error = usageError(['--check', value, 'cmd']);
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message).to.contain(`--check ${JSON.stringify(value)} is not accepted: expected a shell command`);
      }
    });
  });

  describe('when --timeout is given', () => {
    it('should take seconds, whole or not, as milliseconds', () => {
      expect(parseFailcmdArgs(['--sweep', '--timeout', '5', 'cmd']).options.timeoutMs).to.equal(5000);
      expect(parseFailcmdArgs(['--sweep', '--timeout=0.25', 'cmd']).options.timeoutMs).to.equal(250);
      expect(parseFailcmdArgs(['--sweep', '--timeout', '.0001', 'cmd']).options.timeoutMs).to.equal(1);
      expect(parseFailcmdArgs(['--sweep', '--timeout', '2147483', 'cmd']).options.timeoutMs).to.equal(2147483000);
    });

    it('should refuse 0, negative, non-decimal and too long durations with ERR_INVALID_ARG_VALUE, naming the value', () => {
      for (const value of ['0', '0.0', '-1', '1e3', '5s', '', '.', '2147484', 'Infinity']) {
        const error = usageError(['--sweep', '--timeout', value, 'cmd']);
        expect(error.code, value).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message, value).to.contain(`--timeout ${JSON.stringify(value)} is not accepted: expected the seconds a run may take`);
      }
    });
  });

  describe('when --shard is given', () => {
    it('should take i/N for a sweep', () => {
      expect(parseFailcmdArgs(['--sweep', '--shard', '2/3', 'cmd']).options.shard).to.deep.equal({ index: 2, count: 3 });
      expect(parseFailcmdArgs(['--sweep', '--shard=1/1', 'cmd']).options.shard).to.deep.equal({ index: 1, count: 1 });
      expect(parseFailcmdArgs(['--sweep', '--shard', '3/3', '-j', '2', '--max', '10', 'cmd']).options).to.deep.include({ shard: { index: 3, count: 3 }, jobs: 2, max: 10 });
    });

    it('should refuse values outside 1 <= i <= N with ERR_INVALID_ARG_VALUE, naming the value and what is accepted', () => {
      for (const value of ['0/2', '3/2', '1/0', '0/0', 'a/b', '1/', '/2', '2', '-1/2', '1.5/2', '1/2/3', '', '1/4294967296']) {
        const error = usageError(['--sweep', '--shard', value, 'cmd']);
        expect(error.code, value).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message, value).to.contain(`--shard ${JSON.stringify(value)} is not accepted: expected i/N, this shard's number i and the number of shards N, decimal integers with 1 <= i <= N`);
      }
    });

    it('should refuse it without --sweep with ERR_USAGE', () => {
      const error = usageError(['--shard', '1/2', 'cmd']);
      expect(error.code).to.equal('ERR_USAGE');
      expect(error.message).to.contain('option --shard is for sweeps only; add --sweep');
    });
  });

  describe('when --merge is given', () => {
    it('should take the operands as the report files, with --json and the colour flags', () => {
      // Act
      const { options, command } = parseFailcmdArgs(['--merge', '--json', '--no-color', 'a.json', 'b.json']);

      // Assert
      expect(command).to.deep.equal(['a.json', 'b.json']);
      expect(options).to.include({ merge: true, json: true, sweep: false, color: false });
    });

    it('should refuse an option that shapes runs with ERR_USAGE, naming it', () => {
      for (const [argv, name] of [[['--merge', '--sweep', 'a.json'], '--sweep'], [['--merge', '--shard', '1/2', 'a.json'], '--shard'], [['--merge', '-j', '2', 'a.json'], '-j/--jobs'], [['--merge', '--seed', '1', 'a.json'], '--seed'], [['--merge', '--max', '3', 'a.json'], '--max']] as const) {
        const error = usageError([...argv]);
        expect(error.code, name).to.equal('ERR_USAGE');
        expect(error.message, name).to.contain(`options ${name} and --merge do not go together`);
      }
    });
  });

  describe('when there is no command', () => {
    it('should return an empty command', () => {
      expect(parseFailcmdArgs(['-p', '3']).command).to.deep.equal([]);
      expect(parseFailcmdArgs(['--']).command).to.deep.equal([]);
    });
  });
});
