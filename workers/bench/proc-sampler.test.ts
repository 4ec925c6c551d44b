import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childCpuSeconds, parseStat, procAvailable, sampleTree, subtree } from './proc-sampler.js';

// A child that starts a grandchild; each holds 60 MB of touched memory (resident, not just
// reserved) and says so, then waits to be killed.
const HOLD = "const b=Buffer.alloc(60*1024*1024,1);process.stdout.write('held\\n');setInterval(()=>b[0]++,1000);";
const PARENT = `
const { spawn } = require('node:child_process');
const g = spawn(process.execPath, ['-e', ${JSON.stringify(HOLD)}], { stdio: ['ignore', 'pipe', 'inherit'] });
g.stdout.once('data', () => { ${HOLD} process.stdout.write('grandchild ' + g.pid + '\\n'); });
`;

describe('proc sampler', () => {
  it('parses /proc/PID/stat even when the command name holds spaces and parentheses', () => {
    const parsed = parseStat('4242 (we(ird) name) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 30 12 7 20 0 1 0');
    expect(parsed?.pid).toBe(4242);
    expect(parsed?.ppid).toBe(17);
    expect(parsed?.fields[13]).toBe('12'); // cutime
  });

  it('finds descendants, not siblings', () => {
    const table = [
      { pid: 1, ppid: 0 },
      { pid: 10, ppid: 1 },
      { pid: 11, ppid: 10 },
      { pid: 12, ppid: 11 },
      { pid: 20, ppid: 1 },
    ];
    expect(subtree(table, [10]).sort()).toEqual([10, 11, 12]);
    expect(subtree(table, [99])).toEqual([]);
  });

  it.skipIf(!procAvailable())('sums the resident memory of a real process tree (child + grandchild)', async () => {
    const child = spawn(process.execPath, ['-e', PARENT], { stdio: ['ignore', 'pipe', 'inherit'] });
    let grandchild: number | undefined;
    try {
      grandchild = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /grandchild (\d+)/.exec(out);
          if (m && out.includes('held')) resolve(Number(m[1]));
        });
        child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      const sample = sampleTree([child.pid!]);
      expect(sample.pids).toContain(child.pid);
      expect(sample.pids).toContain(grandchild);
      // Two times 60 MB of touched buffers, plus two Node runtimes.
      expect(sample.rssBytes).toBeGreaterThan(2 * 60 * 1024 * 1024);
      const grandchildAlone = sampleTree([grandchild]).rssBytes;
      expect(grandchildAlone).toBeGreaterThan(60 * 1024 * 1024);
      expect(sample.rssBytes).toBeGreaterThan(grandchildAlone + 60 * 1024 * 1024);
    } finally {
      // The grandchild would outlive its killed parent: it goes first.
      if (grandchild !== undefined) process.kill(grandchild, 'SIGKILL');
      child.kill('SIGKILL');
    }
  });

  it.skipIf(!procAvailable())('counts the CPU time of reaped children', async () => {
    const before = childCpuSeconds()!;
    await new Promise((resolve) =>
      spawn(process.execPath, ['-e', 'const t=Date.now();while(Date.now()-t<300);']).on('close', resolve),
    );
    expect(childCpuSeconds()! - before).toBeGreaterThan(0.2);
  });
});
