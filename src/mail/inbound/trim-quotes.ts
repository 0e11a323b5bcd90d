// Quoted history and signatures are trimmed for reading; the full text is always kept beside it.
// Our own marker first (we put it at the top of everything we send), then the markers mail clients
// write, then the common "On … wrote:" lines in several languages. Forwards are never trimmed, and
// a trim that would leave nothing keeps everything.

export const REPLY_MARKER = '##- Please type your reply above this line -##';

const WRAPPED_ON = /^On .{3,200}$/i; // Gmail wraps "On <date>, <name>" / "<address> wrote:"
const WROTE_LINE = [
  /^On .{3,200}wrote:\s*$/i, // English (Gmail, Apple Mail, Thunderbird)
  /^Am .{3,200}schrieb .{0,200}:\s*$/i, // German
  /^Le .{3,200}a écrit\s*:\s*$/i, // French
  /^El .{3,200}escribió:\s*$/i, // Spanish
  /^Il .{3,200}ha scritto:\s*$/i, // Italian
  /^Op .{3,200}schreef .{0,200}:\s*$/i, // Dutch
  /^.{3,200}(написал|написала|написал\(а\)):\s*$/i, // Russian
  /^在.{3,200}写道[:：]\s*$/, // Chinese
  /^.{3,200}wrote:\s*$/i,
];
const SEPARATOR_LINE = [
  /^-{2,}\s*Original Message\s*-{2,}$/i,
  /^-{2,}\s*(Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}$/i,
  /^_{10,}$/, // Outlook's rule above the quoted header block
  /^-{5,}\s*原始邮件\s*-{5,}$/,
];
const HEADER_BLOCK = /^(From|Von|De|Da|Van|От|发件人)\s*:\s*.+$/i;
const HEADER_FOLLOW =
  /^(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|Verzonden|Отправлено|To|An|À|Para|A|Aan|Кому|Subject|Betreff|Objet|Asunto|Oggetto|Onderwerp|Тема)\s*:/i;
const SIGNATURE_LINE = [
  /^-- ?$/,
  /^Sent from my (iPhone|iPad|Android|mobile|BlackBerry)/i,
  /^Get Outlook for (iOS|Android)/i,
  /^Sent with Sparrow/i,
  /^Von meinem iPhone gesendet/i,
];

function isForward(subject: string, text: string): boolean {
  return (
    /^\s*(fwd?|fw|wg|tr|rv|vs|doorst)\s*:/i.test(subject) ||
    /^-{5,}\s*Forwarded message\s*-{5,}/im.test(text.slice(0, 2000))
  );
}

export function trimQuotedText(text: string, subject = ''): { text: string; trimmed: boolean } {
  if (isForward(subject, text)) return { text, trimmed: false };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line.includes(REPLY_MARKER) || SEPARATOR_LINE.some((re) => re.test(line))) {
      cut = i;
      break;
    }
    const wrappedWrote = WRAPPED_ON.test(line) && /wrote:\s*$/i.test((lines[i + 1] ?? '').trim());
    if (wrappedWrote || WROTE_LINE.some((re) => re.test(line))) {
      cut = i;
      break;
    }
    if (HEADER_BLOCK.test(line)) {
      const next = lines.slice(i + 1, i + 4).map((l) => l.trim());
      if (next.filter((l) => HEADER_FOLLOW.test(l)).length >= 2) {
        cut = i;
        break;
      }
    }
  }
  let kept = lines.slice(0, cut);
  // a trailing block of > quotes
  while (kept.length > 0 && /^\s*(>|$)/.test(kept.at(-1) as string)) kept.pop();
  // signatures
  const signature = kept.findIndex((l) => SIGNATURE_LINE.some((re) => re.test(l.trim())));
  if (signature > 0) kept = kept.slice(0, signature);
  let result = kept.join('\n').trim();
  if (!result) {
    // written below the quote: what is left without the quoted lines and their "wrote:" line
    result = lines
      .filter(
        (l, i) => !/^\s*>/.test(l) && !(i === cut && WROTE_LINE.concat(WRAPPED_ON).some((re) => re.test(l.trim()))),
      )
      .join('\n')
      .trim();
  }
  if (!result) return { text: text.trim(), trimmed: false };
  return { text: result, trimmed: result !== text.trim() };
}

const HTML_MARKERS = [
  REPLY_MARKER,
  '<div class="gmail_quote',
  '<div class="gmail_extra',
  '<blockquote type="cite"',
  '<div id="appendonsend"',
  '<div id="divRplyFwdMsg"',
  '<div class="yahoo_quoted',
  '<div id="yahoo_quoted',
  '<hr id="stopSpelling"',
  '<div class="moz-cite-prefix"',
  '<div style="border:none;border-top:solid #E1E1E1',
  '<div style="border:none;border-top:solid #B5C4DF',
];

/** Cuts HTML at the first quote marker; the sanitizer closes whatever the cut left open. */
export function trimQuotedHtml(html: string, subject = ''): { html: string; trimmed: boolean } {
  if (isForward(subject, html.replace(/<[^>]+>/g, ''))) return { html, trimmed: false };
  const lower = html.toLowerCase();
  const cuts = HTML_MARKERS.map((m) => lower.indexOf(m.toLowerCase())).filter((i) => i > 0);
  if (cuts.length === 0) return { html, trimmed: false };
  const kept = html.slice(0, Math.min(...cuts));
  if (!kept.replace(/<[^>]+>|&nbsp;|\s/g, '')) return { html, trimmed: false };
  return { html: kept, trimmed: true };
}
