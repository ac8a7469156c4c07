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
    hint: 'Enter the username and password your administrator set up for you.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    missing: 'Enter your username and password',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {name}',
  },
  connection: {
    connecting: 'Connecting',
    live: 'Live',
    resyncing: 'Resyncing',
    reconnecting: 'Reconnecting',
    offline: 'Offline',
    signedOut: 'Not signed in',
  },
};
