/**
 * Our media route (`GET /media/files/{id}`) against nginx's sendfile on the same 1 GiB file.
 * Both servers run as child processes (ours: `kinoteka serve`, one Node process; nginx: one
 * worker, `sendfile on`), the client is curl for both, and the two are measured alternately:
 *
 * - full file: one `curl -o /dev/null` of the whole file at a time, MiB/s;
 * - random ranges: the same list of random `Range: bytes=a-b` requests (256 KiB each by
 *   default) for both, sent by one curl process over keep-alive connections, 8 at a time,
 *   requests/s and MiB/s, and the server's CPU time (user + system, every thread; from /proc)
 *   per request, which a machine shared with other work disturbs less. The bytes of a sample
 *   of ranges are checked against the file.
 *
 * The file is random bytes in a temp dir (named like a copy of a catalogue film so the library
 * indexes it); it is deleted at the end. Usage:
 *   node --import tsx bench/media/range.ts [--mib 1024] [--rounds 3] [--ranges 2000]
 *     [--range-kib 256] [--parallel 8] [--cpu-prof DIR]
 * (`--cpu-prof DIR`: our server runs under `node --cpu-prof`; the profile is written to DIR when
 * it stops; open it in Chrome DevTools, Performance tab.)
 * Needs nginx (apt-get install -y nginx-light) and curl.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MIB = opt('mib', 1024);
const ROUNDS = opt('rounds', 3);
const RANGES = opt('ranges', 2000);
const RANGE_BYTES = opt('range-kib', 256) * 1024;
const PARALLEL = opt('parallel', 8);
/** `--cpu-prof DIR`: our server runs under `node --cpu-prof` and writes its profile there. */
const PROF_AT = args.indexOf('--cpu-prof');
const PROF_DIR = PROF_AT >= 0 ? path.resolve(args[PROF_AT + 1] ?? '.') : undefined;
const ROOT = path.resolve(import.meta.dirname, '../..');
const SIZE = MIB * 1024 * 1024;

function need(cmd: string, pkg: string): void {
  if (spawnSync('which', [cmd]).status !== 0) {
    console.error(
      `${cmd} is missing, so there is nothing to compare with: apt-get install -y ${pkg}`,
    );
    process.exit(1);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(url, { method: 'HEAD' });
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

function kinoteka(argv: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/kinoteka.mjs'), ...argv], {
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`kinoteka ${argv.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function curl(argv: string[]): string {
  const r = spawnSync('curl', ['-s', '--fail', ...argv], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`curl ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Seconds for one whole-file download. */
function fullFile(url: string): number {
  const t = process.hrtime.bigint();
  const size = Number(curl(['-o', '/dev/null', '-w', '%{size_download}', url]));
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (size !== SIZE) throw new Error(`${url}: ${size} bytes, expected ${SIZE}`);
  return s;
}

/**
 * CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux; NaN
 * elsewhere). nginx's master forks the worker that serves: its children are counted with it.
 */
function cpuSeconds(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  const of = (p: number): number => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      return NaN;
    }
  };
  let kids: number[] = [];
  try {
    kids = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    /* not Linux */
  }
  return kids.reduce((sum, k) => sum + of(k), of(pid));
}

/** Seconds for the whole list of ranges, PARALLEL at a time over keep-alive connections. */
function randomRanges(url: string, config: string): number {
  const t = process.hrtime.bigint();
  const out = curl(['--parallel', '--parallel-max', String(PARALLEL), '-K', config]);
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  const lines = out.trim().split('\n');
  const bad = lines.filter((l) => l !== `206 ${RANGE_BYTES}`);
  if (lines.length !== RANGES || bad.length)
    throw new Error(`${url}: ${lines.length} answers, ${bad.length} not 206 (${bad[0]})`);
  return s;
}

need('nginx', 'nginx-light');
need('curl', 'curl');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-bench-range-'));
fs.chmodSync(WORK, 0o755); // nginx workers drop privileges; they must read the file
const children: ChildProcess[] = [];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('exit', stop);

try {
  const lib = path.join(WORK, 'media');
  const dir = path.join(lib, 'Mother (1926)');
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(lib, 0o755);
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, 'Mother (1926).mp4');
  process.stderr.write(`writing ${MIB} MiB of random bytes to ${file}\n`);
  const fd = fs.openSync(file, 'w', 0o644);
  const block = randomBytes(8 << 20);
  for (let written = 0; written < SIZE; written += block.length) {
    fs.writeSync(fd, block, 0, Math.min(block.length, SIZE - written));
    block.writeUInt32LE(written, 0); // blocks differ, so a wrong offset shows in the check
  }
  fs.closeSync(fd);

  const env = {
    ...process.env,
    KINOTEKA_DATABASE_URL: path.join(WORK, 'bench.db'),
    KINOTEKA_MEDIA_ROOTS: lib,
    KINOTEKA_MEDIA_CACHE_DIR: path.join(WORK, 'hls'),
    KINOTEKA_LOG_LEVEL: 'error',
  };
  kinoteka(['db', 'migrate'], env);
  kinoteka(['media', 'scan', '--no-probe', '--json'], env);
  const listed = JSON.parse(kinoteka(['media', 'list', '--json'], env)) as { id: number }[];
  if (listed.length !== 1) throw new Error(`the library lists ${listed.length} videos, not 1`);

  const oursPort = await freePort();
  const profArgs = PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROF_DIR] : [];
  const ours = spawn(
    process.execPath,
    [...profArgs, path.join(ROOT, 'bin/kinoteka.mjs'), 'serve'],
    {
      env: {
        ...env,
        KINOTEKA_PORT: String(oursPort),
        KINOTEKA_HOST: '127.0.0.1',
        KINOTEKA_MEDIA_WORKERS: '1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(ours);
  const oursUrl = `http://127.0.0.1:${oursPort}/media/files/${listed[0]!.id}`;

  const nginxPort = await freePort();
  const conf = path.join(WORK, 'nginx.conf');
  const tmp = path.join(WORK, 'tmp');
  fs.mkdirSync(tmp);
  fs.writeFileSync(
    conf,
    `worker_processes 1;
pid ${WORK}/nginx.pid;
error_log ${WORK}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${tmp}; proxy_temp_path ${tmp}; fastcgi_temp_path ${tmp};
  uwsgi_temp_path ${tmp}; scgi_temp_path ${tmp};
  server {
    listen 127.0.0.1:${nginxPort};
    location = /film.mp4 { alias "${file}"; default_type video/mp4; }
  }
}
`,
  );
  const nginx = spawn('nginx', ['-c', conf, '-p', WORK, '-g', 'daemon off;'], {
    stdio: 'inherit',
  });
  children.push(nginx);
  const nginxUrl = `http://127.0.0.1:${nginxPort}/film.mp4`;
  await Promise.all([waitFor(oursUrl), waitFor(nginxUrl)]);

  // The same ranges for both; a sample of them checked byte for byte against the file.
  const starts = Array.from({ length: RANGES }, () =>
    Math.floor(Math.random() * (SIZE - RANGE_BYTES)),
  );
  const configs = new Map<string, string>();
  for (const [name, url] of [
    ['ours', oursUrl],
    ['nginx', nginxUrl],
  ] as const) {
    const cfg = path.join(WORK, `${name}.curlrc`);
    fs.writeFileSync(
      cfg,
      starts
        .map(
          (s) =>
            `url = "${url}"\nrange = ${s}-${s + RANGE_BYTES - 1}\noutput = /dev/null\nwrite-out = "%{http_code} %{size_download}\\n"\n`,
        )
        .join('next\n'),
    );
    configs.set(url, cfg);
  }
  const fdr = fs.openSync(file, 'r');
  for (const s of starts.slice(0, 5)) {
    const want = Buffer.alloc(RANGE_BYTES);
    fs.readSync(fdr, want, 0, RANGE_BYTES, s);
    const digest = createHash('sha256').update(want).digest('hex');
    for (const url of [oursUrl, nginxUrl]) {
      const r = spawnSync('curl', ['-s', '-r', `${s}-${s + RANGE_BYTES - 1}`, url]);
      if (createHash('sha256').update(r.stdout).digest('hex') !== digest)
        throw new Error(`${url}: range ${s} has the wrong bytes`);
    }
  }
  fs.closeSync(fdr);

  // Warm the page cache (and ours' JIT) before measuring.
  fullFile(nginxUrl);
  fullFile(oursUrl);

  const full = { ours: [] as number[], nginx: [] as number[] };
  const ranged = { ours: [] as number[], nginx: [] as number[] };
  // server CPU per range request, µs: steadier than requests/s on a machine shared with other work
  const cpu = { ours: [] as number[], nginx: [] as number[] };
  const cpuPer = (pid: number, run: () => void) => {
    const before = cpuSeconds(pid);
    run();
    return ((cpuSeconds(pid) - before) * 1e6) / RANGES;
  };
  for (let round = 1; round <= ROUNDS; round++) {
    full.ours.push(fullFile(oursUrl));
    full.nginx.push(fullFile(nginxUrl));
    cpu.ours.push(
      cpuPer(ours.pid!, () => ranged.ours.push(randomRanges(oursUrl, configs.get(oursUrl)!))),
    );
    cpu.nginx.push(
      cpuPer(nginx.pid!, () => ranged.nginx.push(randomRanges(nginxUrl, configs.get(nginxUrl)!))),
    );
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const mibs = (bytes: number, s: number) => bytes / (1024 * 1024) / s;
  const fo = mibs(SIZE, median(full.ours));
  const fn = mibs(SIZE, median(full.nginx));
  const ro = RANGES / median(ranged.ours);
  const rn = RANGES / median(ranged.nginx);
  const rangeMib = RANGE_BYTES / (1024 * 1024);
  console.log(
    `\n${MIB} MiB file, curl client, ${ROUNDS} alternating rounds, medians; ${RANGES} random ${RANGE_BYTES / 1024} KiB ranges, ${PARALLEL} at a time; node ${process.version}, ${os.cpus().length} cores\n`,
  );
  console.log('| test | ours | nginx sendfile | ours/nginx |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| full file, MiB/s | ${fo.toFixed(0)} | ${fn.toFixed(0)} | ${(fo / fn).toFixed(2)} |`,
  );
  console.log(
    `| random ranges, req/s | ${ro.toFixed(0)} | ${rn.toFixed(0)} | ${(ro / rn).toFixed(2)} |`,
  );
  console.log(
    `| random ranges, MiB/s | ${(ro * rangeMib).toFixed(0)} | ${(rn * rangeMib).toFixed(0)} | ${(ro / rn).toFixed(2)} |`,
  );
  const co = median(cpu.ours);
  const cn = median(cpu.nginx);
  console.log(
    `| random ranges, server CPU µs/request | ${co.toFixed(0)} | ${cn.toFixed(0)} | ${(co / cn).toFixed(2)} |`,
  );
  console.log(
    `\nload average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
} finally {
  stop();
  fs.rmSync(WORK, { recursive: true, force: true });
}
