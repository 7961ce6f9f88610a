import type { TrainingKind } from '@ledger/ledger/events';

export const TRAINING_MEASURES = {
  trainingSessionsSkill: 'training.sessions.skill',
  trainingSessionsPhysical: 'training.sessions.physical',
  trainingSessionsJoint: 'training.sessions.joint',
  trainingSessionsDrill: 'training.sessions.drill',
  trainingSessionsOther: 'training.sessions.other',
  trainingParticipants: 'training.participants',
} as const;

const T = TRAINING_MEASURES;

/** The measure each kind of session counts under (`training.sessions.<kind in lower case>`). */
export const TRAINING_KIND_COUNTS: Readonly<Record<TrainingKind, string>> = {
  SKILL: T.trainingSessionsSkill,
  PHYSICAL: T.trainingSessionsPhysical,
  JOINT: T.trainingSessionsJoint,
  DRILL: T.trainingSessionsDrill,
  OTHER: T.trainingSessionsOther,
};

export const TRAINING_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [T.trainingSessionsSkill]: { zh: '业务技能培训', unitZh: '次' },
  [T.trainingSessionsPhysical]: { zh: '体能训练', unitZh: '次' },
  [T.trainingSessionsJoint]: { zh: '“所队合一”培训', unitZh: '次' },
  [T.trainingSessionsDrill]: { zh: '手势操训练', unitZh: '次' },
  [T.trainingSessionsOther]: { zh: '其他培训', unitZh: '次' },
  [T.trainingParticipants]: { zh: '参训人员', unitZh: '人次' },
};
