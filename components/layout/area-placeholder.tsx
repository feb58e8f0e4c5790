import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

/** An area that a later release fills: says what will appear, and never shows made-up figures meanwhile. */
export function AreaPlaceholder({ title, description, emptyTitle, children }: { title: string; description: string; emptyTitle: string; children: React.ReactNode }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title={emptyTitle}>{children}</EmptyState>
    </>
  );
}
