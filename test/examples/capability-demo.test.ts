import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { childEnv } from '../support/childEnv';

const demo = require.resolve('@errinject/examples/dist/capability-demo/main.js');

function runDemo(env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(process.execPath, [demo], { encoding: 'utf8', env: childEnv(env) });
}

describe('examples/capability-demo', () => {
  let output: string;
  before(() => {
    output = runDemo();
  });

  it('should let every call through with the defaults', () => {
    expect(output).to.match(/append "boot" .*res=0 +ok: probability is 0/);
  });

  it('should fail every third call twice, then stop on times', () => {
    const failed = output.match(/append "(\w)" .*res=-5 \(EIO\)/g)?.map((line) => line.slice(8, 9));
    expect(failed?.slice(0, 2)).to.deep.equal(['c', 'f']);
    expect(output).to.match(/append "g" .*ok: times is 0/);
    expect(output).to.include('times now reads 0');
  });

  it('should hold back calls while space is larger than their size', () => {
    expect(output).to.include('space now reads 2');
  });

  it('should fail the third call of the task through fail-nth', () => {
    expect(output).to.match(/append "z" .*res=-5 \(EIO\) +FAILED: the task's fail-nth/);
    expect(output).to.match(/append "w" .*res=0/);
  });

  it('should fail only the task with make-it-fail under task-filter', () => {
    expect(output).to.match(/append "root task" .*ok: task-filter/);
    expect(output).to.match(/append "marked task" .*FAILED/);
    expect(output).to.match(/append "root again" .*ok: task-filter/);
  });

  it('should show refused writes with their errno names and keep the value', () => {
    expect(output).to.match(/^ {2}EINVAL: debugfs fail_journal_write\/probability: cannot write "-1"/m);
    expect(output).to.match(/^ {2}ERANGE: debugfs fail_journal_write\/times/m);
    expect(output).to.include('probability still reads 100');
  });

  it('should publish every fault on the diagnostics channel', () => {
    expect(output).to.match(/16 records written; 6 faults published on the errinject:fault diagnostics channel/);
  });
});
