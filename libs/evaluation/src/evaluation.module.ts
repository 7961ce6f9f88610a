import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { GetEvaluationReportHandler } from './evaluation.query';

@Module({ imports: [CqrsModule], providers: [GetEvaluationReportHandler] })
export class EvaluationModule {}
