import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

import { AS_OF_BASES, parseAsOf, type AsOf, type AsOfBasis } from '@ledger/audit';
import { ID_PATTERN, InputInvalidError, IsCalendarDate } from '@ledger/ledger';

export class AsOfBodyDto {
  /** `YYYY-MM-DD` (the end of that day, Asia/Shanghai) or an ISO instant with its offset. */
  @IsString() @MaxLength(40) asOf!: string;
  @IsOptional() @IsIn(AS_OF_BASES) basis?: AsOfBasis;
  @IsOptional() @Matches(ID_PATTERN) unit?: string;
}

export class DiffBodyDto extends AsOfBodyDto {
  @IsOptional() @IsInt() @Min(0) @Max(1000) limit?: number;
}

export class RecordingWindowQueryDto {
  @IsCalendarDate() from!: string;
  @IsCalendarDate() to!: string;
  @IsOptional() @Matches(ID_PATTERN) unit?: string;
}

export class WhoQueryDto extends RecordingWindowQueryDto {
  @IsOptional() @IsIn(['true', 'false']) verbose?: 'true' | 'false';
  @IsOptional() @Matches(/^[1-9]\d{0,4}$/) limit?: string;
}

export class LateChangesQueryDto {
  @IsString() @MaxLength(40) after!: string;
  @IsCalendarDate() from!: string;
  @IsCalendarDate() to!: string;
  @IsOptional() @Matches(ID_PATTERN) unit?: string;
  @IsOptional() @Matches(/^[1-9]\d{0,4}$/) limit?: string;
}

export class HistoryQueryDto {
  @IsOptional() @Matches(/^\d{1,9}$/) fromVersion?: string;
  @IsOptional() @Matches(/^[1-9]\d{0,4}$/) limit?: string;
}

/** An as-of the auditor typed, or a 400 naming the field. */
export function asOfField(field: string, value: string, basis: AsOfBasis = 'recorded'): AsOf {
  try {
    return parseAsOf(value, basis);
  } catch {
    throw new InputInvalidError([
      {
        field,
        messages: [
          `${field} 必须是 YYYY-MM-DD 日期或带时区的 ISO 时刻 (must be a date YYYY-MM-DD or an ISO instant with offset)`,
        ],
      },
    ]);
  }
}

export function assertWindow(from: string, to: string): void {
  if (from > to)
    throw new InputInvalidError([
      { field: 'to', messages: ['结束日期不能早于开始日期 (to must not precede from)'] },
    ]);
}
