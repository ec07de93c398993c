#!/usr/bin/env node
'use strict';
// A thin shell: everything happens in the library's CLI module.
require('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
