import { DESK_BUS_CHANNEL, deskBusEnvelopeSchema, type DeskBusMessage } from '../../src-shared/contract/desk-bus';

/** This window's id on the bus: windows ignore their own messages. */
const windowId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

type Listener = (message: DeskBusMessage) => void;

/**
 * One BroadcastChannel per window, shared by every feature. It works the same in Electron and
 * in a plain browser (same origin), so a browser-only big screen joins the desk too.
 */
class DeskBus {
  private channel: BroadcastChannel | undefined;
  private readonly listeners = new Set<Listener>();

  private open(): BroadcastChannel {
    if (!this.channel) {
      this.channel = new BroadcastChannel(DESK_BUS_CHANNEL);
      this.channel.onmessage = (event: MessageEvent<unknown>) => {
        const parsed = deskBusEnvelopeSchema.safeParse(event.data);
        if (!parsed.success || parsed.data.from === windowId) return;
        for (const listener of this.listeners) listener(parsed.data.message);
      };
    }
    return this.channel;
  }

  publish(message: DeskBusMessage): void {
    this.open().postMessage({ from: windowId, message });
  }

  /** Listens until the returned function is called (call it on unmount). */
  subscribe(listener: Listener): () => void {
    this.open();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const deskBus = new DeskBus();
