import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { childEnv } from '../support/childEnv';

const program = require.resolve('@errinject/examples/dist/socketpair/main.js');

describe('examples/socketpair', () => {
  let lines: string[];
  before(() => {
    lines = execFileSync(process.execPath, [program], { encoding: 'utf8', env: childEnv() }).trim().split('\n');
  });

  it('should print the seed program\'s lines, a fault in every run until one runs clean', () => {
    const runs = lines.filter((line) => /^\d+-th fault [YN]: res=-?\d+\/\d+$/.test(line));
    expect(runs.length).to.be.greaterThan(5);
    runs.forEach((line, i) => expect(line.startsWith(`${i + 1}-th fault `)).to.equal(true));
    expect(runs.slice(0, -1).every((line) => / fault Y: res=-1\/(12|23|24)$/.test(line))).to.equal(true);
    expect(runs[runs.length - 1]).to.match(/-th fault N: res=0\//);
  });

  it('should fail every fault point of a clean run exactly once', () => {
    // 2 descriptors, 2 sockets (2 kmallocs each), the connection, 2 files (1 kmalloc each).
    const faulted = lines.filter((line) => / fault Y: /.test(line));
    expect(faulted).to.have.length(2 + 2 * 3 + 1 + 2 * 2);
  });

  it('should report each step\'s own errno: EMFILE for descriptors, ENFILE and ENOMEM for the rest', () => {
    expect(lines[1]).to.equal('1-th fault Y: res=-1/24');
    expect(lines[2]).to.equal('2-th fault Y: res=-1/24');
    expect(lines.filter((line) => line.endsWith('/12')).length).to.be.greaterThan(0);
  });

  it('should leak nothing on any error path', () => {
    expect(lines[lines.length - 1]).to.equal('slab objects still allocated after every run: 0');
  });
});
