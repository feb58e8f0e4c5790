import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function FeatureNotFound() {
  return (
    <EmptyState title="Unknown feature">
      The production model has no feature by that name, so there is nothing to monitor. The{' '}
      <Link href="/monitoring" className="text-brand-700 hover:underline">
        monitoring page
      </Link>{' '}
      lists every monitored feature in its drift heatmap.
    </EmptyState>
  );
}
