import { apportion, daysBetween, Prng } from '../prng';
import { SEED_ACTIVITY_2020 as A, SEED_UNIT } from '../seed-brigade';
import { DEMO_PRINCIPALS, type DemoRecord } from './demo-record';

const unitId = SEED_UNIT.unitId;
const office = DEMO_PRINCIPALS.office;
const clerk = DEMO_PRINCIPALS.clerkOf;
const sq = (short: string) => `changning-${short}`;
const workdays = (from: string, to: string) =>
  daysBetween(from, to).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

function tally(
  squad: string,
  businessDate: string,
  category: string,
  count: number,
  atLeast = false,
): DemoRecord {
  return {
    command: 'RecordTally',
    as: clerk(sq(squad)),
    input: {
      unitId,
      squadId: sq(squad),
      businessDate,
      category,
      count,
      ...(atLeast ? { qualifier: 'AT_LEAST' } : {}),
    },
    key: `tally:${squad}:${businessDate}:${category}`,
  };
}

/** A total spread over working days as daily tallies (days with nothing are simply not posted). */
function dailyTallies(
  squad: string,
  category: string,
  total: number,
  from: string,
  to: string,
  rng: Prng,
): DemoRecord[] {
  const days = workdays(from, to);
  const counts = apportion(
    total,
    days.map(() => 0.6 + rng.next() * 0.8),
  );
  return days.flatMap((d, i) => (counts[i]! > 0 ? [tally(squad, d, category, counts[i]!)] : []));
}

function vehicleAdmin(rng: Prng): DemoRecord[] {
  return Object.entries(A.vehicleAdmin).flatMap(([category, v]) => [
    ...dailyTallies('cheguan', category, v.toCutoff, '2020-01-01', '2020-10-31', rng),
    ...dailyTallies('cheguan', category, v.rest, '2020-11-01', '2020-12-31', rng),
  ]);
}

function prevention(rng: Prng): DemoRecord[] {
  const out: DemoRecord[] = [
    tally('cheguan', A.ebike.pointsOn, 'EBIKE_REGISTRATION_POINT', A.ebike.points),
    ...dailyTallies('cheguan', 'EBIKE_PLATE', A.ebike.plates, A.ebike.platesFrom, A.ebike.platesTo, rng),
    tally('zhihui', A.vehiclesScreened.on, 'VEHICLES_SCREENED', A.vehiclesScreened.count, true),
    ...A.convoys.flatMap((c) => [
      tally('teqin', c.on, 'CONVOY_ESCORT_BATCH', 1),
      tally('teqin', c.on, 'CONVOY_ESCORT_VEHICLE', c.vehicles),
    ]),
    tally('cheguan', A.risk.on, 'RISK_LICENCE_OVERDUE_A', A.risk.licenceOverdueA),
    tally('cheguan', A.risk.on, 'RISK_VEHICLE_OVERDUE_INSPECTION', A.risk.vehicleOverdueInspection),
  ];
  const squads = ['yitan', 'songbai', 'xunluo', 'chengqu'];
  const months = ['06', '07', '08', '09', '10'];
  apportion(
    A.rectified.roadsideMarkets,
    months.map(() => 1),
  ).forEach((n, i) =>
    out.push(tally(squads[i % squads.length]!, `2020-${months[i]}-20`, 'ROADSIDE_MARKET_RECTIFIED', n)),
  );
  apportion(
    A.rectified.convertedTractors,
    months.map(() => 1),
  ).forEach((n, i) =>
    out.push(
      tally(squads[(i + 1) % squads.length]!, `2020-${months[i]}-22`, 'CONVERTED_TRACTOR_RECTIFIED', n),
    ),
  );

  // Road hazards: found through the year; the earliest ones rectified, two of them listed by the province.
  const days = workdays('2020-02-10', '2020-11-30');
  const step = Math.floor(days.length / A.hazards.found);
  for (let i = 0; i < A.hazards.found; i += 1) {
    const hazardId = `2020-H${String(i + 1).padStart(3, '0')}`;
    const squad = squads[i % squads.length]!;
    const identifiedOn = days[i * step]!;
    const listed = i < A.hazards.provinciallyListedRectified;
    out.push({
      command: 'IdentifyHazard',
      as: clerk(sq(squad)),
      input: {
        hazardId,
        unitId,
        squadId: sq(squad),
        identifiedOn,
        kind: 'ROAD',
        provinciallyListed: listed,
        description: `${['国道', '省道', '县道', '乡道'][i % 4]}${rng.int(1, 60)}公里处${['缺少警示标志', '标线磨损', '急弯无防护', '视距不良'][i % 4]}`,
      },
      key: `hazard:${hazardId}`,
    });
    out.push({
      command: 'RequestRectification',
      as: clerk(sq(squad)),
      input: { hazardId, unitId, requestedOn: identifiedOn, notice: '函告相关部门，书面报告市政府' },
      key: `hazard-request:${hazardId}`,
    });
    if (i < A.hazards.rectified) {
      out.push({
        command: 'RectifyHazard',
        as: clerk(sq(squad)),
        input: { hazardId, unitId, rectifiedOn: days[Math.min(i * step + 15, days.length - 1)]! },
        key: `hazard-rectified:${hazardId}`,
      });
    }
  }

  // Inspections: the driving-test campaign found and fixed its issues; monthly checks of passenger and school-bus firms.
  out.push(
    {
      command: 'ConductInspection',
      as: clerk(sq('cheguan')),
      input: {
        inspectionId: '2020-I-EXAM',
        unitId,
        squadId: sq('cheguan'),
        conductedOn: '2020-04-20',
        targetKind: 'EXAM_SITE',
        target: '全科目考场',
        issuesFound: A.examSiteIssues,
      },
      key: 'inspection:2020-I-EXAM',
    },
    {
      command: 'ResolveInspectionIssues',
      as: clerk(sq('cheguan')),
      input: { inspectionId: '2020-I-EXAM', unitId, resolvedOn: '2020-05-29', count: A.examSiteIssues },
      key: 'inspection-resolved:2020-I-EXAM',
    },
    {
      command: 'IssueRectificationNotice',
      as: clerk(sq('teqin')),
      input: {
        noticeId: '2020-N-001',
        unitId,
        squadId: sq('teqin'),
        issuedOn: '2020-07-08',
        targetOrg: '株冶有色金属有限公司',
        reason: '货车超载运输',
      },
      key: 'notice:2020-N-001',
    },
  );
  for (let m = 1; m <= 12; m += 1) {
    const month = String(m).padStart(2, '0');
    out.push({
      command: 'ConductInspection',
      as: clerk(sq('teqin')),
      input: {
        inspectionId: `2020-I-${month}`,
        unitId,
        squadId: sq('teqin'),
        conductedOn: `2020-${month}-1${m % 9}`,
        targetKind: m % 3 === 0 ? 'SCHOOL_BUS' : m % 4 === 0 ? 'HAZMAT' : 'PASSENGER',
        target: m % 3 === 0 ? '常盛校车公司' : m % 4 === 0 ? '水口山危化品运输企业' : '衡阳湘运常宁分公司',
        issuesFound: 0,
      },
      key: `inspection:2020-I-${month}`,
    });
  }
  return out;
}

function campaigns(rng: Prng): DemoRecord[] {
  const list = [
    {
      campaignId: '2020-C-TON',
      name: '“百吨王”超载整治',
      kind: 'HUNDRED_TON',
      from: '2020-03-02',
      to: '2020-12-31',
      squad: 'xunluo',
    },
    {
      campaignId: '2020-C-NIGHT',
      name: '夜查“三驾”',
      kind: 'NIGHT_CHECK',
      from: '2020-04-01',
      to: '2020-12-31',
      squad: 'chengqu',
    },
    {
      campaignId: '2020-C-HELMET',
      name: '“一盔一带”专项整治',
      kind: 'ONE_HELMET_ONE_BELT',
      from: '2020-06-01',
      to: '2020-12-31',
      squad: 'chengqu',
    },
    {
      campaignId: '2020-C-CITY',
      name: '创建省级文明城市迎检',
      kind: 'CIVILISED_CITY',
      from: '2020-06-16',
      to: '2020-06-18',
      squad: 'chengqu',
    },
    {
      campaignId: '2020-C-FIVETEN',
      name: '“逢五”“逢十”统一行动',
      kind: 'FIVE_TEN',
      from: '2020-01-05',
      to: '2020-12-31',
      squad: 'xunluo',
    },
  ];
  const out: DemoRecord[] = [];
  for (const c of list) {
    out.push({
      command: 'LaunchCampaign',
      as: office,
      input: { campaignId: c.campaignId, unitId, name: c.name, kind: c.kind, launchedOn: c.from },
      key: `campaign:${c.campaignId}`,
    });
    const days =
      c.kind === 'FIVE_TEN'
        ? daysBetween(c.from, c.to).filter((d) => Number(d.slice(8)) % 5 === 0)
        : c.kind === 'CIVILISED_CITY'
          ? daysBetween(c.from, c.to)
          : workdays(c.from, c.to).filter((_, i) => i % 7 === 0);
    for (const day of days) {
      out.push({
        command: 'RecordCampaignOperation',
        as: clerk(sq(c.squad)),
        input: {
          campaignId: c.campaignId,
          unitId,
          squadId: sq(c.squad),
          conductedOn: day,
          officers: rng.int(6, 20),
          vehiclesChecked: rng.int(40, 260),
          violationsFound: rng.int(3, 40),
        },
        key: `campaign-op:${c.campaignId}:${day}`,
      });
    }
    if (c.kind === 'CIVILISED_CITY') {
      out.push({
        command: 'CloseCampaign',
        as: office,
        input: { campaignId: c.campaignId, unitId, closedOn: c.to },
        key: `campaign-close:${c.campaignId}`,
      });
    }
  }
  A.quarantineCheckpoints.forEach((location, i) =>
    out.push({
      command: 'OperateCheckpoint',
      as: clerk(sq('teqin')),
      input: {
        checkpointId: `2020-Q${i + 1}`,
        unitId,
        squadId: sq('teqin'),
        purpose: 'QUARANTINE',
        location,
        hoursPerDay: 24,
        from: '2020-01-27',
        to: '2020-03-31',
      },
      key: `checkpoint:2020-Q${i + 1}`,
    }),
  );
  out.push({
    command: 'OperateCheckpoint',
    as: clerk(sq('xunluo')),
    input: {
      checkpointId: '2020-G356',
      unitId,
      squadId: sq('xunluo'),
      purpose: 'ENFORCEMENT',
      location: 'G356执勤点',
      hoursPerDay: 24,
      from: '2020-04-01',
      to: '2020-12-31',
    },
    key: 'checkpoint:2020-G356',
  });
  return out;
}

function cases(): DemoRecord[] {
  const c = A.criminal;
  const days = workdays('2020-01-06', '2020-10-30');
  const out: DemoRecord[] = [];
  const squads = ['chengqu', 'xunluo', 'shigu'];
  for (let i = 0; i < c.filed; i += 1) {
    const caseNo = `2020-X${String(i + 1).padStart(3, '0')}`;
    const squad = squads[i % squads.length]!;
    const filedOn = days[Math.floor((i * days.length) / c.filed)]!;
    const applied = days[Math.min(Math.floor((i * days.length) / c.filed) + 2, days.length - 1)]!;
    out.push({
      command: 'FileCriminalCase',
      as: clerk(sq(squad)),
      input: {
        caseNo,
        unitId,
        squadId: sq(squad),
        filedOn,
        offence: i % 6 === 5 ? 'TRAFFIC_CAUSING_CASUALTY' : 'DANGEROUS_DRIVING',
      },
      key: `case:${caseNo}`,
    });
    // The first nine suspects are detained (six of them later arrested); the rest of the drunk drivers go straight to prosecution.
    const measures: string[] = [];
    if (i < c.detention) measures.push('CRIMINAL_DETENTION');
    if (i < c.arrest) measures.push('ARREST');
    if (i >= c.filed - c.directProsecution) measures.push('DIRECT_PROSECUTION');
    measures.forEach((measure, k) =>
      out.push({
        command: 'ApplyCoerciveMeasure',
        as: clerk(sq(squad)),
        input: {
          caseNo,
          unitId,
          personRef: `P-${caseNo}`,
          measure,
          appliedOn: k === 0 ? applied : days[Math.min(days.indexOf(applied) + 5, days.length - 1)]!,
        },
        key: `case-measure:${caseNo}:${measure}`,
      }),
    );
  }
  const detentions = apportion(
    c.administrativeDetention,
    Array.from({ length: 24 }, () => 1),
  );
  detentions.forEach((persons, i) => {
    const recordId = `2020-AD${String(i + 1).padStart(3, '0')}`;
    out.push({
      command: 'ImposeAdministrativeDetention',
      as: clerk(sq('chengqu')),
      input: {
        recordId,
        unitId,
        squadId: sq('chengqu'),
        imposedOn: days[Math.floor((i * days.length) / 24)]!,
        persons,
        reason: i % 2 ? '醉酒驾驶' : '无证驾驶',
      },
      key: `detention:${recordId}`,
    });
  });
  return out;
}

function publicityAndTraining(rng: Prng): DemoRecord[] {
  const out: DemoRecord[] = [];
  const venues: [string, string, number][] = [
    ['VILLAGE', '送电影下乡 交通安全宣传', 6],
    ['COMMUNITY', '东风广场交通安全宣传', 4],
    ['ENTERPRISE', '顺通公司安全课', 3],
    ['AGENCY', '人大常委会交通安全法规讲座', 2],
    ['SCHOOL', '中小学交通安全知识讲座', 5],
    ['MEDIA', '电视台随警作战宣传', 4],
  ];
  let n = 0;
  for (const [venue, title, times] of venues) {
    for (let i = 0; i < times; i += 1) {
      const activityId = `2020-P${String(++n).padStart(3, '0')}`;
      const month = String(2 + ((n * 5) % 10)).padStart(2, '0');
      out.push({
        command: 'RecordPublicityActivity',
        as: clerk(sq('fazhi')),
        input: {
          activityId,
          unitId,
          squadId: sq('fazhi'),
          heldOn: `2020-${month}-${String(8 + i).padStart(2, '0')}`,
          venue,
          audience: rng.int(80, 600),
          title,
        },
        key: `publicity:${activityId}`,
      });
    }
  }
  out.push({
    command: 'RecordPublicityActivity',
    as: clerk(sq('fazhi')),
    input: {
      activityId: '2020-P-HELMET',
      unitId,
      squadId: sq('fazhi'),
      heldOn: A.helmetDayOn,
      venue: 'COMMUNITY',
      audience: 500,
      helmetsDonated: 300,
      title: '“5.12”防灾减灾日 市政府广场免费赠送头盔',
    },
    key: 'publicity:2020-P-HELMET',
  });

  const t = A.training;
  const session = (
    sessionId: string,
    heldOn: string,
    kind: string,
    participants: number,
    title: string,
    extra: object = {},
  ): DemoRecord => ({
    command: 'RecordTrainingSession',
    as: office,
    input: { sessionId, unitId, squadId: null, heldOn, kind, participants, days: 1, title, ...extra },
    key: `training:${sessionId}`,
  });
  const skillDays = workdays('2020-01-10', '2020-12-20');
  for (let i = 0; i < t.skill; i += 1) {
    out.push(
      session(
        `2020-TS${String(i + 1).padStart(2, '0')}`,
        skillDays[Math.floor((i * skillDays.length) / t.skill)]!,
        'SKILL',
        rng.int(40, 66),
        '业务技能培训（网校/专家授课）',
      ),
    );
  }
  for (let i = 0; i < t.physical; i += 1) {
    out.push(
      session(
        `2020-TP${String(i + 1).padStart(2, '0')}`,
        skillDays[Math.floor((i * skillDays.length) / t.physical) + 1]!,
        'PHYSICAL',
        rng.int(30, 60),
        '体能训练',
      ),
    );
  }
  out.push(
    session('2020-TJ01', t.joint.on, 'JOINT', t.joint.participants, '“所队合一”交通管理业务培训', {
      participantsQualifier: 'AT_LEAST',
      instructors: t.joint.instructors,
      days: t.joint.days,
      unitsCovered: t.joint.units,
    }),
    session('2020-TD01', t.drillOn, 'DRILL', 120, '辅警队伍教育整顿及手势操训练'),
  );
  out.push({
    command: 'RecruitAuxiliaryPolice',
    as: office,
    input: { unitId, recruitedOn: '2020-06-15', count: A.auxiliaryRecruited, qualifier: 'AT_LEAST' },
    key: 'recruit:2020',
  });
  return out;
}

export function activityRecords(): DemoRecord[] {
  const rng = new Prng(2020_11);
  return [
    ...vehicleAdmin(rng),
    ...prevention(rng),
    ...campaigns(rng),
    ...cases(),
    ...publicityAndTraining(rng),
  ];
}
