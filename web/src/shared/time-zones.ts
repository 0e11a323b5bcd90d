// every zone the browser knows; older browsers without supportedValuesOf get a short list
export const ALL_ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const known = intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo'];
  return known.includes('UTC') ? known : ['UTC', ...known];
})();
