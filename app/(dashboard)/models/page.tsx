import type { Metadata } from 'next';
import { AreaPlaceholder } from '@/components/layout/area-placeholder';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Models' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/models');
  return (
    <AreaPlaceholder title="Models" description="The model registry: versions, the champion and challenger aliases, and each version's evaluation." emptyTitle="No registered models yet">
      Once a model is trained and registered, its versions, calibration, ONNX export and per-prediction reasons appear here, with the champion that serves predictions.
    </AreaPlaceholder>
  );
}
