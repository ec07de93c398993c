import { expect } from 'chai';
import { formatProcessList, showStart, showUptime } from '../../src/ctl/formatProcessList';
import type { ControlledProcess } from '../../src/ctl/listControlledProcesses';

const NOW = new Date(2026, 4, 20, 15, 30, 0).getTime();

function proc(fields: Partial<ControlledProcess> = {}): ControlledProcess {
  return {
    pid: 4242, argv: ['/usr/bin/node', '/home/me/app/server.js'], version: '0.1.0', socket: '/run/4242.sock',
    execArgv: [], ppid: 1, cwd: '/home/me/app', startTime: NOW - 65_000, uid: 1000, user: 'me', ...fields,
  };
}

describe('formatProcessList', () => {
  describe('when processes answered everything', () => {
    it('should show pid, user, start, uptime, working directory and command, one line each', () => {
      // Act
      const lines = formatProcessList(
        [proc(), proc({ pid: 7, argv: ['/usr/bin/node'], execArgv: ['-e', 'tick()'], cwd: '/srv', startTime: NOW - 3 * 86_400_000, user: null, uid: 1001 })],
        { now: NOW, home: '/home/me' },
      ).split('\n');

      // Assert
      expect(lines[0]).to.match(/^ *PID +USER +STARTED +UPTIME +CWD +COMMAND$/);
      expect(lines[1]).to.match(/^4242 +me +15:28:55 +1m05s +~\/app +node server\.js$/);
      expect(lines[2]).to.match(/^ *7 +1001 +2026-05-17 15:30 +3d00h +\/srv +node -e 'tick\(\)'$/);
      expect(lines[3]).to.equal('');
    });

    it('should cut a long working directory from its start, and a long command line', () => {
      // Act
      const text = formatProcessList([proc({ cwd: `/data/${'d'.repeat(60)}/app`, argv: ['/usr/bin/node', '/a.js', ...Array<string>(10).fill('y'.repeat(50))] })], { now: NOW, home: '/home/me' });

      // Assert
      const line = text.split('\n')[1] as string;
      expect(line).to.contain(` ...${'d'.repeat(33)}/app `);
      expect(line).to.match(/node \/a\.js y+ y+ .*\.\.\.$/);
      expect(line.length).to.be.below(260);
    });
  });

  describe("when a process's core is older and answered only pid, argv and version", () => {
    it('should still list it, with ? for what it did not say', () => {
      // Act
      const old: ControlledProcess = { pid: 99, argv: ['/usr/bin/node', '/app/a.js'], version: '0.0.9', socket: '/run/99.sock' };
      const line = formatProcessList([old], { now: NOW, home: '/home/me' }).split('\n')[1];

      // Assert
      expect(line).to.match(/^ *99 +\? +\? +\? +\? +node \/app\/a\.js$/);
    });
  });

  describe('when colours are on', () => {
    it('should make the header bold', () => {
      expect(formatProcessList([proc()], { now: NOW, color: true })).to.contain('\u001b[1mPID\u001b[22m');
      expect(formatProcessList([proc()], { now: NOW })).to.not.contain('\u001b[');
    });
  });
});

describe('showStart', () => {
  describe('when the process started today, or before', () => {
    it('should give the time, or the date and the time', () => {
      expect(showStart(new Date(2026, 4, 20, 9, 5, 7).getTime(), NOW)).to.equal('09:05:07');
      expect(showStart(new Date(2025, 11, 31, 23, 59, 59).getTime(), NOW)).to.equal('2025-12-31 23:59');
    });
  });
});

describe('showUptime', () => {
  describe('when given a duration', () => {
    it('should give its two largest units', () => {
      expect([0, 45_000, 185_000, 7_440_000, 266_400_000, -5].map(showUptime)).to.deep.equal(['0s', '45s', '3m05s', '2h04m', '3d02h', '0s']);
    });
  });
});
