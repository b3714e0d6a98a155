/** Calendar checks shared by the code parsers: real dates, GS1's two-digit years. */

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether year-month-day is a real date (month 1–12, day 1–last day of that month). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The four-digit year for a GS1 two-digit year (GS1 General Specifications §7.12): the year within
 * 49 years before and 50 years after `reference` (the current year by default).
 */
export function gs1FullYear(yy: number, reference: number = new Date().getUTCFullYear()): number {
  const century = reference - (reference % 100);
  const difference = yy - (reference % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

/** Two ASCII digits at `index` as a number, or -1 when they are not both digits. */
export function twoDigits(s: string, index: number): number {
  const a = s.charCodeAt(index) - 48;
  const b = s.charCodeAt(index + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `YYYY-MM-DD` for a valid date. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
