import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { performanceTargetDecider, priorBaselineDecider, reportSectionDecider } from './narrative.decider';
import {
  BASELINE_QUALIFIERS,
  MAX_PARAGRAPH_CHARS,
  MAX_PARAGRAPHS,
  NARRATIVE_SECTION_CODES,
  narrativeStream,
  performanceTargetStream,
  PRIOR_BASELINE_METRIC_CODES,
  priorBaselineStream,
  type BaselineQualifier,
  type NarrativeSection,
  type PriorBaselineMetric,
} from './narrative.events';

/** A decimal written as text, so no float ever stands between the office's figure and the report. */
export const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,6})?$/;

class ReportYear {
  @Matches(ID_PATTERN) unitId!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
}

export class DraftReportSectionDto extends ReportYear {
  @IsIn(NARRATIVE_SECTION_CODES) section!: NarrativeSection;
  @IsArray()
  @ArrayMaxSize(MAX_PARAGRAPHS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_PARAGRAPH_CHARS, { each: true })
  paragraphs!: string[];
  @IsCalendarDate() draftedOn!: string;
}

export class SetPerformanceTargetDto extends ReportYear {
  @Matches(ID_PATTERN) indicatorCode!: string;
  @Matches(DECIMAL_PATTERN) target!: string;
  @IsString() @MinLength(1) @MaxLength(20) unit!: string;
  @IsInt() @Min(0) @Max(100) weight!: number;
}

export class PeriodDto {
  @IsCalendarDate() from!: string;
  @IsCalendarDate() to!: string;
}

export class RecordPriorPeriodBaselineDto {
  @Matches(ID_PATTERN) unitId!: string;
  @IsIn(PRIOR_BASELINE_METRIC_CODES) metric!: PriorBaselineMetric;
  @IsObject() @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @Matches(DECIMAL_PATTERN) value!: string;
  @IsIn(BASELINE_QUALIFIERS) qualifier!: BaselineQualifier;
  @IsString() @MinLength(2) @MaxLength(500) source!: string;
}

export const narrativeCommands = [
  defineCommand({
    name: 'DraftReportSection',
    summaryZh: '起草报告文字部分',
    dto: DraftReportSectionDto,
    roles: ['brigade_office'],
    decider: reportSectionDecider,
    streamOf: (d) => narrativeStream(d.unitId, d.year),
    unitOf: (d) => d.unitId,
    toCommand: (d) => ({
      kind: 'DraftReportSection' as const,
      unitId: d.unitId,
      year: d.year,
      section: d.section,
      paragraphs: [...d.paragraphs],
      draftedOn: d.draftedOn,
    }),
  }),
  defineCommand({
    name: 'SetPerformanceTarget',
    summaryZh: '设定绩效目标',
    dto: SetPerformanceTargetDto,
    roles: ['brigade_office'],
    decider: performanceTargetDecider,
    streamOf: (d) => performanceTargetStream(d.unitId, d.year),
    unitOf: (d) => d.unitId,
    toCommand: (d) => ({
      kind: 'SetPerformanceTarget' as const,
      unitId: d.unitId,
      year: d.year,
      indicatorCode: d.indicatorCode,
      target: d.target,
      unit: d.unit,
      weight: d.weight,
    }),
  }),
  defineCommand({
    name: 'RecordPriorPeriodBaseline',
    summaryZh: '登记上年同期基数',
    dto: RecordPriorPeriodBaselineDto,
    roles: ['brigade_office', 'finance'],
    decider: priorBaselineDecider,
    streamOf: (d) => priorBaselineStream(d.unitId, d.metric),
    unitOf: (d) => d.unitId,
    toCommand: (d) => ({
      kind: 'RecordPriorPeriodBaseline' as const,
      unitId: d.unitId,
      metric: d.metric,
      period: { from: d.period.from, to: d.period.to },
      value: d.value,
      qualifier: d.qualifier,
      source: d.source,
    }),
  }),
];
