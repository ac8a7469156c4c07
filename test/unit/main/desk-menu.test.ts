import { describe, expect, it, vi } from 'vitest';
import { deskMenuTemplate, type MenuActions } from '../../../src-main/desk-menu';

describe('the tray menu', () => {
  const actions: MenuActions = {
    switchProfile: vi.fn(),
    openView: vi.fn(),
    moveWindow: vi.fn(),
    toggleFullScreen: vi.fn(),
    reload: vi.fn(),
    quit: vi.fn(),
  };
  const template = deskMenuTemplate(
    {
      profile: 'dispatcher',
      windows: [{ id: 5, view: 'map', displayId: 2, fullScreen: false }],
      displays: [
        { id: 1, label: '1920×1080' },
        { id: 2, label: '2560×1440' },
      ],
      serviceLabel: 'Service: embedded',
    },
    actions,
  );
  const item = (label: string) => template.find((i) => i.label === label);

  it('switches profile, opens views, moves, full-screens and reloads windows, quits', () => {
    expect(item('Profile')?.submenu?.find((i) => i.checked)?.label).toContain('Dispatcher');
    item('Profile')?.submenu?.[1]?.click?.();
    expect(actions.switchProfile).toHaveBeenCalledWith('wall');
    item('Open view')?.submenu?.[3]?.click?.();
    expect(actions.openView).toHaveBeenCalledWith('kpi');
    const move = item('Move to display')?.submenu?.[0];
    expect(move?.label).toBe('地图 Map (display 2)');
    move?.submenu?.[0]?.click?.();
    expect(actions.moveWindow).toHaveBeenCalledWith(5, 1);
    item('Full screen')?.submenu?.[0]?.click?.();
    expect(actions.toggleFullScreen).toHaveBeenCalledWith(5);
    item('Reload window')?.submenu?.[0]?.click?.();
    expect(actions.reload).toHaveBeenCalledWith(5);
    item('Quit')?.click?.();
    expect(actions.quit).toHaveBeenCalled();
  });
});
