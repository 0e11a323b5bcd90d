import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// While the desk runs on the embedded database, it alone may open the data folder. The CLI then
// works through the desk: it sends its arguments over a Unix socket in the data folder (only the
// folder's owner can reach it) and the desk runs the command in-process.

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (argv: string[], stdin: Buffer) => Promise<CommandResult>;

export function controlSocketPath(dataDir: string): string {
  const inFolder = path.join(dataDir, 'control.sock');
  // Unix socket paths are limited to about 100 bytes
  if (Buffer.byteLength(inFolder) < 100) return inFolder;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `pipefitter-${hash}.sock`);
}

export async function startControlServer(socketPath: string, run: CommandRunner): Promise<{ close(): Promise<void> }> {
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      let argv: string[];
      let stdin: Buffer;
      try {
        const request = JSON.parse(buffer.slice(0, newline)) as { argv: string[]; stdin?: string };
        argv = request.argv;
        stdin = Buffer.from(request.stdin ?? '', 'base64');
      } catch {
        socket.end(`${JSON.stringify({ code: 2, stdout: '', stderr: 'bad control request\n' })}\n`);
        return;
      }
      run(argv, stdin).then(
        (result) => socket.end(`${JSON.stringify(result)}\n`),
        (err: Error) => socket.end(`${JSON.stringify({ code: 1, stdout: '', stderr: `${err.message}\n` })}\n`),
      );
    });
    socket.on('error', () => {});
  });
  const previousMask = process.umask(0o177); // the socket file is created 0600
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(previousMask);
  }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}

export function sendControlCommand(socketPath: string, argv: string[], stdin?: Buffer): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ argv, stdin: stdin?.toString('base64') })}\n`));
    socket.on('data', (chunk) => {
      buffer += chunk;
    });
    socket.on('end', () => {
      try {
        resolve(JSON.parse(buffer) as CommandResult);
      } catch {
        reject(new Error('the running desk closed the control connection without an answer'));
      }
    });
    socket.on('error', reject);
  });
}
