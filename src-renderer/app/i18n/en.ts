import type { DeskMessages } from './zh-CN';

export const en: DeskMessages = {
  product: {
    name: 'Dongcheng Grid Command Centre',
    short: 'Grid Command Centre',
  },
  views: {
    queue: 'Case queue',
    map: 'City map',
    video: 'Cameras',
    kpi: 'Performance',
    wall: 'Big-screen wall',
    duty: 'Emergency duty',
  },
  shell: {
    language: 'Language',
    viewTabs: 'Views',
    version: 'Version {version}',
    webDesk: 'Web desk',
  },
  signIn: {
    title: 'Sign in',
    hint: 'This service is not in demo mode: enter the access token your administrator gave you.',
    token: 'Access token',
    submit: 'Sign in',
  },
  connection: {
    connecting: 'Connecting',
    live: 'Live',
    resyncing: 'Resyncing',
    reconnecting: 'Reconnecting',
    offline: 'Offline',
  },
};
