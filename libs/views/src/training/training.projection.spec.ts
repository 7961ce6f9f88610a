import { activityCounts } from '../counts/activity-counts.table';
import { recorded, ProjectionSpec } from '../testing/projection-spec';
import { countBounds } from './count-bounds.table';
import { trainingSessions } from './training-sessions.table';
import { trainingProjection } from './training.projection';

const held = (over: Record<string, unknown> = {}) =>
  recorded(
    'TrainingSessionHeld',
    {
      sessionId: 'PX1',
      unitId: 'changning',
      squadId: null,
      heldOn: '2020-05-25',
      kind: 'JOINT',
      participants: 200,
      participantsQualifier: 'AT_LEAST',
      instructors: 10,
      days: 2,
      unitsCovered: 20,
      title: '所队合一培训',
      ...over,
    },
    '2020-05-25',
  );
const voided = (sessionId = 'PX1') =>
  recorded('TrainingSessionVoided', { sessionId, unitId: 'changning', reason: '重复' });
const brigade = { unit_id: 'changning', squad_id: '', day: '2020-05-25' };
const exact = held({ sessionId: 'PX2', kind: 'SKILL', participants: 30, participantsQualifier: 'EXACT' });
const spec = ProjectionSpec.for(trainingProjection);

describe('training projection', () => {
  describe('on TrainingSessionHeld', () => {
    it('counts the session by kind and its participants as a lower bound when given as "余"', async () => {
      await spec.given(held()).thenRows(activityCounts, [
        { ...brigade, measure: 'training.participants', value: 200n, lower_bound: true },
        { ...brigade, measure: 'training.sessions.joint', value: 1n },
      ]);
    });
    it('counts exact participants as exact, and a redelivered session once', async () => {
      const squad = held({
        squadId: 'chengqu',
        kind: 'PHYSICAL',
        participants: 12,
        participantsQualifier: 'EXACT',
      });
      await spec.given(squad, squad).thenRows(activityCounts, [
        { ...brigade, squad_id: 'chengqu', measure: 'training.participants', value: 12n, lower_bound: false },
        { ...brigade, squad_id: 'chengqu', measure: 'training.sessions.physical', value: 1n },
      ]);
    });
    it('makes the day a lower bound when any of its sessions is one', async () => {
      await spec.given(exact, held()).thenRows(activityCounts, [
        { ...brigade, measure: 'training.participants', value: 230n, lower_bound: true },
        { ...brigade, measure: 'training.sessions.joint', value: 1n },
        { ...brigade, measure: 'training.sessions.skill', value: 1n },
      ]);
    });
  });

  describe('on TrainingSessionVoided', () => {
    it('takes the session back out, and the day is exact again once its last lower bound is voided', async () => {
      await spec.given(exact, held(), voided(), voided()).thenRows(activityCounts, [
        { ...brigade, measure: 'training.participants', value: 30n, lower_bound: false },
        { ...brigade, measure: 'training.sessions.skill', value: 1n },
      ]);
      await spec.given(held(), voided()).thenRows(countBounds, []);
    });
    it('keeps the day a lower bound while another lower-bound session remains', async () => {
      const other = held({ sessionId: 'PX3', participants: 100 });
      await spec.given(held(), other, voided()).thenRows(activityCounts, [
        { ...brigade, measure: 'training.participants', value: 100n, lower_bound: true },
        { ...brigade, measure: 'training.sessions.joint', value: 1n },
      ]);
    });
    it('leaves nothing behind when the only session is voided', async () => {
      await spec.given(held(), voided()).thenRows(activityCounts, []);
      await spec
        .given(held(), voided())
        .thenRows(trainingSessions, [{ session_id: 'PX1', status: 'voided' }]);
    });
  });
});
