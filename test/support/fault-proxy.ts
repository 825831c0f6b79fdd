import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '../../scripts/local/components';

/**
 * A TCP proxy in front of a real local component, to inject network faults without mocks:
 * `pass` forwards, `down` closes the port (connection refused), `hang` accepts and never answers.
 */
export class FaultProxy {
  private server?: Server;
  private sockets = new Set<Socket>();
  mode: 'pass' | 'hang' = 'pass';

  private constructor(
    readonly port: number,
    private readonly target: URL,
  ) {}

  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(await freePort(), new URL(target));
    await proxy.up();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    if (this.server) return;
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'hang') return;
      const upstream = connect(Number(this.target.port), this.target.hostname);
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    // Let clients notice their kept-alive sockets closed, so the next request opens a new connection (and is
    // refused) instead of writing into a dead socket, which would be an ambiguous failure.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
