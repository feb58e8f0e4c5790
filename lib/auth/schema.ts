import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './passwords';
import { ROLES, SCOPES } from './roles';

export const emailSchema = z.string().trim().toLowerCase().email('must be an e-mail address').max(254);
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const createUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1, 'is required').max(120),
  role: z.enum(ROLES),
  password: passwordSchema.optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one of name, role, disabled, password');
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(80),
  scopes: z.array(z.enum(SCOPES)).min(1, 'give at least one scope').max(SCOPES.length),
  expires_in_days: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const idParamsSchema = z.object({ id: z.uuid('must be a UUID') });
