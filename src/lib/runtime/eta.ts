/** "about 12 s left": the time a run still needs if it keeps its pace so far ('' before and after). */
export function etaText(elapsedMs: number, fraction: number): string {
  if (!(fraction > 0 && fraction < 1)) return '';
  const ms = (elapsedMs / fraction) * (1 - fraction);
  return ms < 1000 ? 'under a second' : `about ${Math.round(ms / 1000)} s`;
}
