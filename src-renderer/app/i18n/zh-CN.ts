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
  issues: {
    queue: '案件队列与派遣',
    map: '三维城市地图 (CesiumJS)',
    video: '视频监控墙 (HLS)',
    kpi: '考核评价看板 (ECharts)',
    wall: '指挥大屏总览',
    duty: '应急联动值班',
  },
  shell: {
    language: '语言',
    viewTabs: '视图',
    arrivesWith: '本视图随「{issue}」议题上线；现在显示的是已载入的演示辖区。',
    version: '版本 {version}',
    webDesk: '网页版',
  },
  signIn: {
    title: '登录',
    hint: '本服务未开启演示模式，请输入管理员发放的访问令牌。',
    token: '访问令牌',
    submit: '登录',
  },
  connection: {
    connecting: '连接中',
    live: '实时',
    resyncing: '同步中',
    reconnecting: '重连中',
    offline: '服务离线',
  },
  district: {
    title: '演示辖区',
    loading: '正在载入辖区数据…',
    failed: '无法载入辖区数据：{reason}',
    retry: '重试',
    streets: '街道',
    communities: '社区',
    grids: '网格',
    gridTypesTitle: '网格类型',
    gridTypeA: '单位型',
    gridTypeB: '小区型',
    gridTypeC: '街巷型',
    components: '城市部件',
    componentKinds: '{kinds} 小类',
    cameras: '摄像头',
    departments: '专业部门',
    users: '用户',
    streetList: '街道一览',
    streetName: '街道',
    streetCode: '编码',
    streetCommunities: '社区数',
    streetGrids: '网格数',
  },
} as const;

/** The shape every language file must have: same keys, any text. */
export type DeskMessages = {
  [Section in keyof typeof zhCN]: { [Key in keyof (typeof zhCN)[Section]]: string };
};
