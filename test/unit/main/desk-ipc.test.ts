import { describe, expect, it, vi } from 'vitest';
import { DESK_CHANNELS, unwrapAnswer } from '../../../src-main/desk-channels';
import { answerIpc, deskIpcTable, type DeskIpcPort, type DeskSender } from '../../../src-main/desk-ipc';
import { isDeskPage } from '../../../src-main/window-options';

const entry = 'app://desk/index.html';
const deskPage: DeskSender = { url: `${entry}#/queue`, topFrame: true, windowId: 7 };
const TOKEN = 'secret-token-0123456789';

function harness() {
  const port: DeskIpcPort & { tokenValue: string | null } = {
    tokenValue: null,
    version: () => '0.1.0',
    serviceOrigin: async () => 'http://127.0.0.1:41234',
    token: () => port.tokenValue,
    setToken: (t) => (port.tokenValue = t),
    openView: vi.fn(),
  };
  const log = vi.fn();
  const table = deskIpcTable(port);
  const context = { isDeskSender: (s: DeskSender) => s.url !== undefined && isDeskPage(s.url, entry), log };
  const ask = (channel: string, payload?: unknown, sender: DeskSender = deskPage) => answerIpc(table, channel, sender, payload, context);
  return { port, log, ask, table };
}

describe('the desk IPC table', () => {
  it('has a schema and a handler for every channel the preload uses', () => {
    expect(Object.keys(harness().table).sort()).toEqual(Object.values(DESK_CHANNELS).sort());
  });

  it('answers a desk page', async () => {
    const { ask } = harness();
    await expect(ask(DESK_CHANNELS.version)).resolves.toEqual({ ok: true, value: '0.1.0' });
    await expect(ask(DESK_CHANNELS.serviceOrigin)).resolves.toEqual({ ok: true, value: 'http://127.0.0.1:41234' });
  });

  it('one sign-in per desk: the token set by one window is what every window reads', async () => {
    const { ask, port } = harness();
    await expect(ask(DESK_CHANNELS.signIn, { token: TOKEN })).resolves.toEqual({ ok: true, value: true });
    expect(port.tokenValue).toBe(TOKEN);
    await expect(ask(DESK_CHANNELS.signInToken, undefined, { ...deskPage, url: `${entry}#/map`, windowId: 8 })).resolves.toEqual({ ok: true, value: TOKEN });
    await ask(DESK_CHANNELS.signOut);
    await expect(ask(DESK_CHANNELS.signInToken)).resolves.toEqual({ ok: true, value: null });
  });

  it('opens a view near the asking window', async () => {
    const { ask, port } = harness();
    await ask(DESK_CHANNELS.openView, { view: 'map' });
    expect(port.openView).toHaveBeenCalledWith('map', 7);
  });

  it.each([
    ['another site', { url: 'https://evil.example/', topFrame: true, windowId: 7 }],
    ['a local file', { url: 'file:///tmp/x.html', topFrame: true, windowId: 7 }],
    ['another app:// host', { url: 'app://other/index.html', topFrame: true, windowId: 7 }],
    ['an iframe of a desk page', { ...deskPage, topFrame: false }],
    ['a frame that is gone', { url: undefined, topFrame: true, windowId: 7 }],
  ])('refuses %s and logs it', async (_label, sender) => {
    const { ask, log, port } = harness();
    const answer = await ask(DESK_CHANNELS.signIn, { token: TOKEN }, sender);
    expect(answer).toMatchObject({ ok: false, code: 'foreign-sender' });
    expect(port.tokenValue).toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('refused (foreign-sender)'));
  });

  it.each([
    [DESK_CHANNELS.signIn, { token: 'short' }],
    [DESK_CHANNELS.signIn, { token: TOKEN, extra: 1 }],
    [DESK_CHANNELS.signIn, TOKEN],
    [DESK_CHANNELS.openView, { view: 'settings' }],
    [DESK_CHANNELS.version, { anything: true }],
  ])('refuses a bad payload on %s without echoing it', async (channel, payload) => {
    const { ask, log } = harness();
    const answer = await ask(channel, payload);
    expect(answer).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(JSON.stringify(log.mock.calls)).not.toContain(TOKEN);
  });

  it('refuses unknown channels, including inherited names', async () => {
    const { ask } = harness();
    await expect(ask('desk:shell-open', {})).resolves.toMatchObject({ ok: false, code: 'unknown-channel' });
    await expect(ask('toString')).resolves.toMatchObject({ ok: false, code: 'unknown-channel' });
  });

  it('turns a failing handler into a refusal', async () => {
    const { table, log } = harness();
    const failing = { ...table, [DESK_CHANNELS.serviceOrigin]: { ...table[DESK_CHANNELS.serviceOrigin], handle: () => Promise.reject(new Error('service down')) } };
    const answer = await answerIpc(failing, DESK_CHANNELS.serviceOrigin, deskPage, undefined, { isDeskSender: () => true, log });
    expect(answer).toEqual({ ok: false, code: 'failed', message: 'service down' });
  });

  it('the preload unwraps answers into values or errors', () => {
    expect(unwrapAnswer({ ok: true, value: 3 })).toBe(3);
    expect(() => unwrapAnswer({ ok: false, code: 'foreign-sender', message: 'not a desk page' })).toThrow('foreign-sender: not a desk page');
    expect(() => unwrapAnswer(undefined)).toThrow('no answer');
  });
});
