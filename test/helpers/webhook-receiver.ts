import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP endpoint that receives the desk's webhooks and checks their signatures as a
// receiver would.

export interface ReceivedWebhook {
  event: string;
  delivery: string;
  signatureValid: boolean;
  body: { id: string; event: string; at: string; data: Record<string, unknown> };
}

export async function startWebhookReceiver(secret: string) {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
      received.push({
        event: String(request.headers['x-pipefitter-event']),
        delivery: String(request.headers['x-pipefitter-delivery']),
        signatureValid: request.headers['x-pipefitter-signature'] === expected,
        body: JSON.parse(raw),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
