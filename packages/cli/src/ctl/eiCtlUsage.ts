/** ei-ctl's help text. */
export const EI_CTL_USAGE = `Usage: ei-ctl [options] list
       ei-ctl [options] <pid> ls [DIR]
       ei-ctl [options] <pid> read PATH
       ei-ctl [options] <pid> write PATH VALUE

Reads and writes the control tree of a running process that opted in (ERRINJECT_CONTROL=1 in its
environment, or failcmd --control), through its Unix domain socket in this user's socket directory.

  list                  your processes that listen: pid, user, start time and uptime, working
                        directory, command line (the script, or -e/-p and the beginning of its
                        code, [stdin] for a script read from stdin); sockets left by processes
                        that are gone are removed. The socket directory is yours only (mode
                        0700), so no one else's process is ever listed
  <pid> ls [DIR]        the entries of a directory (default: the debugfs root)
  <pid> read PATH       a file's content
  <pid> write PATH VALUE   write VALUE to a file; a VALUE that begins with "-" is a value

PATH and DIR: "self", "self/..." and "/proc/..." are procfs (self/fail-nth, self/make-it-fail: the
process's root task); anything else is debugfs (fail_function/times, /sys/kernel/debug/...).

Options (before the command, or after list):
  --color, --no-color   colour the list's header, or not, whatever the environment says
                        (otherwise: on a terminal, unless NO_COLOR, NODE_DISABLE_COLORS or
                        TERM=dumb; FORCE_COLOR=1/2/3 forces it, FORCE_COLOR=0 turns it off)
  -h, --help            this text
  -V, --version         ei-ctl's version

Exit status: 0 done; 1 the control tree refused (its errno name and message are printed); 2 a bad
command line, or no process that opted in listens for that pid.
`;
