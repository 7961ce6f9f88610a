import type { PublicityVenue } from '@ledger/ledger/events';

export const PUBLICITY_MEASURES = {
  publicityActivities: 'publicity.activities',
  publicityVenueVillage: 'publicity.venue.village',
  publicityVenueCommunity: 'publicity.venue.community',
  publicityVenueEnterprise: 'publicity.venue.enterprise',
  publicityVenueAgency: 'publicity.venue.agency',
  publicityVenueSchool: 'publicity.venue.school',
  publicityVenueMedia: 'publicity.venue.media',
  publicityVenueOther: 'publicity.venue.other',
  publicityAudience: 'publicity.audience',
  publicityHelmetsDonated: 'publicity.helmets_donated',
} as const;

const P = PUBLICITY_MEASURES;

/** The measure each venue counts under (`publicity.venue.<venue in lower case>`). */
export const PUBLICITY_VENUE_COUNTS: Readonly<Record<PublicityVenue, string>> = {
  VILLAGE: P.publicityVenueVillage,
  COMMUNITY: P.publicityVenueCommunity,
  ENTERPRISE: P.publicityVenueEnterprise,
  AGENCY: P.publicityVenueAgency,
  SCHOOL: P.publicityVenueSchool,
  MEDIA: P.publicityVenueMedia,
  OTHER: P.publicityVenueOther,
};

export const PUBLICITY_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [P.publicityActivities]: { zh: '交通安全宣传活动', unitZh: '次' },
  [P.publicityVenueVillage]: { zh: '进农村宣传', unitZh: '次' },
  [P.publicityVenueCommunity]: { zh: '进社区宣传', unitZh: '次' },
  [P.publicityVenueEnterprise]: { zh: '进企业宣传', unitZh: '次' },
  [P.publicityVenueAgency]: { zh: '进机关宣传', unitZh: '次' },
  [P.publicityVenueSchool]: { zh: '进学校宣传', unitZh: '次' },
  [P.publicityVenueMedia]: { zh: '媒体宣传', unitZh: '次' },
  [P.publicityVenueOther]: { zh: '其他宣传', unitZh: '次' },
  [P.publicityAudience]: { zh: '宣传受众', unitZh: '人次' },
  [P.publicityHelmetsDonated]: { zh: '赠送头盔', unitZh: '顶' },
};
