import type { IsoDate, Quarter } from './types';

/** The quarter a date falls in, `YYYY-Qn`. */
export function quarterOf(date: IsoDate): Quarter {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The first and last day of a quarter. */
export function quarterBounds(quarter: Quarter): { start: IsoDate; end: IsoDate } {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  const year = match[1] ?? '';
  const q = Number(match[2]);
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(Number(year), endMonth, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { start: `${year}-${mm(startMonth)}-01`, end: `${year}-${mm(endMonth)}-${lastDay}` };
}

/** True for `YYYY-Qn`. */
export function isQuarter(value: string): boolean {
  return /^\d{4}-Q[1-4]$/.test(value);
}

/** The quarter before `quarter`. */
export function previousQuarter(quarter: Quarter): Quarter {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}
