/** Product text in Chinese, the default language. The English file must have the same keys. */
export const zhCN = {
  product: {
    name: '东城区网格化城市管理指挥中心',
    short: '网格化指挥中心',
  },
  views: {
    queue: '案件队列',
    map: '城市地图',
    video: '视频监控',
    kpi: '考核评价',
    wall: '大屏总览',
    duty: '应急值班',
  },
  shell: {
    language: '语言',
    viewTabs: '视图',
    version: '版本 {version}',
    webDesk: '网页版',
  },
  signIn: {
    title: '登录',
    hint: '请输入系统管理员为您开设的账号和密码。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    busy: '正在登录…',
    missing: '请输入用户名和密码',
    signOut: '退出登录',
    signedInAs: '当前用户：{name}',
  },
  connection: {
    connecting: '连接中',
    live: '实时',
    resyncing: '同步中',
    reconnecting: '重连中',
    offline: '服务离线',
    signedOut: '未登录',
  },
} as const;

/** The shape every language file must have: same keys, any text. */
export type DeskMessages = {
  [Section in keyof typeof zhCN]: { [Key in keyof (typeof zhCN)[Section]]: string };
};
