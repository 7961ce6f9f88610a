import { SEED_UNIT } from '../seed-brigade';
import { DEMO_PRINCIPALS, type DemoRecord } from './demo-record';

/**
 * The office's text of the 2020 report, taken from the seed. Every statistic in it is a placeholder the report
 * fills from the views ({{count:MEASURE}} for the year, {{count:MEASURE:FROM:TO}} for a span), so the prose
 * carries no typed figure; dates, times and descriptions stay as written.
 */
const SECTIONS: Record<string, string[]> = {
  FUNCTIONS: [
    '加强道路交通安全管理，定期掌握分析道路交通安全动态，制定对策。',
    '负责道路交通管理各项基础设施建设。',
    '加强道路巡逻，及时发现和查处各类交通违法行为。',
    '开展道路交通安全宣传，预防道路交通事故的发生。',
    '负责道路交通事故处理，加强交通事故逃逸案件的侦破工作。',
    '做好机动车的注册登记和驾驶员管理工作。',
    '搞好交通特殊勤务和交通警卫。',
    '维护重大节日、集会、游行、示威和体育活动的交通秩序，保证首长和外宾车辆行驶安全与畅通。',
    '制止、协助破获在道路上的犯罪活动，堵截在逃犯罪分子。',
  ],
  ORGANISATION_NOTE: ['常宁市公安局交通警察大队属财政一级拨款预算单位。'],
  BASIC_EXPENDITURE_NOTE: [
    '基本支出主要是为保障单位机构正常运转、完成日常工作任务而发生的各项支出，包括用于基本工资、津贴补贴等人员经费以及办公费、印刷费、水电费、办公设备购置等日常公用经费。',
  ],
  PROJECT_PURPOSES: [
    '项目支出主要用于道路交通安全警保卫专项经费、道路交通事故处理、追逃办案工作经费、创建交通模范城市工作经费、道路交通危险路段隐患排查、排堵保畅、道路交通秩序交通违法查处、涉案车辆停车费、交通安全社会化管理及创建工作等办案业务经费。',
  ],
  THREE_PUBLIC_NOTE: [
    '主要原因是我队严控三公经费，我队的公务接待严格执行开支标准，尽量在食堂招待。我队对公车购置及运行费用实行单列记账，如实登记上报公务车辆情况，定点维修、定点加油、统一保险和统一报废更新制度。节假日严格执行公务车辆封存备案制度；不存在超标准配备公车或豪华装饰公务用车行为。',
  ],
  EVALUATION_INTRO: [
    '对照财政规定的考核指标，我大队从预算编制、预算配置、预算执行和管理等方面对2020年部门整体支出绩效开展了评价，具体情况如下：',
  ],
  WORK_ITEMS: [
    '根据年初工作计划和重点工作，秉承我队基本职能出发，重点保障营造良好的道路交通环境、专项治理，推进交通违法严查严处。',
    '（一）强化源头管控，深入推进隐患排查治理。1、推进我市电动自行车登记工作。大队在车管所、车行等地，共设置登记点{{count:tally.ebike_registration_point}}个，开展登记发牌工作。5月份以来共办理电动自行车牌照{{count:tally.ebike_plate:05-01:12-31}}块。2、开展规范驾考“春风行动”工作，对重点考场、重点环节、重点岗位人员进行全面摸排和整改，共摸查和整改问题{{count:inspections.issues_resolved}}个。3、开展安全大检查，督查“两客一校”企业，开展涉危企业安全隐患专项检查和校车安全大检查，对超载违法企业下发整改通知书{{count:notices.issued}}份。4、排查重点驾驶人和重点车辆隐患，共排查出A照驾驶人逾期未换证{{count:tally.risk_licence_overdue_a}}人、重点车辆未年检{{count:tally.risk_vehicle_overdue_inspection}}台，催促驾驶人、车主换证、年检。9月19日，交警联合教育、应急、禁毒办等部门对校车公司驾驶人进行毛发毒检筛查和安全培训。5、开展道路交通安全隐患排查，按照“一单四制”要求逐一建档，共排查道路隐患{{count:hazards.found}}处，已督促整改道路隐患{{count:hazards.rectified}}处。',
    '（二）集中整治交通违法行为，维护城乡交通秩序。开展了“百吨王”超载整治、“一盔一带”专项整治、夜查“三驾”（晚上8:00-11:00）等一系列整治行动，全年开展专项行动执勤{{count:campaigns.operations}}次，检查车辆{{count:campaigns.vehicles_checked}}台，查处违法{{count:campaigns.violations}}起。6月16日-18日，举全警之力圆满完成创建省级文明城市迎检工作。目前，全市{{count:tally.roadside_market_rectified}}处马路市场已全部整改到位、省挂牌督办道路隐患{{count:hazards.listed_rectified}}处全部整改到位、{{count:tally.converted_tractor_rectified}}台变型拖拉机全部整改到位。设置G356执勤点，确保沿线全天24小时有民警巡逻、有民警检查。',
    '（三）开展新型冠状病毒肺炎防控工作。在{{count:checkpoints.opened.quarantine}}个公路检疫点安排警力值勤，落实24小时值班备勤；对复工返岗就业车队进行服务保障，共服务{{count:tally.convoy_escort_batch}}批次，服务车辆{{count:tally.convoy_escort_vehicle}}台；对湖北来的车辆核查行驶轨迹，共核查{{count:tally.vehicles_screened}}余台。',
    '（四）加强县域警务道路交通安全风险防控工作。按照“下沉两级”的原则对辖区道路交通风险隐患进行综合评估，从“人、车、路、企、政”五个方面全面澄清风险底数，每季度排查汇总，建立隐患清单。',
    '（五）全面拓展平台，宣传教育到位。开展“五进”宣传，全年开展交通安全宣传活动{{count:publicity.activities}}次；5月12日，以“5.12”防灾减灾日为契机在市政府广场举办免费赠送头盔活动，共赠送头盔{{count:publicity.helmets_donated}}顶。',
    '（六）加强队伍正规化建设。5月份增设了122指挥中心、特勤中队；10月24日组织全体辅警开展队伍教育整顿及手势操训练。一年来共开展业务技能培训{{count:training.sessions.skill}}次，开展体能训练{{count:training.sessions.physical}}次。',
    '（七）实施“所队合一”警务机制改革。招聘了辅警共{{count:staff.auxiliary_recruited}}余名；5月25日至26日，邀请支队教官来大队开展“所队合一”交通管理业务培训；7月21日，在我市召开衡阳市道路交通安全工作讲评暨“所队合一”现场推进会。',
  ],
  BUDGET_MANAGEMENT: [
    '部门整体支出绩效情况如下：1、2020年预算安排控制较好，“三公”经费预算总额未突破上年。2、预算执行方面，支出总额基本控制在预算以内；转移支付资金不存在截留或滞留专项资金情况。3、强化部门整体支出，加强国有资产管理，提高资金使用效益，建立节约型机关，行政效能显著。',
  ],
  OUTCOME_LEAD: [
    '单位2020年度收支基本平衡，既保证了单位的正常运转，又严格执行了中央关于改进作风八项规定和厉行节约反对浪费的要求。大队以交通事故预防为主线，以维护辖区道路畅通为出发点，以服务群众为宗旨，狠抓我市道路交通管理工作。',
  ],
  PROBLEMS: [
    '对于绩效评价的认识不够深入，把预算绩效简单等同于工作目标、工作考核和业务管理。绩效目标和指标往往根据项目实际完成情况制定，对项目执行过程有效约束不够，存在一定的偏差。',
    '办案经费不足。随着对办案证据的要求提高，犯罪嫌疑人流动性的增加，办案时间跨度大，造成办案成本开支也增大，导致办案经费保障水平相对下降。',
    '基础建设、信息化装备建设经费不足。交警技术装备及系统建设项目投入大，中央转移支付装备经费所占比重小，又没有其他的专门资金来源，无法满足公安交警工作的需要。',
    '固定资产管理有待进一步规范。',
  ],
  MEASURES: [
    '遵循先有预算、后有支出的原则，科学合理编制预算，严格执行预算。建立管理长效机制，严格财务管理，加强财务监督，坚持厉行节约，建章立制，形成科学的内控机制，切实提高公安交警经费的使用效益。',
    '积极向财政部门沟通，多方面争取资金，将办案经费及重点中心工作专项经费保障到位，严格实行专款专用。',
    '加强固定资产日常管理，严格落实到人，开展固定资产清查，严格落实固定资产采购、报废制度。',
  ],
};

/** 绩效目标 the office set at the start of 2020: a workload target per activity, weighted in points. */
const TARGETS: [string, string, string, number][] = [
  ['tally.ebike_plate', '6000', '块', 4],
  ['hazards.found', '40', '处', 4],
  ['training.sessions.skill', '12', '次', 4],
  ['tally.vehicle_registration', '9000', '台', 3],
];

export function narrativeRecords(): DemoRecord[] {
  const office = DEMO_PRINCIPALS.office;
  const unitId = SEED_UNIT.unitId;
  return [
    ...TARGETS.map(([indicatorCode, target, unit, weight]) => ({
      command: 'SetPerformanceTarget',
      as: office,
      input: { unitId, year: 2020, indicatorCode, target, unit, weight },
      key: `target:2020:${indicatorCode}`,
    })),
    ...Object.entries(SECTIONS).map(([section, paragraphs]) => ({
      command: 'DraftReportSection',
      as: office,
      input: { unitId, year: 2020, section, paragraphs, draftedOn: '2021-06-20' },
      key: `narrative:2020:${section}`,
    })),
  ];
}
