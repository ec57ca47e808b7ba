// CDA TS values (`YYYY[MM[DD[HH[MM[SS[.F]]]]]][±ZZZZ]`) and their XDS form: an HL7 DTM in UTC
// (CDA-CISIS §3: 20200312111700+0100 → 20200312101700). The examples give second precision and
// an offset; a time without offset is the producer's local time, taken as Europe/Paris (the
// DMP is French) and reported as a warning by the header rules. Date-only values are not
// shifted: a day has no time zone.
import { formatHl7Timestamp } from '../hl7v3/hl7Timestamp.js';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export interface CdaTime {
  /** The value as written. */
  readonly value: string;
  /** The date/time digits (4 to 14), without fraction or offset. */
  readonly digits: string;
  readonly fraction?: string;
  /** Minutes east of UTC, when the value carries an offset. */
  readonly offsetMinutes?: number;
}

const TS = /^([0-9]{4}(?:[0-9]{2}){0,5})(?:\.([0-9]{1,4}))?([+-][0-9]{4})?$/;

function inRange(digits: string, from: number, to: number, min: number, max: number): boolean {
  if (digits.length < to) return true;
  const n = Number(digits.slice(from, to));
  return n >= min && n <= max;
}

/** Parses a CDA TS; undefined when malformed (bad syntax, month 13, hour 25…). */
export function parseCdaTime(value: string | undefined): CdaTime | undefined {
  if (value === undefined) return undefined;
  const m = TS.exec(value.trim());
  if (!m) return undefined;
  const digits = m[1] ?? '';
  const fraction = m[2];
  const offset = m[3];
  if (fraction !== undefined && digits.length !== 14) return undefined;
  const ok =
    inRange(digits, 4, 6, 1, 12) &&
    inRange(digits, 6, 8, 1, 31) &&
    inRange(digits, 8, 10, 0, 23) &&
    inRange(digits, 10, 12, 0, 59) &&
    inRange(digits, 12, 14, 0, 60);
  if (!ok) return undefined;
  let offsetMinutes: number | undefined;
  if (offset !== undefined) {
    const hours = Number(offset.slice(1, 3));
    const minutes = Number(offset.slice(3, 5));
    if (hours > 14 || minutes > 59) return undefined;
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return {
    value: value.trim(),
    digits,
    ...(fraction !== undefined ? { fraction } : {}),
    ...(offsetMinutes !== undefined ? { offsetMinutes } : {}),
  };
}

function wallClockMs(digits: string): number {
  const n = (from: number, to: number, fallback: number): number =>
    digits.length >= to ? Number(digits.slice(from, to)) : fallback;
  return Date.UTC(n(0, 4, 0), n(4, 6, 1) - 1, n(6, 8, 1), n(8, 10, 0), n(10, 12, 0), n(12, 14, 0));
}

/** Minutes east of UTC of `zone` at the instant `utcMs`. */
function zoneOffsetMinutes(utcMs: number, zone: string): number {
  return (wallClockMs(formatHl7Timestamp(new Date(utcMs), zone)) - utcMs) / 60_000;
}

/** The UTC instant of a local wall-clock time in `zone` (two passes cover DST changes). */
function localToUtcMs(digits: string, zone: string): number {
  const wall = wallClockMs(digits);
  const first = wall - zoneOffsetMinutes(wall, zone) * 60_000;
  return wall - zoneOffsetMinutes(first, zone) * 60_000;
}

function dtm(ms: number, length: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, length);
}

/**
 * The XDS form of a CDA time: HL7 DTM in UTC, same precision as written (a fraction is
 * dropped). Dates without a time are returned unchanged. Undefined for a malformed value.
 */
export function cdaTimeToUtc(
  value: string | CdaTime | undefined,
  zone = DEFAULT_TIME_ZONE,
): string | undefined {
  const t = typeof value === 'string' || value === undefined ? parseCdaTime(value) : value;
  if (!t) return undefined;
  if (t.digits.length <= 8) return t.digits;
  const utc =
    t.offsetMinutes !== undefined
      ? wallClockMs(t.digits) - t.offsetMinutes * 60_000
      : localToUtcMs(t.digits, zone);
  return dtm(utc, t.digits.length);
}

/** A Date as a CDA TS with second precision and the zone's offset: `20240501101500+0200`. */
export function formatCdaTime(date: Date, zone = DEFAULT_TIME_ZONE): string {
  const local = formatHl7Timestamp(date, zone);
  const offset = Math.round(
    (wallClockMs(local) - Math.floor(date.getTime() / 1000) * 1000) / 60_000,
  );
  const abs = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
