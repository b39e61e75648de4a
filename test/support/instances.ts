/** Gateway instances as separate processes (`src/main.ts`), for multi-instance and crash tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { auditLogLine } from './log-audit.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Instance {
  url: string;
  process: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
}

/** Start `src/main.ts` with `env` on top of this process's environment; resolves once it listens. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output}`)), 15_000);
    const onData = () => {
      const match = output.match(/"url":"(http:\/\/[^"]+)".*"msg":"gateway listening"/);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`instance exited with ${code}:\n${output}`)));
  });
  return { url, process: child, output: () => output };
}

/** SIGTERM (graceful) or SIGKILL (a crash), and wait for the process to be gone. */
export async function stop(instance: Instance | undefined, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  if (!instance || instance.process.exitCode !== null || instance.process.signalCode !== null) return;
  const exited = new Promise((resolve) => instance.process.once('exit', resolve));
  instance.process.kill(signal);
  await exited;
  // The banner and start-up lines are not JSON logs; every JSON line goes to the suite's log audit.
  for (const line of instance.output().split('\n')) if (line.startsWith('{')) auditLogLine(line);
}

/** A loopback port free right now (for a process that must know its address before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
