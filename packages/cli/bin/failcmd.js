#!/usr/bin/env node
'use strict';
// A thin shell. errinject's variables are taken out of this process's environment before the core
// loads (they are for the command), then the library runs failcmd and this sets the exit status:
// the command's exit code, or the command's signal, raised again on this process.
const env = require('../dist/cli/takeEnvironment.js').takeEnvironment();
const { signals } = require('node:os').constants;

require('../dist/cli/failcmd.js')
  .main(process.argv.slice(2), env)
  .then((exit) => {
    if (typeof exit === 'number') {
      process.exitCode = exit;
      return;
    }
    for (const name of ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2']) process.removeAllListeners(name);
    // If this process ignores the signal (an inherited SIG_IGN), it exits as a shell reports it.
    process.exitCode = 128 + (signals[exit] ?? 0);
    process.kill(process.pid, exit);
    setTimeout(() => {}, 100);
  });
