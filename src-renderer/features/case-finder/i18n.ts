/** Texts of the desk's case finder (the `finder` namespace), in both languages (same keys: a unit test checks). */
const zh = {
  label: '查找案卷',
  button: '查找',
  placeholder: '全部案卷：编号、地址或描述',
  searching: '正在查找…',
  none: '没有找到与“{text}”相符的案卷（在您可查看的范围内）',
  failed: '查找失败：{reason}',
  closedAt: '结案 {at}',
  reportedAt: '上报 {at}',
  exact: '编号相符',
  hint: '↑↓ 选择 · Enter 打开 · Esc 关闭',
  count: '{n} 条',
};

type Messages = { [K in keyof typeof zh]: string };

const en: Messages = {
  label: 'Find a case',
  button: 'Find',
  placeholder: 'Any case: number, address, words',
  searching: 'Searching…',
  none: 'No case matches “{text}” among the cases you may see',
  failed: 'The search failed: {reason}',
  closedAt: 'closed {at}',
  reportedAt: 'reported {at}',
  exact: 'number matches',
  hint: '↑↓ choose · Enter opens · Esc closes',
  count: '{n} found',
};

export const finderMessages = { zh, en };
