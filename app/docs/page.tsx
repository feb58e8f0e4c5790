import type { Metadata } from 'next';
import { ApiReference } from '@/components/docs/api-reference';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'API docs' };

export default function DocsPage() {
  return (
    <>
      <PageHeader
        title="API docs"
        description="Every endpoint of the scoring, batch and Open Inference Protocol APIs, with examples you can send from this page. Integrations authenticate with an API key (an administrator creates them under Settings); signed-in users are recognised by their session."
      >
        <a href="/api/openapi.json" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
          OpenAPI 3.1 JSON
        </a>
      </PageHeader>
      <ApiReference />
    </>
  );
}
