/** failcmd's help text. */
export const FAILCMD_USAGE = `Usage: failcmd [options] [--] command [args...]

Runs the command with fault injection enabled for its process tree only, like the kernel's
failcmd.sh. The configuration reaches the command through its environment (ERRINJECT, after any
ERRINJECT of yours), so it reaches every process and worker thread the command starts, and nothing
else. The command's exit status and signals pass through. When no fault could be injected (the
command never loaded @errinject/core, or nothing was armed), failcmd says so on stderr.

--type CAP (repeatable) picks the capabilities whose knobs the options set: each knob option
applies to every one listed. Without --type, FAILCMD_TYPE does (names separated by commas or
spaces: FAILCMD_TYPE=fail_fs,fail_net); the default is fail_function.

Options (values that begin with "-" are values: -t -1):
      --type CAP          a capability the options below configure; repeatable, and
                          overrides FAILCMD_TYPE (default: FAILCMD_TYPE, else fail_function)
  -p, --probability N     percent of eligible calls that fail (default 1; 0 in a sweep)
  -i, --interval N        only every N-th eligible call may fail
  -t, --times N           failures allowed, -1 for no limit (default 1)
  -s, --space N           size units to use up before failures start
  -v, --verbose N         0 silent, 1 a record per fault, 2 with the stack (0 in a sweep)
      --task-filter Y|N   only tasks with make-it-fail 1 fail (default Y; failcmd sets
                          make-it-fail 1 in every process of the command)
      --stacktrace-depth N    frames the stack filter looks at (at most 32)
      --require-stack PATTERNS  fail only calls with a matching frame (commas between patterns)
      --reject-stack PATTERNS   never fail calls with a matching frame
      --inject NAME[=RETVAL]  arm the error-injectable function NAME, returning RETVAL when it
                          fails (-12, -ENOMEM, 0xfffffffffffffff4); repeatable; '*' arms
                          every function, as each is marked; needs fail_function among the
                          capabilities
      --nth N             the N-th fault-injection call of each process fails (fail-nth)
      --seed N            seed of the probability rolls (ERRINJECT_SEED)
      --control           let ei-ctl reach the command's processes (ERRINJECT_CONTROL=1)
      --check COMMAND     after the command (after each run of a sweep), run the shell command
                          COMMAND (/bin/sh -c) in the same directory, with your environment
                          but no ERRINJECT variable (no faults): if it does not exit 0, the
                          command left a bad state (data lost to a fault: a file written in
                          place and cut short). The command must set up the state it needs
                          itself, since each run starts from what the one before it left:
                          sh -c 'cp seed.json state.json && node app.js'
      --color, --no-color  colour the sweep's table, or not, whatever the environment says
                          (otherwise: on a terminal, unless NO_COLOR, NODE_DISABLE_COLORS or
                          TERM=dumb; FORCE_COLOR=1/2/3 forces it, FORCE_COLOR=0 turns it off)
  -h, --help              this text
  -V, --version           failcmd's version

Sweeps:
      --sweep             run the command once per fault point: n = 1, 2, 3... with fail-nth n
                          and every error-injectable function armed (or those named with
                          --inject), until a run injects no fault; report per n the function
                          that failed, its call site, the exit status and any crash
      --json              the report as JSON
  -j, --jobs N            runs at once (default 1; 1 with --check: runs at once would share
                          the state files the check judges)
      --max N             stop after run N (n is at most N, in a shard too)
      --shard i/N         make only the runs whose n = i (mod N): i, i+N, i+2N... (1 <= i <= N),
                          stopping at the first of them that injects no fault; for the jobs of a
                          CI matrix, each with --json to a file, merged with --merge. The command
                          must be deterministic: each shard runs it on its own
      --timeout SECONDS   kill a run (its whole process group) still going after SECONDS,
                          and report it as timed out; a --check still going then is killed
                          and the run reported as left in a bad state

Merging the shards of a sweep: failcmd --merge [--json] REPORT.json...
      --merge             read the --json reports of the shards of one sweep (the same command,
                          capabilities, check, seed and settings, each shard once, else exit 2),
                          and print the table or the report the unsharded sweep would have
                          printed: the runs by n up to the first that injected no fault over
                          all the shards; shards not given are named, and the sweep is then not
                          complete. The exit status is that of the sweep.

Exit status: the command's own; 128+n when a signal n ended it (failcmd ends itself with the
same signal); with --check, 1 when the command exited 0 but left a bad state. 2 for a bad
option or value (nothing runs), 126 when the command cannot be executed, 127 when it (or the
shell of --check) is not found. A sweep exits 1 when any run crashed, timed out or left a bad
state, else 0.
`;
