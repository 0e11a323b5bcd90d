import pino, { type Logger } from 'pino';

// JSON lines on stdout. Secrets never reach the log: credentials are redacted by path, and sign-in
// tokens are cut out of logged URLs.

export function scrubUrl(url: string): string {
  return (
    url
      .replace(/([?&](?:token|secret|password|code|state)=)[^&#]*/gi, '$1[redacted]')
      // signed links carry their token in the path (booking, join, rating and entitlement links)
      .replace(
        /(\/(?:book|calls\/join|api\/v1\/call-offers|csat|api\/v1\/csat|entitlement|api\/v1\/entitlement-links)\/)[^/?#]+/g,
        '$1[redacted]',
      )
  );
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.currentPassword',
          '*.token',
          '*.secret',
          '*.databaseUrl',
          '*.outboundSmtpUrl',
        ],
        censor: '[redacted]',
      },
      serializers: {
        err: pino.stdSerializers.err,
        req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url ? scrubUrl(req.url) : req.url,
          ip: req.ip,
        }),
      },
    },
    destination,
  );
}
