import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src-shared/contract/socket';

export type BenchClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A window signed in as a demo person (websocket only, no reconnection: a bench counts what it sent). */
export async function benchClient(url: string, as: string): Promise<BenchClient> {
  const socket: BenchClient = connect(url, { auth: { as }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
