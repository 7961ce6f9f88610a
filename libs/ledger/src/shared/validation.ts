import { registerDecorator, type ValidationOptions } from 'class-validator';

import { isCalendarDate } from './dates';

/** Ids the ledger accepts in stream names: letters, digits, dash, underscore, dot; no spaces or slashes. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A `YYYY-MM-DD` date that exists on the calendar. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} 必须是 YYYY-MM-DD 格式的有效日期 (must be a calendar date YYYY-MM-DD)`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}

/** Money in integer fen, never negative here (reversals are their own events), and exact in a JS number. */
export function IsFen(options?: ValidationOptions & { allowZero?: boolean }) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isFen',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} 必须是以分为单位的${options?.allowZero === false ? '正' : '非负'}整数 (must be integer fen)`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isSafeInteger(value) &&
          (options?.allowZero === false ? value > 0 : value >= 0),
      },
    });
}
