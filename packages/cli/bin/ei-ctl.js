#!/usr/bin/env node
'use strict';
// A thin shell. errinject's variables are taken out of this process's environment before the core
// loads (with ERRINJECT_CONTROL=1 ei-ctl would listen on a socket itself); the library does the rest.
require('../dist/cli/takeEnvironment.js').takeEnvironment();

require('../dist/cli/eiCtl.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
