// HL7 TS values (YYYYMMDDHHMMSS). The official samples carry no UTC offset, i.e. the sender's
// local time; the DMP is French, so Europe/Paris is the default zone.
import { DmpPayloadError } from './xmlTree.js';

/** One formatter per zone: building an Intl.DateTimeFormat costs ~1 ms, formatting ~µs. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Formats a Date as an HL7 TS in the given IANA zone (default Europe/Paris), without offset. */
export function formatHl7Timestamp(date: Date, timeZone = 'Europe/Paris'): string {
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}${get('month')}${get('day')}${get('hour')}${get('minute')}${get('second')}`;
}

const TS =
  /^[0-9]{4}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:\.[0-9]{1,4})?)?)?)?)?)?(?:[+-][0-9]{4})?$/;

/** True for a syntactically valid HL7 TS. */
export function isHl7Timestamp(value: string): boolean {
  return TS.test(value);
}

/** A Date as an HL7 TS, a string checked as one. */
export function toHl7Timestamp(value: Date | string, timeZone?: string): string {
  if (typeof value !== 'string') return formatHl7Timestamp(value, timeZone);
  if (!isHl7Timestamp(value)) {
    throw new DmpPayloadError(
      'HL7_TIMESTAMP_INVALID',
      `Horodatage HL7 invalide : « ${value.slice(0, 32)} » (attendu AAAAMMJJHHMMSS).`,
    );
  }
  return value;
}
