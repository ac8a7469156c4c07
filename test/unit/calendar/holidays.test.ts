import { describe, expect, it } from 'vitest';
import { CN_HOLIDAYS, type HolidayData } from '../../../src-shared/calendar/holidays';
import { beijingCalendar as cal, WorkingCalendar } from '../../../src-shared/calendar/working-calendar';
import { bj, show, working } from './helpers';

const due = (from: string, minutes: number): string => show(cal.addLimit(bj(from), working(minutes)));

describe('国庆 2026 (Oct 1–7) with make-up days 09-20 (Sun) and 10-10 (Sat)', () => {
  it('the holiday days are not working days, with their names', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(cal.dayInfo('2026-10-01')).toEqual({
      day: '2026-10-01',
      kind: 'holiday',
      working: false,
      holiday: { zh: '国庆节', en: 'National Day' },
    });
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('Saturday 10-10 and Sunday 09-20 are working days; Sunday 10-11 is not', () => {
    expect(cal.dayInfo('2026-10-10').kind).toBe('make-up-workday');
    expect(cal.dayInfo('2026-09-20').kind).toBe('make-up-workday');
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('a limit from the eve of the holiday resumes on 10-08', () => {
    // Wed 09-30 16:00–17:30 = 90; Oct 1–7 off; Thu 10-08 09:00–12:00 (270), 13:30 + 150 → 16:00.
    expect(due('2026-09-30 16:00', 420)).toBe('2026-10-08 16:00');
  });

  it('a Friday limit runs on into the make-up Saturday 10-10', () => {
    // Fri 10-09 16:00–17:30 = 90; Sat 10-10 09:00 + 150 → 11:30.
    expect(due('2026-10-09 16:00', 240)).toBe('2026-10-10 11:30');
  });

  it('a Friday limit runs on into the make-up Sunday 09-20 (Saturday 09-19 is off)', () => {
    expect(due('2026-09-18 16:00', 240)).toBe('2026-09-20 11:30');
  });

  it('中秋 (09-25 Fri to 09-27) pushes a Thursday limit to Monday', () => {
    // Thu 09-24: 90; 25–27 off; Mon 09-28 09:00–12:00 (270), 13:30 + 150 → 16:00.
    expect(due('2026-09-24 16:00', 420)).toBe('2026-09-28 16:00');
  });
});

describe('春节 2026 (02-15 to 02-23) with make-up Saturdays 02-14 and 02-28', () => {
  it('Saturday 02-14 is worked before the holiday', () => {
    // Fri 02-13 16:00–17:30 = 90; Sat 02-14 09:00 + 150 → 11:30.
    expect(due('2026-02-13 16:00', 240)).toBe('2026-02-14 11:30');
  });

  it('a limit started on 02-14 waits out the whole holiday', () => {
    // Sat 02-14: 90; 02-15 … 02-23 off; Tue 02-24 09:00 + 150 → 11:30.
    expect(due('2026-02-14 16:00', 240)).toBe('2026-02-24 11:30');
    expect(cal.dayInfo('2026-02-23').holiday?.zh).toBe('春节');
  });

  it('Saturday 02-28 is a working day', () => {
    // Fri 02-27 16:00: 90; Sat 02-28 09:00 + 150 → 11:30.
    expect(due('2026-02-27 16:00', 240)).toBe('2026-02-28 11:30');
  });
});

describe('New Year 2026 and the 2025 → 2026 boundary', () => {
  it('Jan 1–3 are off and Sunday Jan 4 is worked', () => {
    // Wed 2025-12-31 16:00: 90; Jan 1 (Thu)–3 (Sat) off; Sun Jan 4 09:00 + 150 → 11:30.
    expect(due('2025-12-31 16:00', 240)).toBe('2026-01-04 11:30');
    expect(cal.dayInfo('2026-01-02').holiday?.en).toBe("New Year's Day");
  });

  it('2025 holidays apply too: 国庆 2025 ran to 10-08, with Saturday 10-11 worked', () => {
    expect(cal.isWorkingDay('2025-10-08')).toBe(false);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
  });
});

describe('2026 → 2027: 2027 is weekends only until its notice is published', () => {
  it('says so', () => {
    expect(cal.hasPublishedHolidays(2026)).toBe(true);
    expect(cal.hasPublishedHolidays(2027)).toBe(false);
    expect(CN_HOLIDAYS.years['2027']?.status).toBe('weekends-only');
    expect(CN_HOLIDAYS.source).toContain('2027 not yet verified');
  });

  it('so Friday 2027-01-01 counts as a working day for now', () => {
    // Thu 2026-12-31 16:00: 90; Fri 2027-01-01 (no data yet) 09:00 + 150 → 11:30.
    expect(due('2026-12-31 16:00', 240)).toBe('2027-01-01 11:30');
    expect(cal.dayInfo('2027-01-02').kind).toBe('weekend');
  });

  it('years outside the data are weekends only', () => {
    expect(cal.hasPublishedHolidays(2024)).toBe(false);
    expect(cal.isWorkingDay('2024-10-01')).toBe(true); // a Tuesday
    expect(cal.isWorkingDay('2030-01-05')).toBe(false); // a Saturday
  });
});

describe('the holiday data itself', () => {
  it('make-up working days are all weekend days', () => {
    const plain = new WorkingCalendar({ holidays: { source: '', rule: '', years: {} } });
    for (const year of Object.values(CN_HOLIDAYS.years)) {
      for (const day of year.makeUpWorkdays) expect(plain.dayInfo(day).kind, day).toBe('weekend');
    }
  });

  it('every range is ordered, inside its year, and every day in it is off', () => {
    for (const [year, entry] of Object.entries(CN_HOLIDAYS.years)) {
      for (const range of entry.holidays) {
        expect(range.from <= range.to).toBe(true);
        expect(range.from.startsWith(year) && range.to.startsWith(year)).toBe(true);
        expect(cal.isWorkingDay(range.from)).toBe(false);
        expect(cal.isWorkingDay(range.to)).toBe(false);
      }
    }
  });

  it('other holiday data can be supplied', () => {
    const data: HolidayData = {
      source: 'test',
      rule: 'test',
      years: { '2027': { status: 'published', holidays: [{ name: { zh: '元旦', en: "New Year's Day" }, from: '2027-01-01', to: '2027-01-01' }], makeUpWorkdays: [] } },
    };
    const withNotice = new WorkingCalendar({ holidays: data });
    expect(withNotice.isWorkingDay('2027-01-01')).toBe(false);
    expect(withNotice.hasPublishedHolidays(2027)).toBe(true);
  });
});
