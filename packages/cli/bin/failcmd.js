#!/usr/bin/env node
'use strict';
// A thin shell. errinject's variables are taken out of this process's environment before the core
// loads (they are for the command), then the library runs failcmd and ends this process as the
// command ended.
const env = require('../dist/cli/takeEnvironment.js').takeEnvironment();
const { endFailcmd } = require('../dist/cli/endFailcmd.js');

require('../dist/cli/failcmd.js')
  .main(process.argv.slice(2), env)
  .then((exit) => endFailcmd(exit));
