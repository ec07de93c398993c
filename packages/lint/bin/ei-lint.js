#!/usr/bin/env node
'use strict';
// A thin shell: everything happens in the library's CLI module. The compile cache comes first, so
// that the compiler ei-lint loads next is compiled from it (see dist/cli/compileCache.js).
require('../dist/cli/compileCache.js').enableCompileCache();
require('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
