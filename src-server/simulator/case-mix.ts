import { CATEGORIES } from '../../src-shared/catalog/categories';
import type { Category } from '../../src-shared/catalog/category-types';
import type { Channel } from '../../src-shared/domain/case';
import { WeightedPicker, type Random } from '../district/random';

/**
 * What gets reported: weights over the catalog's categories, in % of all cases, from
 * calibration.md "Case mix" (its event weights are themselves *suggested* from Huzhou, Fuzhou,
 * Suzhou and Daxing). Events ≈ 87.5 %, components ≈ 12.5 %, urgent kinds ≈ 0.3 % in all.
 * Kinds the calibration does not name share what is left of their side equally.
 */
const EVENT_SHARE = 87.5;
const COMPONENT_SHARE = 12.5;
const URGENT_SHARE = 0.3;

const NAMED: Readonly<Record<string, number>> = {
  E0101: 21, // exposed garbage 18–25 %
  E0106: 12, // piled materials 10–15 %
  E0503: 13, // illegal car parking 10–18 %
  E0502: 7, // street vending 5–10 %
  E0107: 6, // laundry along streets 5–7 %
  E0504: 5, // bicycle / e-bike parking 4–6 %
  E0501: 4, // business outside the shop 3–5 %
  E0108: 4, // discarded furniture 3–5 %
  E0102: 3, // accumulated garbage and muck 2–4 %
  E0104: 4, // dirty green space 3–5 %
  E0201: 1.5, // small ads 1–4 %, nearly gone from Beijing streets
  C0209: 3.5, // broken pavement 2–5 %
  C0112: 2, // street lamps 1–3 %
  C0104: 1, // rain grates ≈ 1 %
  C0304: 0.7, // shop signs ≈ 0.7 %
};
/** Groups the calibration gives one figure for, spread evenly over their kinds. */
const GROUPS: readonly { share: number; member: (c: Category) => boolean }[] = [
  { share: 2, member: (c) => c.code.startsWith('E03') }, // construction kinds ≈ 2 %
  { share: 1.5, member: (c) => /^C010[1-35-9]$/.test(c.code) }, // manhole covers ≈ 1–2 % (C0104 is the rain grate)
  { share: 1.5, member: (c) => c.code === 'C0204' || c.code === 'C0208' }, // bollards / posts ≈ 1–2 %
  { share: URGENT_SHARE, member: (c) => c.urgency === 'urgent' },
];

/** What AI video typically spots (calibration.md "Channels"): cameras only report these. */
const CAMERA_KINDS: Readonly<Record<string, number>> = { E0504: 5, E0502: 7, E0501: 4, E0106: 12, E0101: 21, E0109: 2, E0107: 6, E0203: 2 };

function weightsOver(categories: readonly Category[]): number[] {
  const weights = new Map<string, number>();
  for (const [code, w] of Object.entries(NAMED)) weights.set(code, w);
  for (const g of GROUPS) {
    const members = categories.filter((c) => g.member(c) && !weights.has(c.code));
    for (const c of members) weights.set(c.code, g.share / members.length);
  }
  for (const [kind, share] of [['event', EVENT_SHARE], ['component', COMPONENT_SHARE]] as const) {
    const side = categories.filter((c) => c.kind === kind);
    const given = side.reduce((sum, c) => sum + (weights.get(c.code) ?? 0), 0);
    const rest = side.filter((c) => !weights.has(c.code));
    for (const c of rest) weights.set(c.code, Math.max(0, share - given) / rest.length);
  }
  return categories.map((c) => weights.get(c.code) ?? 0);
}

export class CaseMix {
  private readonly all: readonly Category[];
  private readonly picker: WeightedPicker;
  private readonly camera: readonly Category[];
  private readonly cameraPicker: WeightedPicker;

  /** `componentKinds`: the kinds the district has components of (a report must name a real one). */
  constructor(componentKinds: ReadonlySet<string>) {
    this.all = CATEGORIES.filter((c) => c.kind === 'event' || componentKinds.has(c.code));
    this.picker = new WeightedPicker(weightsOver(this.all));
    this.camera = this.all.filter((c) => CAMERA_KINDS[c.code] !== undefined);
    this.cameraPicker = new WeightedPicker(this.camera.map((c) => CAMERA_KINDS[c.code] ?? 0));
  }

  pick(random: Random, channel: Channel): Category {
    if (channel === 'camera') return this.camera[this.cameraPicker.pick(random)] as Category;
    return this.all[this.picker.pick(random)] as Category;
  }
}
