// `npm run admin -- <command>`: user and API-key management for scripts and automated deployments.
// With the embedded database the server must be stopped first (PGlite allows one process); with PostgreSQL it can run.
import { parseArgs } from 'node:util';
import { openConfiguredDb } from '@/db/client';
import { listApiKeys } from '@/db/queries/api-keys';
import { findUserByEmail, listUsers } from '@/db/queries/users';
import { createApiKey, createUser, revokeKey, updateUserAccount, type Actor } from '@/lib/auth/admin';
import { createApiKeySchema, createUserSchema, updateUserSchema, type CreateApiKeyInput, type CreateUserInput, type UpdateUserInput } from '@/lib/auth/schema';
import { rawEnv } from '@/lib/env';
import { fail, runCli } from './common';

const USAGE = `usage: npm run admin -- <command> [options]
  create-user --email E --name N --role stakeholder|retention|data_scientist|admin [--password P]
  set-user    --email E [--role R] [--name N] [--password P] [--disable | --enable]
  list-users
  create-key  --name N --scopes read,predict,labels,tracking,monitoring,fairness,roi [--expires-days D]
  list-keys
  revoke-key  --id ID
The password may also come from the STREAMFLOW_PASSWORD environment variable (keeps it out of shell history).`;

const actor: Actor = { type: 'cli', id: null, label: `cli:${rawEnv().USER ?? 'unknown'}` };

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown): T {
  const r = schema.safeParse(v);
  if (!r.success) fail(r.error.issues.map((i) => `--${String(i.path[0] ?? '').replace(/_/g, '-')} ${i.message}`).join('; '));
  return r.data;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  const { values: o } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' },
      scopes: { type: 'string' }, 'expires-days': { type: 'string' }, id: { type: 'string' },
      disable: { type: 'boolean' }, enable: { type: 'boolean' }, json: { type: 'boolean' },
    },
    strict: true,
  });
  const password = o.password ?? rawEnv().STREAMFLOW_PASSWORD;
  // Input is checked before the database is opened, so a typo fails at once.
  const validators: Record<string, () => unknown> = {
    'create-user': () => parse(createUserSchema, { email: o.email, name: o.name, role: o.role, password }),
    'set-user': () => (o.email ? parse(updateUserSchema, { name: o.name, role: o.role, password, disabled: o.disable ? true : o.enable ? false : undefined }) : fail('--email is required')),
    'create-key': () =>
      parse(createApiKeySchema, {
        name: o.name,
        scopes: (o.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        expires_in_days: o['expires-days'] ? Number(o['expires-days']) : undefined,
      }),
    'revoke-key': () => o.id ?? fail('--id is required'),
    'list-users': () => null,
    'list-keys': () => null,
  };
  const validate = validators[command] ?? (() => fail(`unknown command "${command}"\n${USAGE}`));
  const input = validate();
  const handle = await openConfiguredDb();
  const { db } = handle;
  try {
    switch (command) {
      case 'create-user': {
        const u = await createUser(db, actor, input as CreateUserInput);
        console.log(`created user ${u.email} (${u.role}) id=${u.id}`);
        break;
      }
      case 'set-user': {
        const u = await findUserByEmail({ db, email: o.email! });
        if (!u) fail(`no user with e-mail ${o.email}`);
        const updated = await updateUserAccount(db, actor, u.id, input as UpdateUserInput);
        console.log(`updated ${updated.email}: role=${updated.role} disabled=${updated.disabled}`);
        break;
      }
      case 'list-users':
        for (const u of await listUsers({ db })) console.log(`${u.email.padEnd(36)} ${u.role.padEnd(15)} ${u.disabled ? 'disabled' : 'active'}  ${u.id}`);
        break;
      case 'create-key': {
        const k = await createApiKey(db, actor, input as CreateApiKeyInput);
        if (o.json) console.log(JSON.stringify({ id: k.id, name: k.name, scopes: k.scopes, key: k.key }));
        else {
          console.log(`created API key "${k.name}" id=${k.id} scopes=${k.scopes.join(',')}`);
          console.log('key (shown once, store it now):');
          console.log(k.key);
        }
        break;
      }
      case 'list-keys':
        for (const k of await listApiKeys({ db })) console.log(`${k.prefix}…  ${k.name.padEnd(28)} ${k.scopes.join(',').padEnd(30)} ${k.revokedAt ? 'revoked' : 'active'}  ${k.id}`);
        break;
      case 'revoke-key': {
        const k = await revokeKey(db, actor, input as string);
        console.log(`revoked ${k.name} (${k.prefix}…)`);
        break;
      }
    }
  } finally {
    await handle.close();
  }
}

runCli(main);
