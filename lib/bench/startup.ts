// `npm run bench:startup`: the time from `npm start` on a fresh checkout (no build, empty database) to a signed-in
// overview with data, and the server's memory at idle. The goal is ≤ 90 s on 2 cores.
// The reference measured in the same run is a warm restart (build and data already there).
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed-users';

const root = process.cwd();
const PORT = 3217;
const base = `http://127.0.0.1:${PORT}`;

function cookieHeader(jar: Map<string, string>) {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
function keep(jar: Map<string, string>, res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}

/** Signs in as the stakeholder and returns true once the overview shows an active-customer count. */
async function overviewPopulated(): Promise<boolean> {
  try {
    const jar = new Map<string, string>();
    const csrfRes = await fetch(`${base}/api/auth/csrf`);
    keep(jar, csrfRes);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const email = DEMO_USERS.find((u) => u.role === 'stakeholder')!.email;
    const login = await fetch(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
      body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: '/' }),
    });
    keep(jar, login);
    const page = await fetch(`${base}/`, { headers: { cookie: cookieHeader(jar) }, redirect: 'manual' });
    const html = await page.text();
    return page.status === 200 && /Active customers/.test(html) && /\d{1,3},\d{3}/.test(html);
  } catch {
    return false;
  }
}

function treeRssMb(pid: number): number {
  const out = execSync('ps -eo pid=,ppid=,rss=', { encoding: 'utf8' });
  const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const kids = new Map<number, number[]>();
  for (const [p, pp] of rows) kids.set(pp, [...(kids.get(pp) ?? []), p]);
  const rss = new Map(rows.map(([p, , r]) => [p, r]));
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(kids.get(p) ?? []));
  }
  return total / 1024;
}

function serverRssMb(): number {
  const out = execSync('ps -eo rss=,args=', { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.includes('next-server'));
  return line ? Number(line.trim().split(/\s+/)[0]) / 1024 : NaN;
}

async function startAndMeasure(label: string, env: NodeJS.ProcessEnv): Promise<{ label: string; seconds: number; serverMb: number; treeMb: number }> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'lib/cli/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    while (!(await overviewPopulated())) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (performance.now() - t0 > 300_000) throw new Error('no populated overview after 300 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 10_000)); // settle to idle
    return { label, seconds, serverMb: serverRssMb(), treeMb: treeRssMb(child.pid!) };
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-bench-'));
  const env = { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', PGLITE_DIR: path.join(dir, 'pglite') } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  fs.rmSync(path.join(root, '.next'), { recursive: true, force: true });
  const cold = await startAndMeasure('fresh checkout: build + migrate + seed 20k demo', env);
  const warm = await startAndMeasure('reference: warm restart (built, seeded)', env);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log('\nnpm start → signed-in overview with data (2 cores)');
  console.log('| run | seconds | next-server RSS at idle (MB) | whole process tree (MB) |');
  console.log('|---|---|---|---|');
  for (const r of [cold, warm]) console.log(`| ${r.label} | ${r.seconds.toFixed(1)} | ${r.serverMb.toFixed(0)} | ${r.treeMb.toFixed(0)} |`);
  console.log(`\ncold start ÷ goal (90 s): ${(cold.seconds / 90).toFixed(2)}; cold ÷ warm reference: ${(cold.seconds / warm.seconds).toFixed(1)}×`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
