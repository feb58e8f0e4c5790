/** The caller's address as the first proxy saw it (x-forwarded-for), for the audit log; null when unknown. */
export function clientIp(req: Request | undefined): string | null {
  const fwd = req?.headers.get('x-forwarded-for');
  return fwd ? fwd.split(',')[0]!.trim() || null : null;
}
