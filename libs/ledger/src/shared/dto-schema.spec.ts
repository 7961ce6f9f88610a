import { RecordAccidentDto } from '../accidents/accident.commands';
import { describeDto } from './dto-schema';

describe('describeDto', () => {
  it('reads a command input shape back from its validation decorators', () => {
    const fields = Object.fromEntries(describeDto(RecordAccidentDto).map((f) => [f.name, f]));
    expect(fields.occurredOn).toMatchObject({ type: 'date', required: true });
    expect(fields.procedure).toMatchObject({ type: 'enum', enum: ['SIMPLE', 'GENERAL', 'FAST_SETTLEMENT'] });
    expect(fields.deaths).toMatchObject({ type: 'integer', min: 0, max: 1000 });
    expect(fields.directLossFen).toMatchObject({ type: 'fen' });
    expect(fields.roadCode).toMatchObject({ required: false, maxLength: 40 });
    expect(fields.accidentId).toMatchObject({ type: 'string', required: true });
  });
});
