import type { DomainEvent } from '../shared/event';
import type { Qualifier } from './qualifier';

/**
 * Statistics that arrive as counts (from 车管所 systems, a squad's day, a campaign's sheet). The label and unit are
 * the words the report prints. Violations follow the categories brigades publish (醉驾, 酒驾, 头盔, 超载, 无证…).
 */
export const TALLY_CATEGORIES = {
  VEHICLE_REGISTRATION: { zh: '机动车注册登记', unitZh: '台' },
  LICENCE_ISSUED: { zh: '驾驶证核发', unitZh: '个' },
  LICENCE_RENEWED_OR_REPLACED: { zh: '补证换证', unitZh: '个' },
  VEHICLE_INSPECTION: { zh: '车辆年检', unitZh: '台' },
  EBIKE_REGISTRATION_POINT: { zh: '电动自行车登记点', unitZh: '个' },
  EBIKE_PLATE: { zh: '电动自行车牌照', unitZh: '块' },
  VEHICLES_SCREENED: { zh: '核查车辆', unitZh: '台' },
  CONVOY_ESCORT_BATCH: { zh: '车队护送', unitZh: '批次' },
  CONVOY_ESCORT_VEHICLE: { zh: '护送车辆', unitZh: '台' },
  RISK_LICENCE_OVERDUE_A: { zh: 'A照驾驶人逾期未换证', unitZh: '人' },
  RISK_VEHICLE_OVERDUE_INSPECTION: { zh: '重点车辆未年检', unitZh: '台' },
  ROADSIDE_MARKET_RECTIFIED: { zh: '马路市场整改', unitZh: '处' },
  CONVERTED_TRACTOR_RECTIFIED: { zh: '变型拖拉机整治', unitZh: '台' },
  VIOLATION_DRUNK_DRIVING: { zh: '醉酒驾驶', unitZh: '起' },
  VIOLATION_DRINK_DRIVING: { zh: '饮酒驾驶', unitZh: '起' },
  VIOLATION_DRUG_DRIVING: { zh: '毒驾', unitZh: '起' },
  VIOLATION_NO_HELMET: { zh: '不戴头盔', unitZh: '起' },
  VIOLATION_NO_SEATBELT: { zh: '不系安全带', unitZh: '起' },
  VIOLATION_OVERLOAD: { zh: '超载', unitZh: '起' },
  VIOLATION_OVERCROWDING: { zh: '超员', unitZh: '起' },
  VIOLATION_SPEEDING: { zh: '超速', unitZh: '起' },
  VIOLATION_FATIGUE: { zh: '疲劳驾驶', unitZh: '起' },
  VIOLATION_UNLICENSED: { zh: '无证驾驶', unitZh: '起' },
  VIOLATION_UNREGISTERED: { zh: '无牌驾驶', unitZh: '起' },
  VIOLATION_PLATE_FRAUD: { zh: '涉牌涉证（假牌套牌）', unitZh: '起' },
  VIOLATION_WRONG_WAY: { zh: '逆行', unitZh: '起' },
  VIOLATION_RED_LIGHT: { zh: '闯红灯', unitZh: '起' },
  VIOLATION_PROHIBITION_SIGN: { zh: '违反禁令标志', unitZh: '起' },
  VIOLATION_LANE: { zh: '不按规定车道行驶', unitZh: '起' },
  VIOLATION_FAILURE_TO_YIELD: { zh: '不按规定让行', unitZh: '起' },
  VIOLATION_ILLEGAL_OVERTAKING: { zh: '违法超车', unitZh: '起' },
  VIOLATION_ILLEGAL_PARKING: { zh: '乱停乱放', unitZh: '起' },
  VIOLATION_ILLEGAL_PASSENGERS: { zh: '违法载人', unitZh: '起' },
  VIOLATION_ILLEGAL_MODIFICATION: { zh: '非法改装', unitZh: '起' },
  VIOLATION_SCRAPPED_VEHICLE: { zh: '报废车上路', unitZh: '起' },
  VIOLATION_OVERDUE_INSPECTION: { zh: '逾期未检验', unitZh: '起' },
  VIOLATION_SUNSHADE: { zh: '加装遮阳伞', unitZh: '起' },
  VIOLATION_OTHER: { zh: '其他交通违法', unitZh: '起' },
} as const satisfies Record<string, { zh: string; unitZh: string }>;

export type TallyCategory = keyof typeof TALLY_CATEGORIES;
export const TALLY_CATEGORY_NAMES = Object.keys(TALLY_CATEGORIES) as TallyCategory[];

export type TallyRecorded = DomainEvent<
  'TallyRecorded',
  {
    unitId: string;
    squadId: string;
    businessDate: string;
    category: TallyCategory;
    count: number;
    qualifier: Qualifier;
    sourceRef: string | null;
  }
>;

/**
 * The count of an earlier TallyRecorded as now known (the new figure, not a delta). It names the record by event
 * id and repeats its unit, squad and day, so a correction of the wrong record changes nothing. `qualifier` null
 * keeps the original's.
 */
export type TallyCorrected = DomainEvent<
  'TallyCorrected',
  {
    unitId: string;
    squadId: string;
    businessDate: string;
    targetEventId: string;
    count: number;
    qualifier: Qualifier | null;
    reason: string;
  }
>;

/** The record was made in error: it stops counting, and stays in the log. */
export type TallyVoided = DomainEvent<
  'TallyVoided',
  { unitId: string; squadId: string; businessDate: string; targetEventId: string; reason: string }
>;

export type TallyEvent = TallyRecorded | TallyCorrected | TallyVoided;

/** One stream per unit and year: tallies carry no invariant, so they are appended without reading it. */
export const tallyStream = (unitId: string, businessDate: string) =>
  `tally-${unitId}-${businessDate.slice(0, 4)}`;
/**
 * Corrections of one record share a stream, so a void is final and a second identical correction is a no-op. The
 * squad and day are part of the name: a correction naming the wrong squad or day (which the projection ignores)
 * lands in a stream of its own and cannot block the right one.
 */
export const tallyCorrectionStream = (t: {
  unitId: string;
  squadId: string;
  businessDate: string;
  targetEventId: string;
}) => `tally-fix-${t.unitId}-${t.squadId}-${t.businessDate}-${t.targetEventId}`;
