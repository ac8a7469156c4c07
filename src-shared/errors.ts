import type { BilingualText } from './i18n-text';

/**
 * Every refusal the product can give, with a stable code (for programs and tests) and a
 * message a person can read (for screens), in both languages. Parameters fill `{name}` slots.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { zh: '提交的内容不完整或格式不正确：{detail}', en: 'The request is incomplete or malformed: {detail}' },
  ROLE_NOT_ALLOWED: { zh: '“{role}”无权执行“{action}”', en: 'A {roleEn} may not {actionEn}' },
  READ_ONLY_ROLE: { zh: '领导账号只能查看，不能办理案卷', en: 'Leaders can view cases but not act on them' },
  STAGE_NOT_ALLOWED: { zh: '案卷处于“{stage}”环节，不能执行“{action}”', en: 'The case is {stageEn}: it cannot {actionEn} now' },
  NOT_YOUR_DEPARTMENT: { zh: '该案卷派给了其他部门，本部门不能办理', en: 'This case was dispatched to another department' },
  VERSION_CONFLICT: { zh: '案卷已被他人更新（当前第{current}版，您看到的是第{expected}版），请查看最新状态后再操作', en: 'Someone else updated this case (now version {current}, you saw {expected}); check the new state and try again' },
  CASE_NOT_FOUND: { zh: '找不到案卷 {caseId}', en: 'No case {caseId}' },
  CASE_EXISTS: { zh: '案卷 {caseId} 已存在', en: 'Case {caseId} already exists' },
  COMMAND_ID_IN_USE: { zh: '该操作编号已被他人使用，请用新的编号重新提交', en: 'This command id was already used by someone else; send it again with a new id' },
  UNKNOWN_CATEGORY: { zh: '未知的案件类别 {categoryCode}', en: 'Unknown case category {categoryCode}' },
  UNKNOWN_DEPARTMENT: { zh: '未知的部门 {departmentId}', en: 'Unknown department {departmentId}' },
  UNKNOWN_GRID: { zh: '未知的单元网格 {gridCode}', en: 'Unknown unit grid {gridCode}' },
  OUTSIDE_DISTRICT: { zh: '上报位置（{lon}, {lat}）不在本区范围内', en: 'The reported location ({lon}, {lat}) is outside the district' },
  LOCATION_REQUIRED: { zh: '请提供上报位置（经纬度或网格编码）', en: 'A location is required (lon/lat or a grid code)' },
  LOCATION_MISMATCH: { zh: '经纬度所在网格 {located} 与填写的网格 {gridCode} 不一致', en: 'The coordinates lie in grid {located}, not in the given grid {gridCode}' },
  REQUEST_PENDING: { zh: '已有待审批的{request}申请，请等待派遣员处理', en: 'A {requestEn} request is already waiting for the dispatcher' },
  NO_PENDING_REQUEST: { zh: '没有待审批的{request}申请', en: 'There is no pending {requestEn} request' },
  ALREADY_SUPERVISED: { zh: '该案卷已在督办中', en: 'This case is already under formal supervision' },
  ALREADY_EVALUATED: { zh: '该案卷已完成满意度回访', en: 'This case already has its satisfaction call-back' },
  ALREADY_REMINDED: { zh: '该环节已提醒过', en: 'A reminder for this link was already raised' },
  ALREADY_OVERDUE: { zh: '该环节已标记超期', en: 'This link is already marked overdue' },
  NO_DEADLINE: { zh: '该环节没有时限', en: 'This link has no deadline' },
  NOT_YET_DUE: { zh: '该环节尚未到期', en: 'This link is not yet due' },
  DUPLICATE_OF_SELF: { zh: '案卷不能与自身合并', en: 'A case cannot be a duplicate of itself' },
  LEAD_ALSO_ASSISTING: { zh: '主办部门不能同时作为协办部门', en: 'The lead department cannot also be an assisting one' },
  EMERGENCY_ROUTE: { zh: '紧急案卷由应急联动值班员派遣', en: 'Urgent cases are dispatched by the emergency duty officer' },
  ALREADY_EMERGENCY: { zh: '该案卷已转入应急联动', en: 'This case is already on the emergency route' },
  // Emergency linkage (应急联动): the plan engine's refusals.
  ALARM_ALREADY_ACKNOWLEDGED: { zh: '警情已由 {by} 于 {at} 确认', en: 'The alarm was already acknowledged by {by} at {at}' },
  UNKNOWN_PLAN: { zh: '未知的应急预案 {planCode}', en: 'Unknown emergency plan {planCode}' },
  EMERGENCY_ALREADY_STARTED: { zh: '该案卷已启动应急预案 {planCode}', en: 'The emergency plan {planCode} was already started for this case' },
  NO_EMERGENCY_RESPONSE: { zh: '该案卷尚未启动应急预案', en: 'No emergency plan has been started for this case' },
  EMERGENCY_CLOSED: { zh: '应急响应已于 {at} 结束，不能再执行该操作', en: 'The emergency response ended at {at}; this can no longer be done' },
  EMERGENCY_STILL_OPEN: { zh: '应急响应尚未结束：请应急值班员先结束应急响应并填写总结', en: 'The emergency response is still running: the duty officer must close it with a summary first' },
  EMERGENCY_NO_RETURN: { zh: '应急联动期间不能回退：请先行处置，事后再定责', en: 'No return during an emergency response: handle it first, settle whose it is afterwards' },
  NOT_LINKED_DEPARTMENT: { zh: '部门 {departmentId} 不是本次应急联动的单位', en: 'Department {departmentId} is not linked to this emergency' },
  ALREADY_LINKED: { zh: '部门 {departmentId} 已在本次应急联动中', en: 'Department {departmentId} is already linked to this emergency' },
  LINKAGE_ALREADY_ACKNOWLEDGED: { zh: '本单位已于 {at} 确认接报', en: 'Your department already acknowledged this emergency at {at}' },
  ALREADY_ARRIVED: { zh: '本单位已于 {at} 报告到场', en: 'Your department already reported its arrival at {at}' },
  UNKNOWN_STEP: { zh: '预案中没有步骤 {stepId}', en: 'The plan has no step {stepId}' },
  STEP_ALREADY_OVERDUE: { zh: '步骤“{step}”已标记超时', en: 'Step "{stepEn}" is already marked overdue' },
  STEP_NOT_YET_DUE: { zh: '步骤“{step}”尚未到时限（{at}）', en: 'Step "{stepEn}" is not due until {at}' },
  STEP_ALREADY_DONE: { zh: '步骤“{step}”已于 {at} 完成', en: 'Step "{stepEn}" was already done at {at}' },
  // The desk's case finder.
  SEARCH_TEXT_INVALID: { zh: '请输入 1–{max} 个字：案卷编号、地址或描述中的词', en: 'Type 1–{max} characters: a case number, an address or words of the description' },
  NOT_AUTHENTICATED: { zh: '请先登录', en: 'Please sign in first' },
  // Intake over HTTP (supervisor terminals, the 12345 hand-off, camera gateways, Open311 apps).
  API_KEY_INVALID: { zh: '接口密钥无效或缺失', en: 'The API key is missing or not valid' },
  BODY_TOO_LARGE: { zh: '提交的内容超过 {limit} 字节上限', en: 'The request body is larger than the {limit}-byte limit' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的提交格式 {type}，请使用 {expected}', en: 'Unsupported request format {type}; use {expected}' },
  PHOTO_TOO_LARGE: { zh: '照片“{name}”超过 {limitMb} MB 上限', en: 'Photo "{name}" is larger than the {limitMb} MB limit' },
  PHOTO_TYPE: { zh: '照片“{name}”不是 JPEG、PNG 或 WebP 图片', en: 'Photo "{name}" is not a JPEG, PNG or WebP image' },
  // Fair reads between windows (src-server/realtime/read-limits.ts).
  TOO_MANY_QUERIES: { zh: '本窗口已有 {limit} 个查询在排队或进行中，请等结果返回后再查', en: 'This window already has {limit} queries queued or running; wait for their answers before asking more' },
  QUERY_RATE: { zh: '查询过于频繁：每个窗口每秒最多 {rate} 个查询，请稍后再试', en: 'Too many queries: at most {rate} a second per window; try again in a moment' },
  TOO_MANY_PHOTOS: { zh: '每次最多上传 {limit} 张照片', en: 'At most {limit} photos per report' },
  PHOTO_NOT_FOUND: { zh: '找不到照片 {photoId}', en: 'No photo {photoId}' },
  UNKNOWN_CAMERA: { zh: '未知的视频探头 {cameraId}', en: 'Unknown camera {cameraId}' },
  UNKNOWN_CAMERA_KIND: { zh: '视频智能识别不支持的类别 {kind}', en: 'Camera detection does not cover the kind {kind}' },
  SERVICE_NOT_FOUND: { zh: '未知的服务类别 {serviceCode}', en: 'Unknown service {serviceCode}' },
  REQUEST_NOT_FOUND: { zh: '找不到诉求 {requestId}', en: 'No service request {requestId}' },
  NO_REPORTER_CONTACT: { zh: '案卷 {caseId} 没有上报人联系方式', en: 'Case {caseId} has no reporter contact' },
  REVEAL_NOT_ALLOWED: { zh: '“{role}”无权查看上报人完整联系方式', en: 'A {roleEn} may not see the reporter\'s full contact' },
  // Accounts and sign-in. One message for an unknown user and a wrong password: which of the two
  // it was would tell a stranger which usernames exist.
  SIGN_IN_FAILED: { zh: '用户名或密码不正确', en: 'The username or password is not correct' },
  ACCOUNT_LOCKED: { zh: '密码连续输错次数过多，账号已锁定，请于 {until} 后再试', en: 'Too many wrong passwords: the account is locked until {until}' },
  ACCOUNT_DISABLED: { zh: '该账号已停用，请联系系统管理员', en: 'This account is disabled; ask the administrator' },
  SESSION_EXPIRED: { zh: '登录已过期或已退出，请重新登录', en: 'Your session has expired or was signed out; please sign in again' },
  DEMO_SIGN_IN_OFF: { zh: '演示登录（?as=）仅在演示模式下可用，请用账号密码登录', en: 'Demo sign-in (?as=) works only in demo mode; sign in with your username and password' },
  WEAK_PASSWORD: { zh: '密码至少需要 {min} 个字符', en: 'The password needs at least {min} characters' },
  USERNAME_TAKEN: { zh: '用户名 {username} 已被使用', en: 'The username {username} is already taken' },
  UNKNOWN_ACCOUNT: { zh: '没有用户名为 {username} 的账号', en: 'There is no account {username}' },
  ADMIN_ONLY: { zh: '只有系统管理员可以{action}', en: 'Only an administrator may {actionEn}' },
  INTERNAL: { zh: '服务内部错误（{detail}），操作未生效，请稍后重试', en: 'Internal service error ({detail}); nothing was changed, please retry' },
} as const satisfies Record<string, BilingualText>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** A refused command or request: a value, never an exception across a boundary. */
export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: BilingualText;
  /** Extra facts for programs (e.g. the current version on a conflict). */
  details?: Record<string, unknown>;
}

export type Params = Record<string, string | number>;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in params ? String(params[name]) : slot,
  );
}

export function refusal(code: ErrorCode, params: Params = {}, details?: Record<string, unknown>): Refusal {
  const template = ERROR_MESSAGES[code];
  const message = { zh: fill(template.zh, params), en: fill(template.en, params) };
  return details === undefined ? { ok: false, code, message } : { ok: false, code, message, details };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
