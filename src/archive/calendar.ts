// Dates an issue is given when nobody has said otherwise.

/** The last Monday-to-Friday day of a month, as YYYY-MM-DD (holidays are the editor's to know). */
export function lastWeekday(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The month after yyyy-mm. */
export function nextMonth(name: string): string {
  const [y, m] = name.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
