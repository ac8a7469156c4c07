import { emergencyPlanSchema, type EmergencyPlan } from './plan-schema';

/**
 * Dongcheng's emergency plans (应急预案) for the urgent categories of the catalog (class 04
 * 突发事件), plus a generic plan for any other urgent case (e.g. one flagged urgent at
 * registration). Step limits run from the moment the duty officer starts the plan, on the
 * natural clock, and end within the category's own handling limit (making the scene safe);
 * the full repair may go on afterwards under the normal loop.
 *
 * The figures are suggestions shaped after published municipal practice (e.g. a gas leak: on
 * site within 30 min, supply cut, cordon, detection until safe), not an official plan.
 */

const DUTY_CONFIRM = { id: 'confirm', title: { zh: '核实警情，通知主办和联动单位', en: 'Confirm the alarm and alert the lead and linked departments' }, by: 'duty', minutes: 5 } as const;
const DUTY_REPORT = { id: 'report-up', title: { zh: '向区应急管理局值班室和带班领导报告', en: 'Report to the district emergency office and the leader on duty' }, by: 'duty', minutes: 15 } as const;

const NOTIFY_DISTRICT = { zh: '区应急管理局值班室', en: 'District emergency management office (duty room)' };
const NOTIFY_LEADER = { zh: '区政府带班领导', en: 'District leader on duty' };
const NOTIFY_STREET = { zh: '属地街道办事处主任', en: 'Head of the street office' };

const RAW_PLANS: unknown[] = [
  {
    code: 'EP-GAS',
    name: { zh: '燃气泄漏应急处置预案', en: 'Gas leak response plan' },
    categoryCodes: ['E0401'],
    lead: 'gas',
    linked: ['fire', 'police', 'street'],
    steps: [
      DUTY_CONFIRM,
      DUTY_REPORT,
      { id: 'cordon', title: { zh: '设置警戒区，疏散周边人员', en: 'Cordon off the area and evacuate people nearby' }, by: 'linked', minutes: 20 },
      { id: 'no-ignition', title: { zh: '消防到场监护，严禁明火和开关电器', en: 'Fire crew on watch: no flames, no electrical switching' }, by: 'linked', minutes: 20 },
      { id: 'cut-supply', title: { zh: '关闭上游阀门，切断气源', en: 'Close the upstream valve and cut the supply' }, by: 'lead', minutes: 30 },
      { id: 'gas-safe', title: { zh: '检测燃气浓度降至安全范围', en: 'Measure until the gas concentration is safe' }, by: 'lead', minutes: 90 },
      { id: 'scene-safe', title: { zh: '险情排除，解除警戒', en: 'Danger removed, cordon lifted' }, by: 'lead', minutes: 120 },
    ],
    notify: [NOTIFY_DISTRICT, NOTIFY_LEADER, NOTIFY_STREET, { zh: '燃气集团调度中心', en: 'Gas Group dispatch centre' }],
    sceneRadiusMetres: 500,
  },
  {
    code: 'EP-WATER-MAIN',
    name: { zh: '供水管线爆裂应急处置预案', en: 'Burst water main response plan' },
    categoryCodes: ['E0402'],
    lead: 'water',
    linked: ['traffic', 'roads', 'street'],
    steps: [
      DUTY_CONFIRM,
      DUTY_REPORT,
      { id: 'traffic-control', title: { zh: '交通管制，设置绕行', en: 'Close the road and sign a diversion' }, by: 'linked', minutes: 20 },
      { id: 'close-valves', title: { zh: '关闭上下游阀门止水', en: 'Close the valves either side to stop the water' }, by: 'lead', minutes: 40 },
      { id: 'drain', title: { zh: '抽排积水，检查路基', en: 'Pump the water away and check the road base' }, by: 'lead', minutes: 90 },
      { id: 'water-cart', title: { zh: '停水区域安排送水车', en: 'Water carts for the households cut off' }, by: 'linked', minutes: 120 },
      { id: 'scene-safe', title: { zh: '抢修完成或现场安全，恢复通行', en: 'Repaired or made safe; road reopened' }, by: 'lead', minutes: 240 },
    ],
    notify: [NOTIFY_DISTRICT, NOTIFY_STREET, { zh: '自来水集团调度中心', en: 'Water Group dispatch centre' }],
    sceneRadiusMetres: 300,
  },
  {
    code: 'EP-FALLEN-TREE',
    name: { zh: '树木倒伏（道路）应急处置预案', en: 'Fallen tree on a road response plan' },
    categoryCodes: ['E0403'],
    lead: 'landscaping',
    linked: ['traffic', 'power'],
    steps: [
      DUTY_CONFIRM,
      { id: 'guard', title: { zh: '现场警戒，疏导交通', en: 'Guard the scene and direct the traffic' }, by: 'linked', minutes: 15 },
      { id: 'check-lines', title: { zh: '排查压断的电力通信线路', en: 'Check for power and telecom lines brought down' }, by: 'linked', minutes: 30 },
      { id: 'cut-remove', title: { zh: '截锯清运倒伏树木', en: 'Saw up and remove the tree' }, by: 'lead', minutes: 90 },
      { id: 'road-clear', title: { zh: '清扫路面，恢复通行', en: 'Sweep the road and reopen it' }, by: 'lead', minutes: 120 },
    ],
    notify: [NOTIFY_DISTRICT, { zh: '区园林绿化局值班室', en: 'Landscaping Bureau duty room' }],
    sceneRadiusMetres: 300,
  },
  {
    code: 'EP-ROAD-COLLAPSE',
    name: { zh: '路面塌陷应急处置预案', en: 'Road collapse response plan' },
    categoryCodes: ['E0404'],
    lead: 'roads',
    linked: ['traffic', 'water', 'gas', 'police'],
    steps: [
      DUTY_CONFIRM,
      DUTY_REPORT,
      { id: 'cordon', title: { zh: '围挡警戒，交通管制', en: 'Fence off the hole and close the road' }, by: 'linked', minutes: 20 },
      { id: 'check-pipes', title: { zh: '排查地下供水、燃气管线', en: 'Check the water and gas pipes underneath' }, by: 'linked', minutes: 60 },
      { id: 'backfill', title: { zh: '回填加固，临时恢复', en: 'Backfill and shore up for a temporary surface' }, by: 'lead', minutes: 180 },
      { id: 'scene-safe', title: { zh: '现场安全，恢复通行', en: 'Scene safe, road reopened' }, by: 'lead', minutes: 240 },
    ],
    notify: [NOTIFY_DISTRICT, NOTIFY_LEADER, NOTIFY_STREET],
    sceneRadiusMetres: 300,
  },
  {
    code: 'EP-FIRE-HAZARD',
    name: { zh: '火灾隐患应急处置预案', en: 'Fire hazard response plan' },
    categoryCodes: ['E0405'],
    lead: 'fire',
    linked: ['police', 'power', 'street'],
    steps: [
      DUTY_CONFIRM,
      { id: 'fire-on-scene', title: { zh: '消防救援力量到场', en: 'Fire and rescue on scene' }, by: 'lead', minutes: 15 },
      { id: 'evacuate', title: { zh: '疏散群众，维护秩序', en: 'Evacuate people and keep order' }, by: 'linked', minutes: 20 },
      { id: 'cut-power', title: { zh: '切断隐患部位电源', en: 'Cut the power to the hazard' }, by: 'linked', minutes: 30 },
      { id: 'remove-hazard', title: { zh: '消除火灾隐患', en: 'Remove the fire hazard' }, by: 'lead', minutes: 120 },
    ],
    notify: [NOTIFY_DISTRICT, NOTIFY_STREET, { zh: '119指挥中心', en: '119 fire command centre' }],
    sceneRadiusMetres: 300,
  },
  {
    code: 'EP-CROWD',
    name: { zh: '人员聚集应急处置预案', en: 'Crowd gathering response plan' },
    categoryCodes: ['E0406'],
    lead: 'police',
    linked: ['traffic', 'street', 'urban-law'],
    steps: [
      DUTY_CONFIRM,
      DUTY_REPORT,
      { id: 'police-on-scene', title: { zh: '警力到场，掌握现场情况', en: 'Police on scene, situation assessed' }, by: 'lead', minutes: 10 },
      { id: 'divert', title: { zh: '周边交通疏导', en: 'Divert the traffic around the scene' }, by: 'linked', minutes: 20 },
      { id: 'persuade', title: { zh: '属地街道劝导疏散，化解诉求', en: 'The street office talks people home and takes up their grievance' }, by: 'linked', minutes: 45 },
      { id: 'dispersed', title: { zh: '人员疏散，秩序恢复', en: 'Crowd dispersed, order restored' }, by: 'lead', minutes: 60 },
    ],
    notify: [NOTIFY_DISTRICT, NOTIFY_LEADER, NOTIFY_STREET, { zh: '区信访办', en: 'District petitions office' }],
    sceneRadiusMetres: 500,
  },
  {
    code: 'EP-HEATING-PIPE',
    name: { zh: '热力管线破裂应急处置预案', en: 'Burst heating pipe response plan' },
    categoryCodes: ['E0407'],
    lead: 'heating',
    linked: ['traffic', 'roads', 'street'],
    steps: [
      DUTY_CONFIRM,
      { id: 'cordon', title: { zh: '设置警戒，防止烫伤', en: 'Cordon off the scene against scalding' }, by: 'linked', minutes: 15 },
      { id: 'isolate', title: { zh: '关闭阀门，隔离破损管段', en: 'Close the valves and isolate the broken section' }, by: 'lead', minutes: 40 },
      { id: 'warm-residents', title: { zh: '停热区域居民保暖安置', en: 'Keep the residents cut off from heat warm' }, by: 'linked', minutes: 120 },
      { id: 'scene-safe', title: { zh: '抢修完成或现场安全', en: 'Repaired or made safe' }, by: 'lead', minutes: 240 },
    ],
    notify: [NOTIFY_DISTRICT, NOTIFY_STREET, { zh: '热力集团调度中心', en: 'Heating Group dispatch centre' }],
    sceneRadiusMetres: 300,
  },
  {
    code: 'EP-GENERIC',
    name: { zh: '突发事件通用处置预案', en: 'General emergency response plan' },
    categoryCodes: [],
    lead: 'category',
    linked: ['street', 'police'],
    steps: [
      DUTY_CONFIRM,
      { id: 'lead-on-scene', title: { zh: '主办单位到场处置', en: 'Lead department on scene' }, by: 'lead', minutes: 30 },
      { id: 'scene-control', title: { zh: '控制现场，维护秩序', en: 'Scene under control, order kept' }, by: 'linked', minutes: 45 },
      { id: 'scene-safe', title: { zh: '险情排除', en: 'Danger removed' }, by: 'lead', minutes: 120 },
    ],
    notify: [NOTIFY_DISTRICT, NOTIFY_STREET],
    sceneRadiusMetres: 300,
  },
];

/** Checked when the module loads: a malformed plan stops the service at start, not mid-emergency. */
export const EMERGENCY_PLANS: readonly EmergencyPlan[] = Object.freeze(RAW_PLANS.map((raw) => emergencyPlanSchema.parse(raw)));

export const GENERIC_PLAN_CODE = 'EP-GENERIC';

const BY_CODE: ReadonlyMap<string, EmergencyPlan> = new Map(EMERGENCY_PLANS.map((p) => [p.code, p]));

export function planByCode(code: string): EmergencyPlan | undefined {
  return BY_CODE.get(code);
}

/** The plan for a category: its own, else the generic one. */
export function planForCategory(categoryCode: string): EmergencyPlan {
  return EMERGENCY_PLANS.find((p) => p.categoryCodes.includes(categoryCode)) ?? (BY_CODE.get(GENERIC_PLAN_CODE) as EmergencyPlan);
}
