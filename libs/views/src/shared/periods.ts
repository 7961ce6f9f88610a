/** The same calendar period one year earlier; 29 February maps to 28 February. */
export function previousYear(date: string): string {
  const year = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${md === '02-29' && !leap ? '02-28' : md}`;
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

export const previousYearSamePeriod = (p: Period): Period => ({
  from: previousYear(p.from),
  to: previousYear(p.to),
});
