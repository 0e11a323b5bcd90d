// Log timestamps to epoch milliseconds, fast: every line of a multi-GB log has one, and Date.parse costs more
// than the rest of a line's bookkeeping. Reads ISO 8601 (`2024-05-01T10:00:02.120Z`, `+02:00`), the PostgreSQL
// form (`2024-05-01 10:00:07.512 UTC`) and svlogd's (`2024-05-01_10:00:07.51234`, UTC); no zone means UTC.
// Anything else goes to Date.parse; NaN when it is not a time.

let cachedMinute = '';
let cachedMinuteMs = Number.NaN;

function digit(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

export function parseTime(s: string): number {
  if (
    s.length < 19 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return s ? Date.parse(s) : Number.NaN;
  }
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 95) return Date.parse(s);
  let base: number;
  if (cachedMinute !== '' && s.startsWith(cachedMinute)) base = cachedMinuteMs;
  else {
    const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
    const month = digit(s, 5) * 10 + digit(s, 6);
    const day = digit(s, 8) * 10 + digit(s, 9);
    const hour = digit(s, 11) * 10 + digit(s, 12);
    const min = digit(s, 14) * 10 + digit(s, 15);
    base = Date.UTC(year, month - 1, day, hour, min);
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && min <= 59)) base = Number.NaN;
    cachedMinute = s.slice(0, 16);
    cachedMinuteMs = base;
  }
  const sec = digit(s, 17) * 10 + digit(s, 18);
  if (!(sec >= 0 && sec <= 60)) return Number.NaN;
  let ms = base + sec * 1000;
  let i = 19;
  if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
    // fraction: milliseconds from up to the first three digits, the rest ignored
    i++;
    let scale = 100;
    while (i < s.length) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (scale >= 1) ms += d * scale;
      scale /= 10;
      i++;
    }
  }
  if (i >= s.length) return ms;
  let c = s.charCodeAt(i);
  if (c === 32) {
    i++;
    c = s.charCodeAt(i);
  }
  if (c === 90 || s.startsWith('UTC', i) || s.startsWith('GMT', i)) return ms;
  if (c === 43 || c === 45) {
    const hh = digit(s, i + 1) * 10 + digit(s, i + 2);
    const mmAt = s.charCodeAt(i + 3) === 58 ? i + 4 : i + 3;
    const mm = i + 3 < s.length ? digit(s, mmAt) * 10 + digit(s, mmAt + 1) : 0;
    if (!(hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59)) return Number.NaN;
    const offset = (hh * 60 + mm) * 60_000;
    return c === 43 ? ms - offset : ms + offset;
  }
  return Date.parse(s.replace('_', 'T'));
}
