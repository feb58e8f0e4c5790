import type { Actor } from '@/lib/auth/admin';
import { principalLabel } from '@/lib/auth/principal';
import { clientIp } from './client-ip';
import type { RouteContext } from './handler';

/** The audit-log actor for a request's caller. */
export function actorOf(ctx: Pick<RouteContext<unknown, unknown, unknown>, 'principal' | 'req' | 'requestId'>): Actor {
  const p = ctx.principal;
  return {
    type: p?.kind ?? 'system',
    id: p?.id ?? null,
    label: p ? principalLabel(p) : 'anonymous',
    ip: clientIp(ctx.req),
    requestId: ctx.requestId,
  };
}
