/**
 * Our collection page and film JSON against nginx serving the very same bytes as static files.
 * Both servers run as child processes with one worker each; wrk (Debian) loads them on
 * loopback, alternating ours and nginx's in rounds, and the table shows requests per second,
 * p99 latency and the ratio. Usage: npm run bench:pages [-- --seconds 5 --rounds 3]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = opt('seconds', 5);
const ROUNDS = opt('rounds', 3);
const CONNECTIONS = opt('connections', 32);
const ROOT = path.resolve(import.meta.dirname, '../..');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-bench-'));
// nginx workers drop root privileges; they must be able to read the files.
fs.chmodSync(WORK, 0o755);
const OURS = 18081;
const NGINX = 18082;

const TARGETS = [
  { name: 'collection page', path: '/collections/mothers-in-soviet-cinema', type: 'text/html' },
  { name: 'film JSON', path: '/api/v1/films/the-cranes-are-flying-1957', type: 'application/json' },
];

function need(cmd: string): void {
  if (spawnSync('which', [cmd]).status !== 0) {
    console.error(`${cmd} is missing: apt-get install -y ${cmd === 'nginx' ? 'nginx-light' : cmd}`);
    process.exit(1);
  }
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

function wrk(url: string): { rps: number; p99ms: number } {
  const r = spawnSync(
    'wrk',
    [
      '-t1',
      `-c${CONNECTIONS}`,
      `-d${SECONDS}s`,
      '--latency',
      '-H',
      'Accept-Encoding: identity',
      url,
    ],
    { encoding: 'utf8' },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1]);
  const m = /99%\s+([\d.]+)(us|ms|s)/.exec(r.stdout);
  const p99ms = m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
  if (!Number.isFinite(rps)) throw new Error(`wrk failed: ${r.stdout}${r.stderr}`);
  return { rps, p99ms };
}

need('wrk');
need('nginx');
const children: ChildProcess[] = [];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('exit', stop);

try {
  // Ours: the real server on a fresh SQLite file with the default content.
  const ours = spawn(process.execPath, [path.join(ROOT, 'bin/kinoteka.mjs'), 'serve'], {
    env: {
      ...process.env,
      KINOTEKA_DATABASE_URL: path.join(WORK, 'bench.db'),
      KINOTEKA_PORT: String(OURS),
      KINOTEKA_HOST: '127.0.0.1',
      KINOTEKA_LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(ours);
  await waitFor(`http://127.0.0.1:${OURS}/`);

  // The peer: the same bytes, written to disk, served by nginx.
  const www = path.join(WORK, 'www');
  for (const t of TARGETS) {
    const body = Buffer.from(
      await (await fetch(`http://127.0.0.1:${OURS}${t.path}`)).arrayBuffer(),
    );
    fs.mkdirSync(path.join(www, t.path), { recursive: true });
    fs.writeFileSync(path.join(www, t.path, 'index'), body);
  }
  const conf = path.join(WORK, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `worker_processes 1;
pid ${WORK}/nginx.pid;
error_log ${WORK}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  etag on;
  client_body_temp_path ${WORK}/tmp; proxy_temp_path ${WORK}/tmp; fastcgi_temp_path ${WORK}/tmp;
  uwsgi_temp_path ${WORK}/tmp; scgi_temp_path ${WORK}/tmp;
  server {
    listen 127.0.0.1:${NGINX};
    root ${www};
    ${TARGETS.map((t) => `location = ${t.path} { default_type ${t.type}; try_files ${t.path}/index =404; }`).join('\n    ')}
  }
}
`,
  );
  fs.mkdirSync(path.join(WORK, 'tmp'));
  const nginx = spawn('nginx', ['-c', conf, '-p', WORK, '-g', 'daemon off;'], { stdio: 'inherit' });
  children.push(nginx);
  await waitFor(`http://127.0.0.1:${NGINX}${TARGETS[0]!.path}`);

  // Same bytes on both sides, or the comparison means nothing.
  for (const t of TARGETS) {
    const a = Buffer.from(await (await fetch(`http://127.0.0.1:${OURS}${t.path}`)).arrayBuffer());
    const b = Buffer.from(await (await fetch(`http://127.0.0.1:${NGINX}${t.path}`)).arrayBuffer());
    if (!a.equals(b)) throw new Error(`${t.path}: ours and nginx serve different bytes`);
  }

  const results = new Map<
    string,
    { ours: { rps: number; p99ms: number }[]; nginx: { rps: number; p99ms: number }[] }
  >();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of TARGETS) {
      const r = results.get(t.name) ?? { ours: [], nginx: [] };
      r.ours.push(wrk(`http://127.0.0.1:${OURS}${t.path}`));
      r.nginx.push(wrk(`http://127.0.0.1:${NGINX}${t.path}`));
      results.set(t.name, r);
      process.stderr.write(`round ${round}/${ROUNDS}: ${t.name} done\n`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `\nwrk -t1 -c${CONNECTIONS} -d${SECONDS}s, ${ROUNDS} alternating rounds, medians; node ${process.version}, ${os.cpus().length} cores\n`,
  );
  console.log('| target | ours req/s | nginx req/s | ours/nginx | ours p99 ms | nginx p99 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, r] of results) {
    const o = median(r.ours.map((x) => x.rps));
    const n = median(r.nginx.map((x) => x.rps));
    console.log(
      `| ${name} | ${o.toFixed(0)} | ${n.toFixed(0)} | ${(o / n).toFixed(2)} | ${median(r.ours.map((x) => x.p99ms)).toFixed(2)} | ${median(r.nginx.map((x) => x.p99ms)).toFixed(2)} |`,
    );
  }
} finally {
  stop();
  fs.rmSync(WORK, { recursive: true, force: true });
}
