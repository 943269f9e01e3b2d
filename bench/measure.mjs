// measure(cmd, args, {cwd, stdout}) -> {wallMs, maxRssKiB, code, stderr}
//
// Node cannot read a child's rusage, so a small Python helper (the system
// /usr/bin/python3, which is always there with Reclass) spawns the command,
// reaps it with os.wait4() and prints wall time and ru_maxrss as JSON. The clock
// starts just before the spawn and stops when wait4 returns, so the helper's own
// start-up is not counted. ru_maxrss (KiB on Linux) is the peak RSS of the
// measured process itself (or of its largest reaped descendant), not the helper's;
// it has a floor of ~10 MB, the helper's size the child had between fork and exec,
// which is far below what either tool uses.
import { spawnSync } from 'node:child_process';

const HELPER = `
import json, os, subprocess, sys, time
argv, out = json.loads(sys.argv[1]), sys.argv[2]
sink = open(out, 'wb')
t0 = time.perf_counter()
p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=sink)  # stderr: inherited
_, status, ru = os.wait4(p.pid, 0)
t1 = time.perf_counter()
p.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
print(json.dumps({"wallMs": (t1 - t0) * 1000, "maxRssKiB": ru.ru_maxrss, "code": p.returncode}))
`;

/**
 * Runs `cmd args` once. stdout goes to /dev/null (or to the file opts.stdout);
 * stderr is captured and returned. code is the exit code (negative: killed by signal).
 */
export function measure(cmd, args, { cwd = process.cwd(), stdout = '/dev/null' } = {}) {
  const r = spawnSync('/usr/bin/python3', ['-c', HELPER, JSON.stringify([cmd, ...args]), stdout], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  let res;
  try {
    res = JSON.parse(r.stdout.trim().split('\n').at(-1));
  } catch {
    // The helper itself failed (e.g. the command does not exist).
    return { wallMs: NaN, maxRssKiB: NaN, code: r.status ?? -1, stderr: r.stderr };
  }
  return { ...res, stderr: r.stderr };
}
