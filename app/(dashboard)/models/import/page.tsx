import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportForm } from '@/components/models/import-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';
import { hasRole, ROLE_LABELS } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Import a model' };
export const dynamic = 'force-dynamic';

export default async function ImportModelPage() {
  const user = await requirePage('/models');
  const allowed = hasRole(user.role, 'data_scientist');
  return (
    <>
      <PageHeader title="Import a model" description="Register an ONNX model trained outside the product (scikit-learn via skl2onnx, …) with its manifest. The server loads it and scores the manifest's reference rows before it is registered.">
        <Link href="/models" className="text-sm text-brand-700 hover:underline">
          ← All models
        </Link>
      </PageHeader>
      {allowed ? (
        <ImportForm />
      ) : (
        // The import API refuses other roles too; this only says so before anyone fills in a form.
        <EmptyState title="Importing models needs the data scientist role">
          You are signed in as {ROLE_LABELS[user.role].toLowerCase()}. Ask an administrator for the data scientist role, or ask a data scientist to import the model.
        </EmptyState>
      )}
    </>
  );
}
